"""Receiving by asking: Mastodon's notifications, Bluesky's, a mailbox. Each poll keeps what it
fetched as deliveries and moves the channel's cursor in one transaction, so a worker killed
between fetching and keeping fetches the same page again (the inbox keeps one item per
external id) and never skips one. The bodies are then read the way webhook bodies are."""

from datetime import datetime, timedelta

from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.channels.actions.receiving import do_read_received, keep
from torget.channels.actions.trouble import note_trouble
from torget.channels.connectors import connector_for, connectors
from torget.channels.connectors.base import RefusedError, RetryLaterError
from torget.channels.models import Channel, WebhookDelivery
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.models import Membership
from torget.system.tasks import is_waiting

# One poll reads at most this many pages before giving the worker to others; the next goes on.
PAGES_PER_POLL = 20
REFUSED_WAIT = 300  # seconds
# Longer than any poll takes; a worker that died holding the lock holds it no longer than this.
POLL_LOCK_SECONDS = 600


def polled_platforms() -> list[str]:
    return [name for name, connector in connectors().items() if connector.polls]


def do_poll(channel: Channel) -> int:
    """Fetches what is new since the cursor, keeps it and reads it; returns the items received.
    One poll of a channel at a time: a second (Fetch now beside the rhythm) would fetch the
    same page and could move the cursor back."""
    lock = f"polling-now:{channel.pk}"
    if not caches["shared"].add(lock, 1, timeout=POLL_LOCK_SECONDS):
        return 0
    try:
        return poll_pages(channel)
    finally:
        caches["shared"].delete(lock)


def poll_pages(channel: Channel) -> int:
    channel.refresh_from_db(fields=["cursor", "rate_limited_until"])
    connector = connector_for(channel.platform)
    for _page in range(PAGES_PER_POLL):
        if channel.rate_limited_until and channel.rate_limited_until > timezone.now():
            break
        try:
            fetched = connector.fetch(channel, channel.cursor)
        except RetryLaterError as error:
            note_trouble(channel, str(error), wait=error.seconds or connector.poll_every)
            break
        except RefusedError as error:
            # Asked again every few seconds, a refusal would only be said again.
            note_trouble(channel, str(error), wait=REFUSED_WAIT)
            break
        with transaction.atomic():
            for body in fetched.bodies:
                keep(channel, body, WebhookDelivery.Via.POLL)
            channel.cursor, channel.polled_at = fetched.cursor, timezone.now()
            channel.trouble = ""
            channel.save(update_fields=["cursor", "polled_at", "trouble"])
        if not fetched.more:
            break
    return do_read_received(channel)


def schedule_poll(channel: Channel, now: datetime | None = None) -> bool:
    """One waiting poll per channel: a second chain of polls would only ask twice as often."""
    from torget.channels.tasks import poll

    if is_waiting(poll, channel.pk):
        return False
    every = connector_for(channel.platform).poll_every
    poll.using(run_after=(now or timezone.now()) + timedelta(seconds=every)).enqueue(channel.pk)
    return True


def do_poll_due(now: datetime) -> int:
    """The clock's sweep: a polled channel with no poll waiting (the first, or one lost with
    a database restored from backup) gets one."""
    polled = Channel.objects.filter(is_active=True, platform__in=polled_platforms())
    due = [
        channel
        for channel in polled
        if channel.polled_at is None
        or channel.polled_at
        < now - timedelta(seconds=2 * connector_for(channel.platform).poll_every)
    ]
    return sum(schedule_poll(channel, now) for channel in due)


def do_fetch_now(member: Membership, channel: Channel) -> None:
    """The channel page's button: a poll at once, whatever the rhythm, unless the platform
    asked us to wait."""
    from torget.channels.tasks import poll_once

    check_can_manage(member)
    if not connector_for(channel.platform).polls:
        raise PermissionDenied(_("This channel receives by webhook; there is nothing to fetch."))
    transaction.on_commit(lambda: poll_once.enqueue(channel.pk))
