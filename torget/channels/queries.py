"""Reads of an organization's channels, always from a membership (see orgs.queries)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from torget.channels.connectors import connector_for
from torget.channels.events import Incoming
from torget.channels.models import Channel, Outbound, WebhookDelivery
from torget.orgs.models import Membership
from torget.orgs.queries import scoped


@dataclass(frozen=True)
class Health:
    last_received: datetime | None
    items_today: int
    rejected_today: int
    last_error: str  # of the latest body not understood
    undelivered: int  # replies queued, being sent or waiting to retry
    failed: int
    last_delivery_error: str
    polled: bool  # received by asking the platform, so it can be asked now
    trouble: str  # what the platform last said against us, until it goes well again
    rate_limited_until: datetime | None
    token_expires_soon: bool


# Long enough to reconnect on a quiet week.
EXPIRY_WARNING = timedelta(days=14)


def get_channels(member: Membership) -> list[tuple[Channel, Health]]:
    """Each channel with how it is doing today (since local midnight). An organization has a
    handful of channels, so a few small reads each is fine."""
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    today = Q(deliveries__received_at__gte=midnight)
    channels = scoped(Channel, member).annotate(
        last_received=Max("deliveries__received_at"),
        items_today=Sum("deliveries__items", filter=today),
        rejected_today=Count("deliveries", filter=today & Q(deliveries__state="rejected")),
    )
    return [(channel, health(channel)) for channel in channels.order_by("name")]


def health(channel) -> Health:
    rejected = channel.deliveries.filter(state=WebhookDelivery.State.REJECTED).order_by("-pk")
    troubled = channel.outbound.exclude(last_error="").order_by("-pk")
    return Health(
        last_received=channel.last_received,
        items_today=channel.items_today or 0,
        rejected_today=channel.rejected_today,
        last_error=rejected.values_list("error", flat=True).first() or "",
        undelivered=channel.outbound.filter(state__in=Outbound.UNFINISHED).count(),
        failed=channel.outbound.filter(state=Outbound.State.FAILED).count(),
        last_delivery_error=troubled.values_list("last_error", flat=True).first() or "",
        polled=connector_for(channel.platform).polls,
        trouble=channel.trouble,
        rate_limited_until=channel.rate_limited_until
        if channel.rate_limited_until and channel.rate_limited_until > timezone.now()
        else None,
        token_expires_soon=bool(
            channel.token_expires_at and channel.token_expires_at < timezone.now() + EXPIRY_WARNING
        ),
    )


def get_item_channel(member: Membership, item) -> Channel | None:
    """The connected channel an item came through, if it is connected."""
    return scoped(Channel, member).filter(key=item.channel, is_active=True).first()


def offers_platform_thread(member: Membership, item) -> bool:
    channel = get_item_channel(member, item)
    return channel is not None and connector_for(channel.platform).offers_context


def get_platform_thread(member: Membership, item) -> list[Incoming]:
    """The item's whole conversation as the platform holds it, oldest first: shown beside
    the inbox's own thread, not taken into the inbox (old comments would become work)."""
    channel = get_item_channel(member, item)
    if channel is None:
        return []
    events = connector_for(channel.platform).context(channel, item.external_id)
    posts = {event.external_id: event for event in events if isinstance(event, Incoming)}
    return sorted(posts.values(), key=lambda event: event.received_at)
