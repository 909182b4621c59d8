"""The connector interface: one module per platform, found by the registry in __init__.

A connector declares what its platform allows (Limits, shown by the reply box and the API),
turns the platform's webhook bodies and API responses into events (channels.events), and
delivers replies and moderation steps. Delivery raises RetryLaterError for what may pass (rate
limits, outages) and RefusedError for what will not; the outbox (channels.actions.outbox) does
the rest. Messages, publishing, metrics and account authorization join the interface as each
platform's client is built; until a platform's reply is built, replying there is refused with
that said, and the reply is kept.

`moderates` says which moderation steps the platform lets an account take on others' content
and writers; `explain` says, for the rest, why not and what a moderator can do instead. What a
platform will not take, Torget still does in its own inbox.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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


@dataclass(frozen=True)
class Fetched:
    """One poll's harvest: raw bodies as parse_raw reads them (each kept as it came, like a
    webhook body), and the cursor the next poll starts from. `more` says another page is
    waiting now."""

    bodies: list[bytes]
    cursor: str
    more: bool = False


@dataclass(frozen=True)
class Authorized:
    """What a platform's sign-in flow gave: the account, and what to keep to act as it."""

    account: str
    settings: dict
    secrets: dict


@dataclass(frozen=True)
class Metrics:
    """What a platform counts, None where it does not tell."""

    followers: int | None = None
    reactions: int | None = None
    shares: int | None = None
    replies: int | None = None
    reach: int | None = None


MODERATION_VERBS = frozenset({"hide", "unhide", "delete", "block", "unblock"})
# Why a platform will not take a moderation step, and what Torget does instead; a connector
# says it in its own words where it has more to say (`refusals`).
CANNOT: dict[str, Promise] = {
    "hide": _("%(platform)s does not let an account hide others' posts. Torget hides it here."),
    "unhide": _(
        "%(platform)s does not let an account hide others' posts, so nothing is hidden there. "
        "Torget shows it here again."
    ),
    "delete": _(
        "%(platform)s does not let an account delete others' posts. Torget hides it here; "
        "you can report it to %(platform)s."
    ),
    "block": _(
        "%(platform)s does not let Torget block anyone. Torget bans the writer here: what "
        "they write is hidden."
    ),
    "unblock": _(
        "%(platform)s does not let Torget block anyone, so nobody is blocked there. Torget "
        "lifts the ban here."
    ),
}


class Connector:
    platform: str = ""
    name: str = ""
    limits: Limits
    # The moderation steps (of MODERATION_VERBS) the platform lets the account take on others'
    # content and writers; hiding goes with showing again, blocking with lifting the block.
    moderates: frozenset[str] = frozenset()
    # Holds what may not stand until a person lets it (the website's comment field): letting
    # it stand in Torget must then show it on the platform too.
    holds_for_review = False
    refusals: dict[str, Promise] = {}
    # Receives by asking the platform every `poll_every` seconds, from a cursor (fetch below),
    # rather than (or as well as) by webhook.
    polls: bool = False
    poll_every: int = 30

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

    # Connected through the platform's own sign-in (OAuth): begin_ and finish_authorization.
    signs_in: bool = False

    def begin_authorization(self, server: str, return_to: str, state: str) -> tuple[str, dict]:
        """Where to send the admin to grant access, and what to remember until they return."""
        raise RefusedError(f"{self.name} is connected with fields, not a sign-in.")

    def finish_authorization(self, pending: dict, code: str, return_to: str) -> Authorized:
        raise RefusedError(f"{self.name} is connected with fields, not a sign-in.")

    # Can show the whole conversation an item belongs to, as the platform holds it.
    offers_context: bool = False

    def context(self, channel: Any, external_id: str) -> list[Event]:
        """The thread around a post or comment: its parents and the replies under it."""
        raise RefusedError(f"Torget cannot read whole conversations on {self.name}.")

    def fetch(self, channel: Any, cursor: str) -> Fetched:
        """What arrived after `cursor` (an empty cursor: where to start, usually now)."""
        raise RefusedError(f"{self.name} is not polled; it sends what arrives by webhook.")

    def reply_prefix(self, item: Any) -> str:
        """What reply() puts before the text (naming the writer, where the platform needs it):
        the reply box leaves room for it."""
        return ""

    def prefix_room(self, item: Any) -> int:
        """The characters reply_prefix takes, as the platform counts them."""
        return len(self.reply_prefix(item))

    def reply(self, channel: Any, item: Any, text: str, key: str) -> Sent:
        """Answer `item` on the platform, once per `key` however often it is called."""
        raise RefusedError(f"Torget cannot yet reply on {self.name}; the reply is kept.")

    def send_message(self, channel: Any, to: str, text: str, key: str) -> Sent:
        """A direct message to the account `to`, once per `key`."""
        raise RefusedError(f"Torget cannot send direct messages on {self.name}.")

    def explain(self, verb: str) -> str:
        """Why the platform will not take the moderation step `verb`, and what the moderator
        can do instead; empty when it will."""
        if verb in self.moderates:
            return ""
        said = self.refusals.get(verb) or CANNOT.get(verb)
        if said is None:
            return str(_("%(platform)s knows no such step.") % {"platform": self.name})
        return str(said) % {"platform": self.name}

    def hide(self, channel: Any, external_id: str, hidden: bool = True) -> None:
        """Hide (or show again) a comment; the writer and their friends still see it."""
        raise RefusedError(f"{self.name} does not let an account hide others' comments.")

    def delete(self, channel: Any, external_id: str) -> None:
        raise RefusedError(f"{self.name} does not let an account delete others' comments.")

    def block(self, channel: Any, author_handle: str) -> None:
        """Keep the writer from the account's posts, as the platform's own block does."""
        raise RefusedError(f"{self.name} does not let an account block others.")

    def unblock(self, channel: Any, author_handle: str) -> None:
        """Lift the account's block on the writer; a writer not blocked is left as is."""
        raise RefusedError(f"{self.name} does not let an account block others.")

    def token_expiry(self, channel: Any) -> datetime | None:
        """When the channel's access lapses, where the platform tells; None when it does not
        lapse or the platform does not say."""
        return None

    def metrics(self, channel: Any, external_id: str = "") -> Metrics:
        """The account's counts, or one post's when `external_id` is given."""
        return Metrics()
