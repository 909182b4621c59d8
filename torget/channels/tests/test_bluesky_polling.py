"""Receiving from Bluesky by polling app.bsky.notification.listNotifications, tested at the
HTTP level: Bluesky pages from the newest back, so each poll walks back to its cursor."""

import httpx
import pytest
import respx

from torget.channels.actions.polling import do_poll
from torget.channels.models import Channel
from torget.channels.tests.bluesky_fakes import bluesky_channel, signed_in_xrpc
from torget.inbox.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(cast) -> Channel:
    return bluesky_channel(cast.alice.organization)


def notification(n: int, reason="mention", indexed_at="") -> dict:
    uri = f"at://did:plc:kari/app.bsky.feed.post/3p{n:03d}"
    record = {"$type": "app.bsky.feed.post", "text": f"@bymiljo.bsky.social nr {n}"}
    return {
        "uri": uri,
        "cid": f"bafyrei{n:04d}",
        "author": {"did": "did:plc:kari", "handle": "kari.bsky.social", "displayName": "Kari"},
        "reason": reason,
        "record": record | {"createdAt": indexed_at or f"2026-11-20T15:{n % 60:02d}:00.000Z"},
        "isRead": False,
        "indexedAt": indexed_at or f"2026-11-20T15:{n % 60:02d}:00.000Z",
    }


@pytest.fixture
def xrpc():
    with signed_in_xrpc() as mock:
        yield mock


def pages(xrpc, *responses) -> respx.Route:
    route = xrpc.get("/app.bsky.notification.listNotifications")
    route.side_effect = [httpx.Response(200, json=body) for body in responses]
    return route


def uris(account) -> list[str]:
    items = Item.objects.filter(channel=account.key).order_by("external_id")
    return [item.external_id.rsplit("/", 1)[-1] for item in items]


def test_it_starts_with_the_newest_page_asking_only_for_what_is_addressed(account, xrpc):
    route = pages(xrpc, {"notifications": [notification(3), notification(2)], "cursor": "c1"})
    assert do_poll(account) == 2
    query = route.calls.last.request.url.params
    assert sorted(query.get_list("reasons")) == ["mention", "quote", "reply"]
    assert "cursor" not in query
    account.refresh_from_db()
    assert account.cursor == "2026-11-20T15:03:00.000Z"
    assert uris(account) == ["3p002", "3p003"]


def test_it_walks_back_to_its_cursor_and_no_further(account, xrpc):
    account.cursor = "2026-11-20T15:02:00.000Z"
    account.save()
    route = pages(
        xrpc,
        {"notifications": [notification(6), notification(5)], "cursor": "older"},
        {"notifications": [notification(4), notification(2), notification(1)], "cursor": "x"},
    )
    assert do_poll(account) == 4  # 2 is at the cursor itself: fetched again, kept once
    assert route.calls[1].request.url.params["cursor"] == "older"
    assert route.call_count == 2
    account.refresh_from_db()
    assert account.cursor == "2026-11-20T15:06:00.000Z"
    assert uris(account) == ["3p002", "3p004", "3p005", "3p006"]


def test_polling_again_doubles_nothing(account, xrpc):
    page = {"notifications": [notification(3), notification(2)]}
    pages(xrpc, page, page)
    do_poll(account)
    do_poll(account)
    assert uris(account) == ["3p002", "3p003"]


def test_the_same_instant_written_two_ways_is_not_taken_for_earlier(account, xrpc):
    account.cursor = "2026-11-20T15:02:00.000Z"
    account.save()
    pages(xrpc, {"notifications": [notification(7, indexed_at="2026-11-20T15:02:00Z")]})
    do_poll(account)
    assert uris(account) == ["3p007"]


def test_a_rate_limit_is_shown_on_the_channel(account, xrpc):
    xrpc.get("/app.bsky.notification.listNotifications").mock(
        return_value=httpx.Response(
            429,
            json={"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
            headers={"ratelimit-reset": "9999999999"},
        )
    )
    do_poll(account)
    account.refresh_from_db()
    assert "429" in account.trouble and account.rate_limited_until is not None
    assert account.cursor == ""


def test_a_refused_app_password_is_shown_on_the_channel(account, xrpc):
    xrpc.post("/com.atproto.server.createSession").mock(
        return_value=httpx.Response(
            401, json={"error": "AuthenticationRequired", "message": "Invalid identifier"}
        )
    )
    do_poll(account)
    account.refresh_from_db()
    assert "connect the account again" in account.trouble


def test_a_walk_longer_than_one_fetch_goes_on_where_it_got_to_and_loses_nothing(account, xrpc):
    account.cursor = "2026-11-20T14:00:00.000Z"
    account.save()

    # 12 full pages of new notifications: more than one fetch walks (10), then the cursor.
    def second(n: int) -> str:
        return f"2026-11-20T15:{59 - n // 60:02d}:{59 - n % 60:02d}.000Z"

    newest_first = [notification(n, indexed_at=second(n)) for n in range(12 * 50)]
    bodies = [
        {"notifications": newest_first[start : start + 50], "cursor": f"page-{start // 50 + 1}"}
        for start in range(0, len(newest_first), 50)
    ] + [{"notifications": [notification(999, indexed_at="2026-11-20T13:00:00.000Z")]}]
    route = pages(xrpc, *bodies)
    do_poll(account)
    assert route.call_count == 13
    assert route.calls[10].request.url.params["cursor"] == "page-10"  # the second fetch goes on
    assert Item.objects.filter(channel="bluesky").count() == 600
    account.refresh_from_db()
    assert account.cursor == "2026-11-20T15:59:59.000Z"
