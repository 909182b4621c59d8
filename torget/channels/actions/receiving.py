"""Receiving from a platform. A webhook body is checked, kept and answered at once; the worker
then reads what was kept into the inbox in batches, each batch with its deliveries in one
transaction, so a body is never lost, an item never half-stored, and a platform never kept
waiting (Meta expects an answer within seconds and retries, then gives up, if it does not
get one)."""

import logging
from datetime import datetime, timedelta

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from torget.channels.connectors import connector_for
from torget.channels.events import Incoming, MalformedPayloadError, Removed
from torget.channels.models import Channel, WebhookDelivery
from torget.inbox.actions.ingest import do_receive_items
from torget.inbox.ingest import IngestError, ItemIn, check_item
from torget.inbox.models import Item, NoReplyReason, Status

log = logging.getLogger(__name__)
# A platform that does not name the writer (a Facebook mention) gets them looked up later.
UNKNOWN_AUTHOR = "unknown"
# Small enough that the write lock SQLite takes for a batch never keeps a webhook waiting long.
BATCH = 200
READ_EVERY = 1  # second
# Kept but not yet read after this long: its task was lost; the clock reads it.
FORGOTTEN = timedelta(minutes=1)


def do_accept_webhook(channel: Channel, body: bytes) -> WebhookDelivery:
    """Keeps the body; one that cannot be read is kept too, marked with why."""
    delivery = keep(channel, body, WebhookDelivery.Via.WEBHOOK)
    if delivery.state == WebhookDelivery.State.RECEIVED:
        schedule_reading(channel.pk)
    return delivery


def keep(channel: Channel, body: bytes, via: str) -> WebhookDelivery:
    state, error = WebhookDelivery.State.RECEIVED, ""
    try:
        connector_for(channel.platform).parse_raw(body)
    except MalformedPayloadError as problem:
        log.warning("channel %s: a %s body not understood: %s", channel.pk, via, problem)
        state, error = WebhookDelivery.State.REJECTED, str(problem)[:500]
    delivery = WebhookDelivery.objects.create(
        organization_id=channel.organization_id,
        channel=channel,
        via=via,
        body=body,
        state=state,
        error=error,
    )
    return delivery


def schedule_reading(channel_id: int) -> None:
    """One reading task a second per channel: the first body of a second schedules it for the
    second's end, so it reads that body and every one kept after it in the same second. The
    mark lives in the cache every server process shares; were it lost, the clock's sweep would
    still read the bodies."""
    from torget.channels.tasks import read_webhooks

    if caches["shared"].add(f"webhooks-reading:{channel_id}", 1, timeout=READ_EVERY):
        after = timezone.now() + timedelta(seconds=READ_EVERY)
        read_webhooks.using(run_after=after).enqueue(channel_id)


def do_read_received(channel: Channel) -> int:
    """Reads every kept body of the channel into the inbox; returns the items received."""
    total = 0
    while True:
        with transaction.atomic():
            batch = list(
                channel.deliveries.select_for_update()
                .filter(state=WebhookDelivery.State.RECEIVED)
                .order_by("pk")[:BATCH]
            )
            if not batch:
                return total
            total += read_batch(channel, batch)


def read_batch(channel: Channel, deliveries: list[WebhookDelivery]) -> int:
    connector = connector_for(channel.platform)
    events_of = {}
    for delivery in deliveries:
        try:
            events_of[delivery.pk] = connector.parse_raw(bytes(delivery.body))
        except MalformedPayloadError as problem:  # read once already; a parser changed since
            delivery.state, delivery.error = WebhookDelivery.State.REJECTED, str(problem)[:500]
    readable = [d for d in deliveries if d.pk in events_of]
    try:
        with transaction.atomic():
            receive_events(channel, [e for d in readable for e in events_of[d.pk]])
    except IngestError:
        # One bad item must not hold back the rest: read them one by one to find it.
        for delivery in readable:
            receive_one(channel, delivery, events_of[delivery.pk])
    else:
        for delivery in readable:
            delivery.state, delivery.error = WebhookDelivery.State.ACCEPTED, ""
            delivery.items = sum(isinstance(e, Incoming) for e in events_of[delivery.pk])
    WebhookDelivery.objects.bulk_update(deliveries, ["state", "items", "error"])
    return sum(d.items for d in deliveries)


def receive_one(channel: Channel, delivery: WebhookDelivery, events: list) -> None:
    try:
        with transaction.atomic():
            delivery.items = receive_events(channel, events)
    except IngestError as problem:
        delivery.state, delivery.error = WebhookDelivery.State.REJECTED, str(problem)[:500]
    else:
        delivery.state, delivery.error = WebhookDelivery.State.ACCEPTED, ""


def do_read_forgotten(now: datetime) -> int:
    """The clock's sweep: bodies kept a while ago and still not read."""
    stale = WebhookDelivery.objects.filter(
        state=WebhookDelivery.State.RECEIVED, received_at__lt=now - FORGOTTEN
    )
    channels = Channel.objects.filter(pk__in=stale.values("channel_id"))
    return sum(do_read_received(channel) for channel in channels)


def receive_events(channel: Channel, events: list) -> int:
    items = [as_item(channel, event) for event in events if isinstance(event, Incoming)]
    if items:
        do_receive_items(channel.organization, items)
    for event in events:
        if isinstance(event, Removed):
            close_removed(channel, event.external_id)
    return len(items)


def as_item(channel: Channel, event: Incoming) -> ItemIn:
    """Through the same checks as the API, so a platform's item meets the same rules."""
    body = {
        "channel": channel.key,
        "external_id": event.external_id,
        "kind": event.kind,
        "author": {
            "handle": event.author.handle or UNKNOWN_AUTHOR,
            "name": event.author.name,
            "url": event.author.url,
        },
        "text": event.text,
        "received_at": event.received_at.isoformat(),
        "in_reply_to": event.in_reply_to,
        "media": list(event.media),
        "ours": event.ours,
    }
    return check_item(body, set(), set())


def close_removed(channel: Channel, external_id: str) -> None:
    """Removed on the platform: nothing is left to answer, but the item and its history stay."""
    Item.objects.filter(
        organization_id=channel.organization_id,
        channel=channel.key,
        external_id=external_id,
        status__in=[Status.OPEN, Status.WAITING],
    ).update(
        status=Status.NO_REPLY,
        no_reply_reason=NoReplyReason.REMOVED,
        closed_at=timezone.now(),
        updated_at=timezone.now(),
    )
