"""The connector interface: one module per platform, found by the registry in __init__.

A connector declares what its platform allows (Limits, shown by the reply box and the API),
turns the platform's webhook bodies and API responses into events (channels.events), and
delivers replies. Delivery raises RetryLaterError for what may pass (rate limits, outages) and
RefusedError for what will not; the outbox (channels.actions.outbox) does the rest. Messages,
publishing, hiding, deleting, metrics and account authorization join the interface as each
platform's client is built; until a platform's reply is built, replying there is refused with
that said, and the reply is kept.
"""

import json
from dataclasses import dataclass
from typing import Any

from torget.channels.events import Event, MalformedPayloadError


@dataclass(frozen=True)
class Limits:
    text: int  # the longest reply or post, in characters (graphemes on Bluesky)
    media: int  # attachments in one post
    can_hide: bool  # hide a citizen's comment without deleting it
    can_delete: bool  # delete a citizen's comment
    direct_messages: bool


class DeliveryError(Exception):
    pass


class RetryLaterError(DeliveryError):
    """Try again: after `seconds` when the platform says so (Retry-After), else with backoff."""

    def __init__(self, reason: str, seconds: float | None = None):
        super().__init__(reason)
        self.seconds = seconds


class RefusedError(DeliveryError):
    """The platform will not take it (a deleted comment, a revoked token, text too long)."""


@dataclass(frozen=True)
class Sent:
    external_id: str
    url: str = ""


class Connector:
    platform: str = ""
    name: str = ""
    limits: Limits

    def parse_raw(self, body: bytes) -> list[Event]:
        """A raw webhook body or API response, as it came over the wire. Whatever the parser
        trips over in a payload unlike the documented ones is said as malformed, with the
        error, so the body is kept and answered, never lost to a crash."""
        try:
            return self.read_raw(body)
        except MalformedPayloadError:
            raise
        except (ArithmeticError, AttributeError, KeyError, LookupError, OSError, RecursionError,
                TypeError, ValueError) as error:  # fmt: skip
            raise MalformedPayloadError(
                f"not understood: {type(error).__name__}: {error}"
            ) from None

    def read_raw(self, body: bytes) -> list[Event]:
        try:
            payload = json.loads(body)
        except (UnicodeDecodeError, ValueError) as error:
            raise MalformedPayloadError(f"not JSON: {error}") from None
        return self.parse(payload)

    def parse(self, payload: object) -> list[Event]:
        raise NotImplementedError

    def verify(self, channel: Any) -> str:
        """Whom the channel's credentials speak for; RefusedError if the platform says no."""
        return str(channel.settings.get("account", ""))

    def repeats_safely(self, item: Any) -> bool:
        """Whether a reply to `item` may be sent again after an attempt whose outcome is
        unknown (a worker killed while sending): the platform dedupes it, or Torget can look."""
        return True

    def reply(self, channel: Any, item: Any, text: str, key: str) -> Sent:
        """Answer `item` on the platform, once per `key` however often it is called."""
        raise RefusedError(f"Torget cannot yet reply on {self.name}; the reply is kept.")
