"""What a platform last said against a channel, for its page: a refused token, an outage, a
rate limit (which the poller and the outbox then wait out), access about to lapse."""

import logging
from datetime import timedelta

from django.core.cache import caches
from django.utils import timezone

from torget.channels.connectors import connector_for
from torget.channels.connectors.base import DeliveryError
from torget.channels.models import Channel

TOKEN_CHECK_EVERY = 24 * 3600  # seconds; platforms announce lapses weeks ahead
ROUND_EVERY = 3600  # how often the clock sets a check going; a new channel waits an hour at most

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


def schedule_token_check() -> bool:
    """The clock's round: a check task an hour, not one a minute for a daily question."""
    from torget.channels.tasks import check_token_expiry

    if not caches["shared"].add("token-check-round", 1, ROUND_EVERY):
        return False
    check_token_expiry.enqueue()
    return True


def do_check_token_expiry(channels=None) -> int:
    """Asks each platform, once a day per channel, when the channel's access lapses, so the
    channels page can warn ahead of time. Returns the channels asked."""
    asked = 0
    for channel in channels if channels is not None else Channel.objects.filter(is_active=True):
        if not caches["shared"].add(f"token-checked:{channel.pk}", 1, TOKEN_CHECK_EVERY):
            continue
        asked += 1
        try:
            lapses = connector_for(channel.platform).token_expiry(channel)
        except DeliveryError as error:
            note_trouble(channel, str(error))
            continue
        channel.token_expires_at = lapses
        channel.save(update_fields=["token_expires_at"])
        clear_trouble(channel)
    return asked


def clear_trouble(channel: Channel) -> None:
    """The platform answered as it should: what it last said against the channel is past."""
    if channel.trouble:
        Channel.objects.filter(pk=channel.pk).update(trouble="")
        channel.trouble = ""
