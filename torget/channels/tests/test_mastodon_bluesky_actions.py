"""Direct messages, deletions and counts on Mastodon (mastodon-py, via responses) and Bluesky
(atproto, via respx), tested against the platforms' documented requests and answers."""

from urllib.parse import parse_qs

import httpx
import pytest
import responses

from torget.channels.connectors.base import RefusedError
from torget.channels.connectors.bluesky import connector as bluesky
from torget.channels.connectors.mastodon import connector as mastodon
from torget.channels.tests.bluesky_fakes import bluesky_channel, signed_in_xrpc
from torget.channels.tests.test_mastodon_polling import INSTANCE, mastodon_channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def mastodon_account(cast):
    return mastodon_channel(cast.alice.organization)


@pytest.fixture
def bluesky_account(cast):
    return bluesky_channel(cast.alice.organization)


@pytest.fixture
def xrpc():
    with signed_in_xrpc() as mock:
        yield mock


def status(**counts) -> dict:
    return {
        "id": "1300",
        "url": f"{INSTANCE}/@bymiljo/1300",
        "created_at": "2026-11-20T15:00:00.000Z",
        "content": "<p>hei</p>",
        "account": {"id": "1", "acct": "bymiljo"},
    } | counts


@responses.activate
def test_a_mastodon_message_is_a_direct_status_naming_its_reader(mastodon_account):
    responses.post(f"{INSTANCE}/api/v1/statuses", json=status())
    sent = mastodon.send_message(mastodon_account, "kari@fjord.social", "Hei Kari", "key-9")
    request = responses.calls[0].request
    form = parse_qs(request.body)
    assert form["status"] == ["@kari@fjord.social Hei Kari"] and form["visibility"] == ["direct"]
    assert request.headers["Idempotency-Key"] == "key-9" and sent.external_id == "1300"


@responses.activate
def test_mastodon_deletes_its_own_status_and_says_when_it_cannot(mastodon_account):
    responses.delete(f"{INSTANCE}/api/v1/statuses/1300", json=status())
    mastodon.delete(mastodon_account, "1300")
    responses.delete(f"{INSTANCE}/api/v1/statuses/1301", status=404, json={"error": "Not found"})
    with pytest.raises(RefusedError, match="404"):
        mastodon.delete(mastodon_account, "1301")


@responses.activate
def test_mastodon_counts(mastodon_account):
    responses.get(
        f"{INSTANCE}/api/v1/accounts/verify_credentials",
        json={"id": "1", "acct": "bymiljo", "followers_count": 8200},
    )
    responses.get(
        f"{INSTANCE}/api/v1/statuses/1300",
        json=status(favourites_count=31, reblogs_count=7, replies_count=4),
    )
    assert mastodon.metrics(mastodon_account).followers == 8200
    counted = mastodon.metrics(mastodon_account, "1300")
    assert (counted.reactions, counted.shares, counted.replies) == (31, 7, 4)


KARI = "did:plc:kari"
POST = "at://did:plc:bymiljo/app.bsky.feed.post/3own"


def test_a_bluesky_message_goes_through_the_chat_service(bluesky_account, xrpc):
    xrpc.get("/com.atproto.identity.resolveHandle").mock(httpx.Response(200, json={"did": KARI}))
    convo = {"id": "convo-1", "rev": "1", "members": [], "muted": False, "unreadCount": 0}
    found = xrpc.get("/chat.bsky.convo.getConvoForMembers").mock(
        httpx.Response(200, json={"convo": convo})
    )
    message = {
        "id": "msg-1",
        "rev": "2",
        "text": "Hei",
        "sender": {"did": "x"},
        "sentAt": "2026-11-20T15:00:00Z",
    }
    sent_route = xrpc.post("/chat.bsky.convo.sendMessage").mock(httpx.Response(200, json=message))
    sent = bluesky.send_message(bluesky_account, "kari.bsky.social", "Hei", "key")
    assert sent.external_id == "convo-1/msg-1"
    assert found.calls.last.request.url.params["members"] == KARI
    request = sent_route.calls.last.request
    assert request.headers["atproto-proxy"] == "did:web:api.bsky.chat#bsky_chat"
    assert b'"convoId":"convo-1"' in request.content.replace(b" ", b"")


def test_bluesky_deletes_its_own_post(bluesky_account, xrpc):
    route = xrpc.post("/com.atproto.repo.deleteRecord").mock(httpx.Response(200, json={}))
    bluesky.delete(bluesky_account, POST)
    body = route.calls.last.request.content.replace(b" ", b"")
    assert b'"collection":"app.bsky.feed.post"' in body and b'"rkey":"3own"' in body


def test_bluesky_counts(bluesky_account, xrpc):
    xrpc.get("/app.bsky.actor.getProfile").mock(
        httpx.Response(
            200,
            json={
                "did": "did:plc:bymiljo",
                "handle": "bymiljo.bsky.social",
                "followersCount": 1200,
            },
        )
    )
    view = {
        "uri": POST,
        "cid": "bafyrei1",
        "author": {"did": "did:plc:bymiljo", "handle": "bymiljo.bsky.social"},
        "record": {
            "$type": "app.bsky.feed.post",
            "text": "hei",
            "createdAt": "2026-11-20T15:00:00Z",
        },
        "indexedAt": "2026-11-20T15:00:00Z",
        "likeCount": 40,
        "repostCount": 5,
        "quoteCount": 2,
        "replyCount": 9,
    }
    xrpc.get("/app.bsky.feed.getPosts").mock(httpx.Response(200, json={"posts": [view]}))
    assert bluesky.metrics(bluesky_account).followers == 1200
    counted = bluesky.metrics(bluesky_account, POST)
    assert (counted.reactions, counted.shares, counted.replies) == (40, 7, 9)
