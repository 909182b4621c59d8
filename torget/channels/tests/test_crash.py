"""A real `torget worker` killed while the platform is answering delivers the reply once.

The platform (the sandbox) takes the reply and then takes three seconds to answer; the worker
is killed with SIGKILL in those seconds, before it can record anything. A second worker is
started: the reply must reach the platform exactly once and be recorded as sent. Runs on its
own SQLite database in a temporary folder, in separate processes, as in production.
"""

import os
import signal
import subprocess
import sys
import time

import pytest

SETUP = """
import django; django.setup()
from django.contrib.auth import get_user_model
from torget.channels.models import Channel
from torget.inbox.actions.ingest import do_receive_items
from torget.inbox.actions.items import do_reply_item
from torget.inbox.ingest import check_item
from torget.orgs.actions.organizations import do_create_organization

owner = do_create_organization("Bymiljøetaten", get_user_model().objects.create_user("alice"))
Channel.objects.create(organization=owner.organization, key="sandbox", platform="sandbox",
                       name="Sandkassen", settings={"delay_ms": 3000})
body = {"channel": "sandbox", "external_id": "s1", "kind": "comment", "text": "Når?",
        "author": {"name": "Kari", "handle": "kari"}, "received_at": "2026-11-20T10:00:00+01:00"}
[received] = do_receive_items(owner.organization, [check_item(body, set(), set())])
do_reply_item(owner, received.item, "Tirsdag!")
"""
STATE = """
import django, json; django.setup()
from torget.channels.models import Outbound, SandboxPost
states = list(Outbound.objects.values_list("state", flat=True))
print(json.dumps([SandboxPost.objects.count(), states]))
"""


@pytest.fixture
def environment(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"TORGET_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "torget.settings"}
    env |= {"OUTBOX_LEASE_SECONDS": "2"}
    run([sys.executable, "-m", "torget.cli", "migrate", "-v", "0"], env)
    run([sys.executable, "-c", SETUP], env)
    return env


def run(command, env) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def state(env) -> tuple[int, list[str]]:
    import json

    posts, states = json.loads(run([sys.executable, "-c", STATE], env))
    return posts, states


def worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "torget.cli", "worker", "--no-startup-delay", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, env, seconds: float) -> tuple[int, list[str]]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = state(env)
        if condition(*found):
            return found
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting; last seen {found}")


def test_a_worker_killed_mid_delivery_leaves_one_reply_on_the_platform(environment):
    first = worker(environment)
    try:
        # The platform has taken the reply and is still answering: kill the worker now.
        wait_for(lambda posts, states: posts == 1, environment, 30)
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.wait(10)
    assert state(environment) == (1, ["sending"])

    second = worker(environment)
    try:
        posts, states = wait_for(lambda posts, states: states == ["sent"], environment, 30)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(10)
    assert posts == 1
