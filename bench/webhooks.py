"""Signed Meta webhook deliveries through the real server: accepted per second, end to end.

Starts `torget serve` and one `torget worker` on a throwaway database with a connected Facebook
page, then 20 concurrent senders (keep-alive, like Meta's delivery fleet) POST signed page-feed
bodies to the channel's /hooks/ address. The server verifies each (X-Hub-Signature-256), reads
it, keeps it and answers; the worker receives what was kept into the inbox in batches
(language, sentiment, triage, due time, storms). Two rates: deliveries answered per second,
with their latency, and deliveries in the inbox per second, from the first sent to the last
item stored. Every body is a new comment on one of a few posts, so nothing is a duplicate;
afterwards the inbox must hold exactly one item per comment: nothing lost, nothing doubled.

The baseline, measured in the same run with the same senders: the channel's GET handshake,
which goes through the same server, middleware and channel lookup but receives nothing.

    .venv/bin/python bench/webhooks.py [--deliveries 3000] [--senders 20]
                                       [--database-url postgres://…/postgres]

Goal: at least 500 deliveries/s on SQLite with p99 under 200 ms (both rates are checked).
"""

import argparse
import http.client
import itertools
import json
import os
import random
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta

from _setup import ROOT, BenchDatabase, add_database_option, make_inbox, percentile
from inbox_list import free_port, start_server, stop_server
from ingest import citizen_text

GOAL_RATE = 500
GOAL_P99_MS = 200
APP_SECRET = "b3nch-app-secret-0123456789abcdef"
PAGE = "104543210"


def bodies(count: int) -> list[bytes]:
    rng = random.Random(2026)
    start = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    posts = [f"{PAGE}_{n}" for n in range(1, 6)]
    made = []
    for n in range(count):
        post = rng.choice(posts)
        value = {
            "item": "comment",
            "verb": "add",
            "comment_id": f"{post}_{n}",
            "post_id": post,
            "parent_id": post,
            "from": {"id": str(10_000 + rng.randrange(2000)), "name": f"Innbygger {n % 2000}"},
            "created_time": int((start + timedelta(seconds=n)).timestamp()),
            "message": citizen_text(rng),
        }
        entry = {"id": PAGE, "time": value["created_time"]}
        entry["changes"] = [{"field": "feed", "value": value}]
        made.append(json.dumps({"object": "page", "entry": [entry]}).encode())
    return made


def send(port: int, requests: list[tuple[str, str, bytes, dict]], senders: int):
    """Each sender keeps one connection and takes the next request until none are left."""
    counter = itertools.count()
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def sender() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], []
        while (index := next(counter)) < len(requests):
            method, path, body, headers = requests[index]
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body or None, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                if response.status != 200:
                    bad.append(f"HTTP {response.status}: {answer[:200]!r}")
            except (OSError, http.client.HTTPException) as error:
                bad.append(repr(error))
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    threads = [threading.Thread(target=sender) for _ in range(senders)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures, time.perf_counter() - started


def report(title: str, latencies, failures, wall: float) -> tuple[float, float]:
    rate = len(latencies) / wall
    ordered = sorted(latencies)
    p50, p95, p99 = (percentile(ordered, q) * 1000 for q in (0.50, 0.95, 0.99))
    print(
        f"  {title:34s} {len(latencies):6,d} in {wall:6.1f} s  {rate:7,.0f}/s  "
        f"p50 {p50:6.1f}  p95 {p95:6.1f}  p99 {p99:6.1f} ms  failed {len(failures)}"
    )
    for failure in failures[:5]:
        print(f"    {failure}")
    return rate, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deliveries", type=int, default=3000)
    parser.add_argument("--senders", type=int, default=20)
    add_database_option(parser)
    args = parser.parse_args()

    with BenchDatabase(args.database_url) as database:
        from torget.channels.models import Channel
        from torget.channels.webhooks import signature_of
        from torget.inbox.models import Item

        inbox = make_inbox("Bymiljøetaten", "alice")
        channel = Channel(organization=inbox.organization, key="facebook", platform="facebook")
        channel.name = "Bymiljøetaten på Facebook"
        channel.set_secrets({"app_secret": APP_SECRET, "verify_token": "bench"})
        channel.save()
        path = f"/hooks/{channel.hook_token}/"
        print(f"{database.label}; {os.cpu_count()} cores; {args.senders} senders")

        signed = [
            ("POST", path, body, {"Content-Type": "application/json",
                                  "X-Hub-Signature-256": signature_of(APP_SECRET, body)})
            for body in bodies(args.deliveries)
        ]  # fmt: skip
        handshake = f"{path}?hub.mode=subscribe&hub.verify_token=bench&hub.challenge=42"
        baseline = [("GET", handshake, b"", {})] * args.deliveries

        items = Item.objects.filter(organization=inbox.organization, channel="facebook")
        port = free_port()
        server = start_server(database, port, ROOT / "bench-webhooks-server.log", None, None)
        worker = subprocess.Popen(
            [str(ROOT / ".venv/bin/torget"), "worker", "--no-startup-delay", "--interval", "0.2"],
            env=database.server_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_rate, _ = report("baseline: GET handshake", *send(port, baseline, args.senders))
            started = time.perf_counter()
            rate, p99 = report("signed deliveries answered", *send(port, signed, args.senders))
            while items.count() < args.deliveries and time.perf_counter() - started < 600:
                time.sleep(0.2)
            end_to_end = items.count() / (time.perf_counter() - started)
        finally:
            stop_server(server)
            stop_server(worker)

        stored = items.count()
        print(f"  in the inbox: {stored:,} items for {args.deliveries:,} comments, "
              f"{end_to_end:,.0f}/s from the first sent to the last stored "
              f"(all once: {'yes' if stored == args.deliveries else 'NO'})")  # fmt: skip
        print(f"  deliveries answered/s against the handshake baseline: {rate / base_rate:.2f}")
        if database.label.startswith("SQLite"):
            holds = min(rate, end_to_end) >= GOAL_RATE and p99 < GOAL_P99_MS
            verdict = "holds" if holds else "MISSED"
            print(f"goal ≥ {GOAL_RATE}/s with p99 < {GOAL_P99_MS} ms on SQLite: {verdict}")


if __name__ == "__main__":
    main()
