"""Replies on Bluesky through the atproto SDK, tested at the HTTP level against the XRPC
endpoints: createSession, getPosts, getPostThread, resolveHandle, createRecord."""

import json
import time

import httpx
import pytest

from torget.channels.connectors.base import RefusedError, RetryLaterError
from torget.channels.connectors.bluesky import connector
from torget.channels.models import Channel
from torget.channels.tests.bluesky_fakes import OURS, signed_in_xrpc
from torget.inbox.tests.conftest import body, receive

pytestmark = pytest.mark.django_db
ROOT = "at://did:plc:bymiljo/app.bsky.feed.post/3root"
PARENT = "at://did:plc:kari/app.bsky.feed.post/3kari"


def post_view(uri: str, did: str, text: str, reply: dict | None = None) -> dict:
    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-11-20T15:00:00Z"}
    return {
        "uri": uri,
        "cid": "bafyreib2rxk3rh6kzwq",
        "author": {"did": did, "handle": did.split(":")[-1] + ".bsky.social"},
        "record": record | ({"reply": reply} if reply else {}),
        "indexedAt": "2026-11-20T15:00:01Z",
    }


@pytest.fixture
def account(cast) -> Channel:
    channel = Channel(
        organization=cast.alice.organization,
        key="bluesky",
        platform="bluesky",
        name="Bluesky",
        settings={"account": "bymiljo.bsky.social"},
    )
    channel.set_secrets({"app_password": "abcd-efgh-ijkl-mnop"})
    channel.save()
    return channel


@pytest.fixture
def xrpc():
    with signed_in_xrpc() as mock:
        root_ref = {"uri": ROOT, "cid": "bafyreib2rxk3rh6kzwq"}
        parent = post_view(PARENT, "did:plc:kari", "Når?", {"root": root_ref, "parent": root_ref})
        mock.get("/app.bsky.feed.getPosts", name="app.bsky.feed.getPosts").mock(
            return_value=httpx.Response(200, json={"posts": [parent]})
        )
        mock.get("/app.bsky.feed.getPostThread", name="app.bsky.feed.getPostThread").mock(
            return_value=httpx.Response(
                200,
                json={
                    "thread": {
                        "$type": "app.bsky.feed.defs#threadViewPost",
                        "post": parent,
                        "replies": [],
                    }
                },
            )
        )
        mock.get(
            "/com.atproto.identity.resolveHandle", name="com.atproto.identity.resolveHandle"
        ).mock(return_value=httpx.Response(200, json={"did": "did:plc:kari"}))
        mock.post("/com.atproto.repo.createRecord", name="com.atproto.repo.createRecord").mock(
            return_value=httpx.Response(
                200, json={"uri": f"at://{OURS}/app.bsky.feed.post/3reply", "cid": "bafyreic"}
            )
        )
        yield mock


def item_from(cast):
    [item] = receive(
        cast,
        body(
            PARENT,
            channel="bluesky",
            kind="reply",
            author={"name": "Kari", "handle": "kari.bsky.social"},
        ),
    )
    return item


def test_a_reply_points_at_its_root_and_parent_with_facets_in_utf8_bytes(cast, account, xrpc):
    text = "Hei @kari.bsky.social! Søppelet hentes tirsdag 🗑️ https://bym.no/tømming #renovasjon"
    sent = connector.reply(account, item_from(cast), text, "key")
    assert sent.external_id.endswith("/3reply")
    assert sent.url == "https://bsky.app/profile/bymiljo.bsky.social/post/3reply"
    record = json.loads(xrpc["com.atproto.repo.createRecord"].calls.last.request.content)["record"]
    assert record["reply"]["root"]["uri"] == ROOT and record["reply"]["parent"]["uri"] == PARENT
    encoded = text.encode()
    for facet in record["facets"]:
        start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
        feature = facet["features"][0]
        shown = encoded[start:end].decode()
        if feature["$type"].endswith("#link"):
            assert shown == feature["uri"] == "https://bym.no/tømming"
        elif feature["$type"].endswith("#tag"):
            assert shown == "#renovasjon"
        else:
            assert (shown, feature["did"]) == ("@kari.bsky.social", "did:plc:kari")
    assert len(record["facets"]) == 3
    assert account.secrets()["session"]  # kept for the next reply: no new sign-in


def test_an_identical_reply_of_ours_already_there_is_not_posted_again(cast, account, xrpc):
    ours = post_view(f"at://{OURS}/app.bsky.feed.post/3old", OURS, "Takk!")
    xrpc["app.bsky.feed.getPostThread"].mock(
        return_value=httpx.Response(
            200,
            json={
                "thread": {
                    "$type": "app.bsky.feed.defs#threadViewPost",
                    "post": post_view(PARENT, "did:plc:kari", "Når?"),
                    "replies": [{"$type": "app.bsky.feed.defs#threadViewPost", "post": ours}],
                }
            },
        )
    )
    sent = connector.reply(account, item_from(cast), "Takk!", "key")
    assert sent.external_id.endswith("/3old")
    assert not xrpc["com.atproto.repo.createRecord"].called


def test_rate_limits_wait_for_the_reset_and_refusals_say_why(cast, account, xrpc):
    reset = str(int(time.time()) + 90)
    xrpc["com.atproto.repo.createRecord"].mock(
        return_value=httpx.Response(
            429, headers={"ratelimit-reset": reset}, json={"error": "RateLimitExceeded"}
        )
    )
    with pytest.raises(RetryLaterError) as waiting:
        connector.reply(account, item_from(cast), "Svar", "key")
    assert 80 <= waiting.value.seconds <= 91
    xrpc["com.atproto.repo.createRecord"].mock(
        return_value=httpx.Response(
            400, json={"error": "InvalidRequest", "message": "Record/text must not be longer"}
        )
    )
    with pytest.raises(RefusedError, match="longer"):
        connector.reply(account, item_from(cast), "Svar", "key")


def test_a_wrong_app_password_is_said_when_connecting(cast, account, xrpc):
    xrpc["com.atproto.server.createSession"].mock(
        return_value=httpx.Response(
            401,
            json={"error": "AuthenticationRequired", "message": "Invalid identifier or password"},
        )
    )
    with pytest.raises(RefusedError, match="app password"):
        connector.verify(account)


def test_an_admin_connects_an_account_with_its_handle_and_app_password(cast, xrpc):
    form = {
        "platform": "bluesky",
        "name": "Bluesky",
        "key": "bluesky",
        "account": "bymiljo.bsky.social",
        "access_token": "abcd-efgh-ijkl-mnop",
    }
    assert cast.client_for(cast.alice).post("/channels/", form).status_code == 302
    channel = Channel.objects.get(key="bluesky")
    assert channel.settings == {"account": "bymiljo.bsky.social"}
    assert set(channel.secrets()) >= {"app_password", "session"}
    login = json.loads(xrpc["com.atproto.server.createSession"].calls.last.request.content)
    assert login == {"identifier": "bymiljo.bsky.social", "password": "abcd-efgh-ijkl-mnop"}
