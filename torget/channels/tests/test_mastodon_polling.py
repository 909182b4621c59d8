"""Receiving from Mastodon by polling its notifications, tested at the HTTP level against
GET /api/v1/notifications: the cursor moves forward without gaps or doubles, and what the
server says against us is shown on the channel."""

import time
from urllib.parse import parse_qs, urlparse

import pytest
import responses
from django.utils import timezone

from torget.channels.actions import polling
from torget.channels.actions.polling import do_poll
from torget.channels.models import Channel, WebhookDelivery
from torget.inbox.models import Item

pytestmark = pytest.mark.django_db
INSTANCE = "https://norden.social"
NOTIFICATIONS = f"{INSTANCE}/api/v1/notifications"


@pytest.fixture
def account(cast) -> Channel:
    return mastodon_channel(cast.alice.organization)


def mastodon_channel(organization) -> Channel:
    channel = Channel(
        organization=organization,
        key="mastodon",
        platform="mastodon",
        name="@bymiljo@norden.social",
        settings={"instance": INSTANCE, "account": "bymiljo@norden.social"},
    )
    channel.set_secrets({"access_token": "tok-0123456789"})
    channel.save()
    return channel


def mention(notification_id: int, text="Når kommer søppelbilen?", visibility="public") -> dict:
    status_id = str(9000 + notification_id)
    return {
        "id": str(notification_id),
        "type": "mention",
        "created_at": "2026-11-20T15:00:00.000Z",
        "account": {"id": "7", "acct": "kari@fjord.social", "display_name": "Kari"},
        "status": {
            "id": status_id,
            "created_at": "2026-11-20T15:00:00.000Z",
            "content": f"<p>@bymiljo {text}</p>",
            "visibility": visibility,
            "in_reply_to_id": None,
            "account": {"id": "7", "acct": "kari@fjord.social", "display_name": "Kari"},
            "url": f"https://fjord.social/@kari/{status_id}",
            "media_attachments": [],
        },
    }


def favourite(notification_id: int) -> dict:
    return {
        "id": str(notification_id),
        "type": "favourite",
        "created_at": "2026-11-20T15:00:00.000Z",
        "account": {"id": "8", "acct": "ola@norden.social"},
    }


def asked() -> list[dict]:
    return [parse_qs(urlparse(call.request.url).query) for call in responses.calls]


def items(account) -> list[Item]:
    return list(Item.objects.filter(channel=account.key).order_by("external_id"))


@responses.activate
def test_it_starts_from_the_latest_page_and_keeps_only_what_is_addressed(account):
    responses.get(NOTIFICATIONS, json=[mention(12), favourite(11), mention(10)])
    assert do_poll(account) == 2
    [query] = asked()
    assert "min_id" not in query and query["limit"] == ["40"]
    assert set(query["types[]"]) == {"mention", "quote"}
    assert [i.external_id for i in items(account)] == ["9010", "9012"]
    assert items(account)[0].author.handle == "kari@fjord.social"
    account.refresh_from_db()
    assert account.cursor == "12" and account.polled_at is not None


@responses.activate
def test_it_goes_on_from_its_cursor_and_never_doubles(account):
    account.cursor = "12"
    account.save()
    responses.get(NOTIFICATIONS, json=[mention(13), mention(12)])
    responses.get(NOTIFICATIONS, json=[])
    do_poll(account)
    do_poll(account)
    assert [q["min_id"] for q in asked()] == [["12"], ["13"]]
    assert [i.external_id for i in items(account)] == ["9012", "9013"]


@responses.activate
def test_a_full_page_is_followed_by_the_next_at_once(account):
    account.cursor = "100"
    account.save()
    responses.get(NOTIFICATIONS, json=[mention(n) for n in range(140, 100, -1)])
    responses.get(NOTIFICATIONS, json=[mention(141)])
    assert do_poll(account) == 41
    assert [q["min_id"] for q in asked()] == [["100"], ["140"]]
    account.refresh_from_db()
    assert account.cursor == "141"


@responses.activate
def test_a_direct_message_arrives_as_a_message(account):
    responses.get(NOTIFICATIONS, json=[mention(5, "Hei, privat spørsmål", "direct")])
    do_poll(account)
    assert items(account)[0].kind == "message"


@responses.activate
def test_a_rate_limit_is_shown_and_waited_out_without_moving_the_cursor(account):
    reset = time.gmtime(time.time() + 300)
    headers = {
        "X-RateLimit-Limit": "300",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", reset),
    }
    responses.get(NOTIFICATIONS, status=429, json={"error": "Too many requests"}, headers=headers)
    account.cursor = "12"
    account.save()
    do_poll(account)
    account.refresh_from_db()
    assert account.cursor == "12" and "429" in account.trouble
    assert account.rate_limited_until > timezone.now() + timezone.timedelta(minutes=4)
    do_poll(account)  # still limited: the server is not asked
    assert len(responses.calls) == 1


@responses.activate
def test_a_refused_token_is_shown_on_the_channel(account):
    responses.get(NOTIFICATIONS, status=401, json={"error": "The access token is invalid"})
    do_poll(account)
    account.refresh_from_db()
    assert "connect again" in account.trouble and account.cursor == ""
    assert account.rate_limited_until > timezone.now() + timezone.timedelta(minutes=4)


@responses.activate
def test_a_good_poll_clears_the_trouble(account):
    account.trouble = "the server did not answer"
    account.save()
    responses.get(NOTIFICATIONS, json=[mention(3)])
    do_poll(account)
    account.refresh_from_db()
    assert account.trouble == ""


@responses.activate
def test_a_crash_between_fetching_and_keeping_loses_nothing(account, monkeypatch):
    responses.get(NOTIFICATIONS, json=[mention(21), mention(20)])

    def crash(*args):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(polling, "keep", crash)
    with pytest.raises(RuntimeError):
        do_poll(account)
    account.refresh_from_db()
    assert account.cursor == "" and not WebhookDelivery.objects.exists()
    monkeypatch.undo()
    do_poll(account)
    assert [i.external_id for i in items(account)] == ["9020", "9021"]
    assert WebhookDelivery.objects.get().via == WebhookDelivery.Via.POLL


def waiting_polls() -> list:
    from django_tasks_db.models import DBTaskResult

    from torget.channels.tasks import poll

    return list(DBTaskResult.objects.filter(task_path=poll.module_path, status="READY"))


def test_the_clock_starts_polling_a_channel_never_polled_once(account, cast):
    Channel.objects.create(organization=cast.alice.organization, key="s", platform="sandbox")
    assert polling.do_poll_due(timezone.now()) == 1
    assert polling.do_poll_due(timezone.now()) == 0  # one poll waits already
    [waiting] = waiting_polls()
    assert waiting.args_kwargs["args"] == [account.pk]


@responses.activate
def test_a_poll_schedules_the_next_one(account):
    from torget.channels.tasks import poll

    responses.get(NOTIFICATIONS, json=[])
    poll.call(account.pk)
    [waiting] = waiting_polls()
    assert waiting.run_after > timezone.now() + timezone.timedelta(seconds=20)


@responses.activate
def test_a_second_poll_while_one_runs_leaves_the_channel_to_it(account):
    from django.core.cache import caches

    responses.get(NOTIFICATIONS, json=[mention(30)])
    caches["shared"].add(f"polling-now:{account.pk}", 1, timeout=60)  # another worker polls
    assert do_poll(account) == 0 and not responses.calls
    caches["shared"].delete(f"polling-now:{account.pk}")
    assert do_poll(account) == 1
