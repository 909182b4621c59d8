"""Replies on a Facebook page through the Graph API, tested at the HTTP level (respx)."""

import httpx
import pytest
import respx

from torget.channels.connectors.base import RefusedError, RetryLaterError
from torget.channels.connectors.facebook import GRAPH, connector
from torget.channels.models import Channel
from torget.inbox.tests.conftest import body, receive

pytestmark = pytest.mark.django_db
PAGE = "104543"
COMMENT = f"{PAGE}_1_2"


@pytest.fixture
def page(cast) -> Channel:
    channel = Channel(
        organization=cast.alice.organization,
        key="facebook",
        platform="facebook",
        name="Siden",
        settings={"account": PAGE},
    )
    channel.set_secrets({"app_secret": "s", "access_token": "page-token"})
    channel.save()
    return channel


def comment(cast, kind="comment"):
    [item] = receive(cast, body(COMMENT, kind=kind, author={"name": "Kari", "handle": "777"}))
    return item


def no_earlier_answer():
    return respx.get(f"{GRAPH}/{COMMENT}/comments").mock(
        return_value=httpx.Response(200, json={"data": []})
    )


@respx.mock
def test_a_comment_is_answered_under_it_with_the_page_token(cast, page):
    no_earlier_answer()
    posted = respx.post(f"{GRAPH}/{COMMENT}/comments").mock(
        return_value=httpx.Response(200, json={"id": f"{COMMENT}_9"})
    )
    sent = connector.reply(page, comment(cast), "Takk, Kari!", "key")
    assert sent.external_id == f"{COMMENT}_9"
    request = posted.calls.last.request
    assert b"message=Takk%2C+Kari%21" in request.content
    assert request.url.params["access_token"] == "page-token"


@respx.mock
def test_an_answer_already_there_is_not_posted_again(cast, page):
    earlier = {"id": f"{COMMENT}_8", "message": "Takk, Kari!", "from": {"id": PAGE}}
    other = {"id": f"{COMMENT}_7", "message": "Takk, Kari!", "from": {"id": "888"}}
    respx.get(f"{GRAPH}/{COMMENT}/comments").mock(
        return_value=httpx.Response(200, json={"data": [other, earlier]})
    )
    posting = respx.post(f"{GRAPH}/{COMMENT}/comments")
    sent = connector.reply(page, comment(cast), "Takk, Kari!", "key")
    assert sent.external_id == f"{COMMENT}_8" and not posting.called


@pytest.mark.parametrize(
    ("answer", "expected", "words", "seconds"),
    [
        (
            httpx.Response(429, headers={"Retry-After": "120"}, json={}),
            RetryLaterError,
            "rate limited",
            120,
        ),
        (
            httpx.Response(
                400, json={"error": {"message": "(#32) Page request limit reached", "code": 32}}
            ),
            RetryLaterError,
            "limit",
            None,
        ),
        (
            httpx.Response(
                400, json={"error": {"message": "Error validating access token", "code": 190}}
            ),
            RefusedError,
            "connect it again",
            None,
        ),
        (
            httpx.Response(
                400, json={"error": {"message": "Unsupported post request", "code": 100}}
            ),
            RefusedError,
            "Unsupported",
            None,
        ),
        (httpx.Response(502, text="Bad Gateway"), RetryLaterError, "502", None),
        (httpx.ConnectError("refused"), RetryLaterError, "could not be reached", None),
    ],
)
@respx.mock
def test_each_graph_failure_is_retried_or_refused(cast, page, answer, expected, words, seconds):
    no_earlier_answer()
    route = respx.post(f"{GRAPH}/{COMMENT}/comments")
    route.mock(side_effect=answer) if isinstance(answer, Exception) else route.mock(answer)
    with pytest.raises(expected, match=words) as failure:
        connector.reply(page, comment(cast), "Svar", "key")
    if seconds is not None:
        assert failure.value.seconds == seconds


@respx.mock
def test_a_direct_message_is_answered_in_messenger_and_never_sent_twice_blind(cast, page):
    sent_route = respx.post(f"{GRAPH}/me/messages").mock(
        return_value=httpx.Response(200, json={"recipient_id": "777", "message_id": "m.9"})
    )
    message = comment(cast, kind="message")
    assert connector.reply(page, message, "Hei Kari", "key").external_id == "m.9"
    payload = sent_route.calls.last.request.content
    assert b'"recipient": {"id": "777"}' in payload or b'"recipient":{"id":"777"}' in payload
    sent_route.mock(side_effect=httpx.ReadTimeout("no answer"))
    with pytest.raises(RefusedError, match="check the conversation"):
        connector.reply(page, message, "Hei Kari", "key")


def test_a_page_without_a_token_is_refused_with_what_to_do(cast, page):
    page.set_secrets({"app_secret": "s"})
    with pytest.raises(RefusedError, match="connect it again"):
        connector.reply(page, comment(cast), "Svar", "key")


@respx.mock
def test_a_message_a_dead_worker_was_sending_is_not_sent_again_blind(cast, page):
    from datetime import timedelta

    from django.utils import timezone

    from torget.channels.actions.outbox import claim, do_deliver
    from torget.channels.models import Outbound
    from torget.inbox.actions.items import do_reply_item

    sending = respx.post(f"{GRAPH}/me/messages")
    reply = do_reply_item(cast.bob, comment(cast, kind="message"), "Hei Kari")
    now = timezone.now()
    claim(reply.outbound.pk, now)  # a worker took it, and died before it could say how it went
    later = do_deliver(reply.outbound.pk, now + timedelta(hours=1))
    assert later.state == Outbound.State.FAILED and "check on the platform" in later.last_error
    assert not sending.called
