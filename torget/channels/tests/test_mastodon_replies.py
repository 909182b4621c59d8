"""Replies on Mastodon through mastodon-py, tested at the HTTP level against Mastodon's API:
POST /api/v1/statuses with in_reply_to_id, visibility and the Idempotency-Key header."""

import time
from urllib.parse import parse_qs

import pytest
import requests
import responses

from torget.channels.actions.outbox import do_deliver
from torget.channels.connectors.base import RefusedError, RetryLaterError
from torget.channels.connectors.mastodon import connector
from torget.channels.models import Channel, Outbound
from torget.inbox.actions.items import do_reply_item
from torget.inbox.tests.conftest import body, receive

pytestmark = pytest.mark.django_db
INSTANCE = "https://norden.social"
STATUSES = f"{INSTANCE}/api/v1/statuses"
TOKEN = "tok-0123456789"


@pytest.fixture
def account(cast) -> Channel:
    channel = Channel(
        organization=cast.alice.organization,
        key="mastodon",
        platform="mastodon",
        name="@bymiljo@norden.social",
        settings={"instance": INSTANCE},
    )
    channel.set_secrets({"access_token": TOKEN})
    channel.save()
    return channel


def item_from(cast, kind="mention"):
    author = {"name": "Kari", "handle": "kari@fjord.social"}
    [item] = receive(cast, body("1101", channel="mastodon", kind=kind, author=author))
    return item


def posted(status_id="1202"):
    return {
        "id": status_id,
        "url": f"{INSTANCE}/@bymiljo/{status_id}",
        "created_at": "2026-11-20T15:00:00.000Z",
        "content": "<p>svar</p>",
        "account": {"id": "1", "acct": "bymiljo"},
    }


@responses.activate
def test_a_reply_names_its_writer_and_carries_the_idempotency_key(cast, account):
    responses.post(STATUSES, json=posted())
    sent = connector.reply(account, item_from(cast), "Takk, vi ser på det!", "key-1")
    assert sent.external_id == "1202" and sent.url.endswith("/1202")
    request = responses.calls[0].request
    form = parse_qs(request.body)
    assert form["status"] == ["@kari@fjord.social Takk, vi ser på det!"]
    assert form["in_reply_to_id"] == ["1101"] and form["visibility"] == ["public"]
    assert request.headers["Idempotency-Key"] == "key-1"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


@responses.activate
def test_a_direct_message_is_answered_directly(cast, account):
    responses.post(STATUSES, json=posted())
    connector.reply(account, item_from(cast, kind="message"), "Hei Kari", "key-2")
    assert parse_qs(responses.calls[0].request.body)["visibility"] == ["direct"]


@responses.activate
def test_a_rate_limit_waits_until_the_servers_reset_time(cast, account):
    reset = time.gmtime(time.time() + 120)
    headers = {
        "X-RateLimit-Limit": "300",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", reset),
    }
    responses.post(STATUSES, status=429, json={"error": "Too many requests"}, headers=headers)
    with pytest.raises(RetryLaterError) as waiting:
        connector.reply(account, item_from(cast), "Svar", "key-3")
    assert 100 <= waiting.value.seconds <= 125


@pytest.mark.parametrize(
    ("answer", "expected", "words"),
    [
        ({"status": 401, "json": {"error": "The access token is invalid"}}, RefusedError, "401"),
        ({"status": 404, "json": {"error": "Record not found"}}, RefusedError, "gone"),
        (
            {"status": 422, "json": {"error": "Validation failed: Text too long"}},
            RefusedError,
            "too long",
        ),
        ({"status": 503, "body": "Service Unavailable"}, RetryLaterError, "did not answer"),
        ({"body": requests.ConnectionError("connection refused")}, RetryLaterError, "answer"),
    ],
)
@responses.activate
def test_each_failure_is_retried_or_refused_with_its_reason(cast, account, answer, expected, words):
    responses.post(STATUSES, **answer)
    with pytest.raises(expected, match=words):
        connector.reply(account, item_from(cast), "Svar", "key-4")


@responses.activate
def test_through_the_outbox_a_retry_sends_the_same_key_and_posts_once(cast, account):
    responses.post(STATUSES, status=502, body="Bad Gateway")
    responses.post(STATUSES, json=posted())
    reply = do_reply_item(cast.bob, item_from(cast), "Bossbilen kommer tirsdag.")
    first = do_deliver(reply.outbound.pk)
    assert first.state == Outbound.State.RETRYING
    second = do_deliver(reply.outbound.pk, first.next_attempt_at)
    assert (second.state, second.url) == (Outbound.State.SENT, f"{INSTANCE}/@bymiljo/1202")
    keys = {call.request.headers["Idempotency-Key"] for call in responses.calls}
    assert keys == {str(reply.outbound.idempotency_key)}


@responses.activate
def test_an_admin_connects_an_account_with_its_token_and_a_wrong_token_is_said(cast):
    verify = f"{INSTANCE}/api/v1/accounts/verify_credentials"
    responses.get(verify, json={"id": "1", "acct": "bymiljo", "username": "bymiljo"})
    form = {
        "platform": "mastodon",
        "name": "Mastodon",
        "key": "mastodon",
        "server": INSTANCE,
        "access_token": TOKEN,
    }
    client = cast.client_for(cast.alice)
    assert client.post("/channels/", form).status_code == 302
    channel = Channel.objects.get(key="mastodon")
    assert channel.settings == {"instance": INSTANCE, "account": "bymiljo@norden.social"}
    assert channel.secrets()["access_token"] == TOKEN
    assert responses.calls[0].request.headers["Authorization"] == f"Bearer {TOKEN}"
    responses.replace(responses.GET, verify, status=401, json={"error": "invalid token"})
    refused = client.post(
        "/channels/", form | {"key": "mastodon-2"}, headers={"Accept-Language": "en"}
    )
    assert "refused the access token" in refused.content.decode()
    assert not Channel.objects.filter(key="mastodon-2").exists()
