"""What a platform last said against a channel, for its page: a refused token, an outage, a
rate limit (which the poller and the outbox then wait out)."""

import logging
from datetime import timedelta

from django.utils import timezone

from torget.channels.models import Channel

log = logging.getLogger(__name__)


def note_trouble(channel: Channel, reason: str, wait: float | None = None) -> None:
    """Shown on the channels page until a poll goes through again."""
    log.warning("channel %s: %s", channel.pk, reason)
    channel.trouble, channel.trouble_at = reason[:500], timezone.now()
    fields = ["trouble", "trouble_at"]
    if wait:
        channel.rate_limited_until = timezone.now() + timedelta(seconds=wait)
        fields.append("rate_limited_until")
    channel.save(update_fields=fields)
