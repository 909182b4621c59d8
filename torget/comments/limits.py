"""How often one address may comment: at most MOST comments in WINDOW per channel.

The address is never stored: the cache every server process shares counts it under a keyed
hash (HMAC with the secret key, so the hash cannot be reversed by trying every IPv4 address),
and the count lapses with the window.
"""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import caches

from torget.channels.models import Channel

MOST = 5
WINDOW = 10 * 60  # seconds


def counter_key(channel: Channel, address: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), writer_of(address).encode(), hashlib.sha256)
    return f"comments-rate:{channel.pk}:{digest.hexdigest()}"


def writer_of(address: str) -> str:
    """An IPv6 address counts by its /64: one household or one server has all of it."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


def recent(channel: Channel, address: str, now: float) -> list[float]:
    moments = caches["shared"].get(counter_key(channel, address), [])
    return [moment for moment in moments if moment > now - WINDOW]


def seconds_to_wait(channel: Channel, address: str) -> int:
    """0 when the address may comment now; else how long until it may."""
    now = time.time()
    moments = recent(channel, address, now)
    if len(moments) < MOST:
        return 0
    return max(1, int(min(moments) + WINDOW - now + 1))


def count_comment(channel: Channel, address: str) -> None:
    now = time.time()
    moments = recent(channel, address, now) + [now]
    caches["shared"].set(counter_key(channel, address), moments, timeout=WINDOW)
