"""Channels in the JSON API: what is connected and how it is doing, never a secret, never
another organization's."""

import pytest
from django_tasks_db.models import DBTaskResult

from torget.channels.models import Channel
from torget.channels.tasks import poll_once

pytestmark = pytest.mark.django_db


@pytest.fixture
def mastodon(cast) -> Channel:
    channel = Channel(
        organization=cast.alice.organization,
        key="mastodon",
        platform="mastodon",
        name="@bymiljo@norden.social",
        settings={"instance": "https://norden.social", "account": "bymiljo@norden.social"},
        trouble="429 Too Many Requests",
    )
    channel.set_secrets({"access_token": "tok-very-secret"})
    channel.save()
    return channel


def test_it_lists_the_organizations_channels_with_limits_and_health(cast, mastodon):
    answer = cast.api_for(cast.bob).get("/api/v1/channels")
    assert answer.status_code == 200
    [listed] = answer.json()
    assert listed["key"] == "mastodon" and listed["account"] == "bymiljo@norden.social"
    assert listed["limits"]["text"] == 500 and listed["limits"]["can_hide"] is False
    assert listed["health"]["trouble"] == "429 Too Many Requests"
    assert "tok-very-secret" not in answer.content.decode()
    assert "sealed" not in answer.content.decode()


def test_another_organization_sees_none_of_it(cast, mastodon):
    api = cast.api_for(cast.mallory)
    assert api.get("/api/v1/channels").json() == []
    assert api.get(f"/api/v1/channels/{mastodon.pk}").status_code == 404
    assert api.post(f"/api/v1/channels/{mastodon.pk}/fetch").status_code == 404


def test_one_channel_and_fetching_it_now(cast, mastodon, django_capture_on_commit_callbacks):
    assert cast.api_for(cast.bob).get(f"/api/v1/channels/{mastodon.pk}").json()["id"] == mastodon.pk
    assert cast.api_for(cast.bob).post(f"/api/v1/channels/{mastodon.pk}/fetch").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        answer = cast.api_for(cast.alice).post(f"/api/v1/channels/{mastodon.pk}/fetch")
    assert answer.status_code == 202
    waiting = DBTaskResult.objects.filter(task_path=poll_once.module_path, status="READY")
    assert [task.args_kwargs["args"] for task in waiting] == [[mastodon.pk]]


def test_the_platforms_say_what_they_take_and_how_they_connect(cast):
    platforms = {p["platform"]: p for p in cast.api_for(cast.bob).get("/api/v1/platforms").json()}
    assert {"mastodon", "bluesky", "facebook", "instagram", "email", "website"} <= set(platforms)
    assert platforms["bluesky"]["limits"]["text"] == 300
    assert platforms["mastodon"]["connects_by"] == "sign-in"
    assert platforms["facebook"]["receives"] == "webhook"
    assert platforms["bluesky"]["receives"] == "poll"
