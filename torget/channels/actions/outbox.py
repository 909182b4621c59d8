"""Delivering replies and moderation steps: at least once, never twice.

A reply is stored in the same transaction as the answer it records; its Outbound row is made
then too, and the worker is asked to deliver it once that transaction commits. Delivering
first claims the row (one UPDATE that only one worker can win), then calls the platform with
the row's idempotency key, outside any transaction, as any remote call is, then records what
happened. A worker that dies in between leaves a claim that lapses; the clock's sweep then
delivers again with the same key, and the platform, having seen that key, does not post twice.

A moderation step (hide, show again, delete, block, lift the block) travels the same way, on
the same claim and retries. Doing a step twice leaves the platform as doing it once, so a step
a dead worker left half done is simply taken again; only a reply needs the platform to
recognise a repeat.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from torget.channels.actions.trouble import clear_trouble, note_trouble
from torget.channels.connectors import connector_for
from torget.channels.connectors.base import Connector, RefusedError, RetryLaterError, Sent
from torget.channels.models import Channel, Outbound
from torget.inbox.models import Reply
from torget.moderation.models import AuditEntry

FIRST_RETRY = timedelta(seconds=30)
# Within Mastodon's one-hour Idempotency-Key window, so a retry is still recognised.
LAST_RETRY = timedelta(minutes=30)
MAX_ATTEMPTS = 12


def lease() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def do_queue_reply(reply: Reply) -> Outbound | None:
    """The reply's way out, if its item's channel is connected; else it stays queued, kept."""
    channel = Channel.objects.filter(
        organization_id=reply.organization_id, key=reply.item.channel, is_active=True
    ).first()
    if channel is None:
        return None
    outbound = Outbound.objects.create(
        organization_id=reply.organization_id, channel=channel, reply=reply, text=reply.text
    )
    transaction.on_commit(lambda: enqueue_delivery(outbound.pk))
    return outbound


def do_queue_step(
    channel: Channel, action: str, target: str, audit_entry: AuditEntry | None
) -> Outbound:
    """A moderation step on its way to the platform: `target` is the item's external id, or
    the writer's handle to block or unblock. Delivered once the moderator's transaction
    commits."""
    if action not in Outbound.Action.values or action == Outbound.Action.REPLY:
        raise ValueError(f"no moderation step {action!r}")
    outbound = Outbound.objects.create(
        organization_id=channel.organization_id,
        channel=channel,
        action=action,
        target=target,
        audit_entry=audit_entry,
    )
    transaction.on_commit(lambda: enqueue_delivery(outbound.pk))
    return outbound


def enqueue_delivery(outbound_id: int) -> None:
    from torget.channels.tasks import deliver

    deliver.enqueue(outbound_id)


def due(now: datetime) -> Q:
    waiting = Q(
        state__in=[Outbound.State.QUEUED, Outbound.State.RETRYING], next_attempt_at__lte=now
    )
    abandoned = Q(state=Outbound.State.SENDING, claimed_until__lt=now)
    return waiting | abandoned


def claim(outbound_id: int, now: datetime) -> datetime | None:
    """The claim's expiry if this worker won the row, else None."""
    # From the moment of claiming, not the sweep's start: a late row of a long sweep must
    # still hold its claim for the whole lease.
    until = max(now, timezone.now()) + lease()
    won = Outbound.objects.filter(due(now), pk=outbound_id).update(
        state=Outbound.State.SENDING, claimed_until=until
    )
    return until if won == 1 else None


def do_deliver(outbound_id: int, now: datetime | None = None) -> Outbound | None:
    """One attempt, if the row is due and this worker wins it; returns the row after."""
    now = now or timezone.now()
    abandoned = Outbound.objects.filter(pk=outbound_id, state=Outbound.State.SENDING).exists()
    stamp = claim(outbound_id, now)
    if stamp is None:
        return None
    outbound = Outbound.objects.select_related("channel", "reply__item").get(pk=outbound_id)
    outbound.attempts += 1
    outbound.claimed_until = stamp
    connector = connector_for(outbound.channel.platform)
    if abandoned and not repeats_safely(connector, outbound):
        unknown = "a worker stopped while sending it: check on the platform before sending again"
        return record(outbound, Outbound.State.FAILED, unknown)
    if superseded(outbound):
        return record(outbound, Outbound.State.SUPERSEDED, "")
    try:
        sent = perform(connector, outbound)
    except RetryLaterError as error:
        if error.seconds:  # the platform's own word on when: the whole account waits
            note_trouble(outbound.channel, str(error), wait=error.seconds)
        return retry_later(outbound, str(error), error.seconds)
    except RefusedError as error:
        return record(outbound, Outbound.State.FAILED, str(error))
    except Exception as error:  # a platform or network failure we did not foresee: retry it
        return retry_later(outbound, f"{type(error).__name__}: {error}", None)
    if sent is not None:
        outbound.external_id, outbound.url = sent.external_id, sent.url
    outbound.sent_at = timezone.now()
    clear_trouble(outbound.channel)
    return record(outbound, Outbound.State.SENT, "")


def repeats_safely(connector: Connector, outbound: Outbound) -> bool:
    if outbound.action != Outbound.Action.REPLY:
        return True  # a step done twice is done once
    return connector.repeats_safely(outbound.reply.item)


VISIBILITY = (Outbound.Action.HIDE, Outbound.Action.UNHIDE, Outbound.Action.DELETE)
BLOCKING = (Outbound.Action.BLOCK, Outbound.Action.UNBLOCK)


def superseded(outbound: Outbound) -> bool:
    """A hide, show or delete that a later one for the same comment replaces, or a block or
    unblock that a later one for the same writer does: delivered late (after retries), it
    would undo what the moderator did since."""
    related = next((steps for steps in (VISIBILITY, BLOCKING) if outbound.action in steps), ())
    if not related:
        return False
    return Outbound.objects.filter(
        channel=outbound.channel, target=outbound.target, action__in=related, pk__gt=outbound.pk
    ).exists()


def perform(connector: Connector, outbound: Outbound) -> Sent | None:
    """What the row asks of the platform: a reply (which the platform answers with where it
    is), or a moderation step, refused up front where the platform allows none such."""
    channel, action, target = outbound.channel, outbound.action, outbound.target
    if action == Outbound.Action.REPLY:
        key = str(outbound.idempotency_key)
        return connector.reply(channel, outbound.reply.item, outbound.text, key)
    if action not in connector.moderates:
        raise RefusedError(connector.explain(action))
    if action in (Outbound.Action.HIDE, Outbound.Action.UNHIDE):
        connector.hide(channel, target, hidden=action == Outbound.Action.HIDE)
    elif action == Outbound.Action.DELETE:
        connector.delete(channel, target)
    elif action == Outbound.Action.BLOCK:
        connector.block(channel, target)
    elif action == Outbound.Action.UNBLOCK:
        connector.unblock(channel, target)
    return None


def retry_later(outbound: Outbound, reason: str, seconds: float | None) -> Outbound:
    if outbound.attempts >= MAX_ATTEMPTS:
        return record(
            outbound, Outbound.State.FAILED, f"gave up after {outbound.attempts}: {reason}"
        )
    backoff = min(FIRST_RETRY * 2 ** (outbound.attempts - 1), LAST_RETRY)
    wait = timedelta(seconds=seconds) if seconds is not None else backoff
    outbound.next_attempt_at = timezone.now() + wait
    outbound = record(outbound, Outbound.State.RETRYING, reason)
    if outbound.state == Outbound.State.RETRYING:
        from torget.channels.tasks import deliver

        deliver.using(run_after=outbound.next_attempt_at).enqueue(outbound.pk)
    return outbound


@transaction.atomic
def record(outbound: Outbound, state: str, error: str) -> Outbound:
    """Writes the attempt's outcome, unless the claim lapsed and another worker took over."""
    still_ours = Outbound.objects.filter(
        pk=outbound.pk, state=Outbound.State.SENDING, claimed_until=outbound.claimed_until
    ).update(
        state=state,
        last_error=error[:500],
        claimed_until=None,
        attempts=outbound.attempts,
        next_attempt_at=outbound.next_attempt_at,
        external_id=outbound.external_id,
        url=outbound.url,
        sent_at=outbound.sent_at,
    )
    outbound.refresh_from_db()
    reply_state = {Outbound.State.SENT: Reply.State.SENT, Outbound.State.FAILED: Reply.State.FAILED}
    if still_ours and state in reply_state and outbound.reply_id is not None:
        Reply.objects.filter(pk=outbound.reply_id).update(state=reply_state[state])
    if still_ours and state == Outbound.State.FAILED and outbound.audit_entry_id is not None:
        from torget.moderation.actions.platform import do_note_failed_step

        do_note_failed_step(outbound)
    return outbound


def do_deliver_due(now: datetime) -> int:
    """The clock's sweep: whatever is due and not being delivered, including what a dead
    worker left half done."""
    ids = list(Outbound.objects.filter(due(now)).values_list("pk", flat=True)[:200])
    return sum(do_deliver(pk, now) is not None for pk in ids)


def do_requeue_unfinished(now: datetime) -> int:
    """For a worker starting up: every reply or step not yet delivered gets a delivery task
    again, due when its wait or a dead worker's claim runs out. A claim that still holds is
    not taken."""
    from torget.channels.tasks import deliver

    unfinished = Outbound.objects.filter(state__in=Outbound.UNFINISHED).values_list(
        "pk", "next_attempt_at", "claimed_until"
    )
    for pk, next_attempt_at, claimed_until in unfinished:
        after = max(moment for moment in (now, next_attempt_at, claimed_until) if moment)
        deliver.using(run_after=after).enqueue(pk)
    return len(unfinished)
