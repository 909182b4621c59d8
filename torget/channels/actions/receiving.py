"""Receiving from a platform: a webhook body is kept first, then read and received into the
inbox in one transaction, so a body is never lost and an item never half-stored."""

import logging

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


def do_receive_webhook(channel: Channel, body: bytes) -> WebhookDelivery:
    delivery = WebhookDelivery.objects.create(
        organization_id=channel.organization_id,
        channel=channel,
        body=body,
        state=WebhookDelivery.State.RECEIVED,
    )
    try:
        events = connector_for(channel.platform).parse_raw(body)
        delivery.items = receive_events(channel, events)
    except (MalformedPayloadError, IngestError) as error:
        log.warning(
            "channel %s: webhook body %s not understood: %s", channel.pk, delivery.pk, error
        )
        delivery.state, delivery.error = WebhookDelivery.State.REJECTED, str(error)[:500]
    else:
        delivery.state = WebhookDelivery.State.ACCEPTED
    delivery.save(update_fields=["state", "items", "error"])
    return delivery


@transaction.atomic
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
