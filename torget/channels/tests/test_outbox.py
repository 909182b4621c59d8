"""The outbox: a reply is kept, delivered by the worker, retried, and never posted twice."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from torget.channels.actions.outbox import FIRST_RETRY, claim, do_deliver, do_deliver_due
from torget.channels.models import Channel, Outbound, SandboxPost
from torget.inbox.actions.items import do_reply_item
from torget.inbox.models import Reply
from torget.inbox.tests.conftest import body, receive

pytestmark = pytest.mark.usefixtures("transactional_db", "restore_signal_handlers")


def connect(cast, **behaviour) -> Channel:
    return Channel.objects.create(
        organization=cast.alice.organization,
        key="sandbox",
        platform="sandbox",
        name="Sandkassen",
        settings=behaviour,
    )


def answer(cast, text="Hei! Bossbilen kommer tirsdag.") -> Reply:
    [item] = receive(cast, body("s1", channel="sandbox"))
    return do_reply_item(cast.bob, item, text)


def run_worker():
    call_command("worker", "--batch", "--no-startup-delay")


def test_the_worker_delivers_a_reply_once_and_the_item_shows_it(cast):
    channel = connect(cast)
    reply = answer(cast)
    outbound = reply.outbound
    assert outbound.state == Outbound.State.QUEUED
    run_worker()
    run_worker()
    outbound.refresh_from_db()
    reply.refresh_from_db()
    assert outbound.state == Outbound.State.SENT and reply.state == Reply.State.SENT
    [posted] = SandboxPost.objects.filter(channel=channel)
    assert (posted.text, posted.in_reply_to) == ("Hei! Bossbilen kommer tirsdag.", "s1")
    assert outbound.external_id == posted.external_id and outbound.url.endswith(f"/{posted.pk}")
    client = cast.client_for(cast.bob)
    page = client.get(
        f"/inbox/{reply.item_id}/", headers={"Accept-Language": "en"}
    ).content.decode()
    assert "Sent" in page and outbound.url in page


def test_a_reply_on_a_channel_not_connected_is_kept_as_queued(cast):
    reply = answer(cast)  # no sandbox channel exists
    assert reply.state == Reply.State.QUEUED and not Outbound.objects.exists()


def test_outages_are_retried_with_growing_waits_then_delivered_once(cast):
    connect(cast, fail_next=2)
    outbound = answer(cast).outbound
    now = timezone.now()
    first = do_deliver(outbound.pk, now)
    assert (first.state, first.attempts) == (Outbound.State.RETRYING, 1)
    assert "503" in first.last_error
    assert first.next_attempt_at - now >= FIRST_RETRY - timedelta(seconds=1)
    assert do_deliver(outbound.pk, now) is None  # not due yet: nothing is sent early
    second = do_deliver(outbound.pk, first.next_attempt_at + timedelta(seconds=1))
    assert second.next_attempt_at - first.next_attempt_at >= FIRST_RETRY  # the wait doubles
    third = do_deliver(outbound.pk, second.next_attempt_at + timedelta(seconds=1))
    assert (third.state, third.attempts) == (Outbound.State.SENT, 3)
    assert SandboxPost.objects.count() == 1


def test_a_rate_limit_is_waited_out_as_the_platform_asks(cast):
    channel = connect(cast, rate_limit_per_minute=1)
    SandboxPost.objects.create(
        organization=cast.alice.organization,
        channel=channel,
        idempotency_key="00000000-0000-0000-0000-000000000001",
        text="earlier",
    )
    outbound = do_deliver(answer(cast).outbound.pk)
    assert outbound.state == Outbound.State.RETRYING and "429" in outbound.last_error
    wait = (outbound.next_attempt_at - timezone.now()).total_seconds()
    assert 1 <= wait <= 60  # until the oldest of the minute's posts ages out, not a backoff
    channel.refresh_from_db()  # and the channel's page says the account is held back
    assert "429" in channel.trouble and channel.rate_limited_until > timezone.now()


def test_a_refusal_fails_with_its_reason(cast):
    connect(cast, refuse="The comment was deleted on the platform")
    reply = answer(cast)
    outbound = do_deliver(reply.outbound.pk)
    reply.refresh_from_db()
    assert outbound.state == Outbound.State.FAILED and reply.state == Reply.State.FAILED
    assert outbound.last_error == "The comment was deleted on the platform"


def test_two_workers_cannot_hold_the_same_reply(cast):
    connect(cast)
    outbound = answer(cast).outbound
    now = timezone.now()
    assert claim(outbound.pk, now) is not None
    assert claim(outbound.pk, now) is None
    assert do_deliver(outbound.pk, now) is None
    assert not SandboxPost.objects.exists()


def test_a_worker_that_died_mid_delivery_is_taken_over_with_the_same_key(cast):
    connect(cast)
    outbound = answer(cast).outbound
    now = timezone.now()
    assert claim(outbound.pk, now) is not None
    # It got as far as the platform, which took the reply, and then the worker died.
    from torget.channels.connectors.sandbox import connector

    outbound.refresh_from_db()
    connector.reply(
        outbound.channel, outbound.reply.item, outbound.text, str(outbound.idempotency_key)
    )
    assert do_deliver_due(now + timedelta(seconds=5)) == 0  # its claim still holds
    assert do_deliver_due(now + timedelta(minutes=10)) == 1  # lapsed: delivered again
    outbound.refresh_from_db()
    assert outbound.state == Outbound.State.SENT
    assert SandboxPost.objects.count() == 1  # the platform knew the key: still one reply


def test_a_delivery_that_goes_through_clears_the_channels_problem(cast):
    channel = connect(cast)
    Channel.objects.filter(pk=channel.pk).update(trouble="429 Too Many Requests")
    assert do_deliver(answer(cast).outbound.pk).state == Outbound.State.SENT
    channel.refresh_from_db()
    assert channel.trouble == ""
