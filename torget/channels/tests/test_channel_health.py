"""The channels page shows what a platform last said against us — a refused token, a rate
limit, access about to lapse — and lets an admin fetch a polled channel at once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from torget.channels.models import Channel
from torget.channels.tasks import poll_once

pytestmark = pytest.mark.django_db


@pytest.fixture
def mastodon(cast) -> Channel:
    return Channel.objects.create(
        organization=cast.alice.organization,
        key="mastodon",
        platform="mastodon",
        name="@bymiljo@norden.social",
        settings={"instance": "https://norden.social"},
    )


def page_for(cast, member) -> str:
    client = cast.client_for(member)
    return client.get("/channels/", headers={"Accept-Language": "en"}).content.decode()


def test_it_shows_the_problem_the_rate_limit_and_when_it_last_fetched(cast, mastodon):
    mastodon.trouble = "429 Too Many Requests"
    mastodon.trouble_at = mastodon.polled_at = timezone.now()
    mastodon.rate_limited_until = timezone.now() + timedelta(minutes=5)
    mastodon.save()
    text = page_for(cast, cast.bob)
    assert "429 Too Many Requests" in text
    assert "The platform asked us to wait until" in text
    assert "Last fetched" in text and "Not yet" not in text


def test_a_rate_limit_that_has_passed_is_not_shown(cast, mastodon):
    mastodon.rate_limited_until = timezone.now() - timedelta(seconds=1)
    mastodon.save()
    assert "asked us to wait" not in page_for(cast, cast.alice)


def test_access_about_to_lapse_is_warned_about_two_weeks_ahead(cast, mastodon):
    mastodon.token_expires_at = timezone.now() + timedelta(days=10)
    mastodon.save()
    assert "connect the channel again before then" in page_for(cast, cast.alice)
    mastodon.token_expires_at = timezone.now() + timedelta(days=40)
    mastodon.save()
    text = page_for(cast, cast.alice)
    assert "Access expires" in text and "connect the channel again" not in text


def fetches_waiting() -> int:
    return DBTaskResult.objects.filter(task_path=poll_once.module_path, status="READY").count()


def test_an_admin_fetches_a_polled_channel_at_once(
    cast, mastodon, django_capture_on_commit_callbacks
):
    assert "Fetch now" in page_for(cast, cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        answer = cast.client_for(cast.alice).post(f"/channels/{mastodon.pk}/fetch-now/")
    assert answer.status_code == 302 and fetches_waiting() == 1


def test_responders_and_other_organizations_cannot_fetch(cast, mastodon):
    assert "Fetch now" not in page_for(cast, cast.bob)
    assert cast.client_for(cast.bob).post(f"/channels/{mastodon.pk}/fetch-now/").status_code == 403
    stranger = cast.client_for(cast.mallory).post(f"/channels/{mastodon.pk}/fetch-now/")
    assert stranger.status_code == 404 and fetches_waiting() == 0


def test_a_webhook_channel_has_nothing_to_fetch(cast):
    facebook = Channel.objects.create(
        organization=cast.alice.organization, key="fb", platform="facebook", name="Facebook"
    )
    assert "Fetch now" not in page_for(cast, cast.alice)
    answer = cast.client_for(cast.alice).post(f"/channels/{facebook.pk}/fetch-now/")
    assert answer.status_code == 403 and fetches_waiting() == 0
