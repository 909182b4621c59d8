"""What a connector makes of a platform's webhook body or API response.

A payload yields events: an item to receive (new, or an edit of one already received), an item
the platform says was removed, or the reason the payload is deliberately ignored (a like, a read
receipt, our own echo). Anything else is a MalformedPayloadError: nothing is dropped without a word.
"""

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime


class MalformedPayloadError(ValueError):
    """The payload is not what the platform documents; the message says what is wrong."""


@dataclass(frozen=True)
class Author:
    handle: str
    name: str = ""
    url: str = ""


@dataclass(frozen=True)
class Incoming:
    """An item as the platform delivered it. `thread` is the post or conversation it belongs
    to; `in_reply_to` what it answers directly (the post itself for a top-level comment)."""

    platform: str
    kind: str  # as inbox.models.Kind: comment, reply, message, mention, review, email, post
    external_id: str
    author: Author
    text: str
    received_at: datetime
    thread: str = ""
    in_reply_to: str = ""
    media: tuple[str, ...] = ()
    ours: bool = False
    edited: bool = False

    def as_json(self) -> dict:
        return (
            {"event": "edited" if self.edited else "item"}
            | asdict(self)
            | {
                "received_at": self.received_at.isoformat(),
                "media": list(self.media),
            }
        )


@dataclass(frozen=True)
class Removed:
    platform: str
    external_id: str
    reason: str = "removed on the platform"

    def as_json(self) -> dict:
        return {"event": "removed"} | asdict(self)


@dataclass(frozen=True)
class Ignored:
    reason: str
    details: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"event": "ignored", "reason": self.reason} | self.details


Event = Incoming | Removed | Ignored


def from_unix(seconds: float | int | str) -> datetime:
    """Platforms send epoch seconds, or milliseconds (Messenger), as numbers or strings."""
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        raise MalformedPayloadError(f"expected a Unix time, got {seconds!r}") from None
    if value > 10**11:  # milliseconds: seconds only pass 10^11 in the year 5138
        value /= 1000
    return datetime.fromtimestamp(value, tz=UTC)


def from_iso(text: object) -> datetime:
    if not isinstance(text, str):
        raise MalformedPayloadError(f"expected an ISO 8601 time, got {text!r}")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise MalformedPayloadError(f"expected an ISO 8601 time, got {text!r}") from None
    if moment.tzinfo is None:
        raise MalformedPayloadError(f"the time {text!r} has no offset")
    return moment


def required(data: object, *path: str) -> object:
    """data[path[0]][path[1]]…, or a MalformedPayloadError naming the missing field."""
    for depth, key in enumerate(path):
        if not isinstance(data, dict) or key not in data or data[key] is None:
            raise MalformedPayloadError(f"missing field {'.'.join(path[: depth + 1])}")
        data = data[key]
    return data


def text_of(data: dict, *path: str) -> str:
    value = required(data, *path)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # Graph API ids arrive as numbers in some versions
    if not isinstance(value, str):
        raise MalformedPayloadError(f"{'.'.join(path)} must be text, got {type(value).__name__}")
    return value
