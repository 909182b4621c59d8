"""Automatic moderation rules: what a rule asks of an item, and whether an item's facts meet it.

Pure functions over plain values, so a rule can be tested, dry-run over past items and applied
to new ones with the same code. Every condition a rule gives must hold; conditions left out
hold for anything.

"New author" means the writer had no earlier item in the organization: this item is the first
received from them (items received at the very same moment both count as first). It is read
from the history, not from the verdict's "new_author" signal, because that signal is only
given alongside other spam signals and only to a writer first seen in the same batch, and a
dry run over the last 30 days needs the same answer for every past item.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from torget.moderation.models import Verdict
from torget.moderation.spam_signals import domains_in

SCORES = ("min_spam", "min_abuse")
FLAGS = ("links", "new_author")
LISTS = ("verdicts", "channels")
# Channels only narrow where a rule looks; alone they would act on everything a channel gets.
ABOUT_THE_ITEM = ("verdicts", *FLAGS, *SCORES)


@dataclass(frozen=True)
class Facts:
    verdict: str
    spam_score: float
    abuse_score: float
    has_links: bool
    new_author: bool
    channel: str


class HasConditions(Protocol):
    conditions: dict[str, Any]


R = TypeVar("R", bound=HasConditions)


def facts_of(
    verdict: str, spam_score: float, abuse_score: float, text: str, channel: str, new_author: bool
) -> Facts:
    return Facts(verdict, spam_score, abuse_score, bool(domains_in(text)), new_author, channel)


def matches(conditions: dict[str, Any], facts: Facts) -> bool:
    return (
        in_list(conditions.get("verdicts"), facts.verdict)
        and in_list(conditions.get("channels"), facts.channel)
        and (not conditions.get("links") or facts.has_links)
        and (not conditions.get("new_author") or facts.new_author)
        and facts.spam_score >= conditions.get("min_spam", 0.0)
        and facts.abuse_score >= conditions.get("min_abuse", 0.0)
    )


def in_list(allowed: list[str] | None, value: str) -> bool:
    return not allowed or value in allowed


def first_matching(rules: Sequence[R], facts: Facts) -> R | None:
    """Rules in the order they are asked (by id: the oldest rule first); the first that
    matches acts, and the others are not asked."""
    return next((rule for rule in rules if matches(rule.conditions, facts)), None)


def clean_conditions(conditions: object) -> dict[str, Any]:
    """The conditions as stored, or ValidationError naming what is wrong."""
    if not isinstance(conditions, dict):
        raise ValidationError(_("The conditions must be an object."))
    unknown = set(conditions) - {*LISTS, *FLAGS, *SCORES}
    if unknown:
        raise ValidationError(
            _("Unknown conditions: %(names)s.") % {"names": ", ".join(sorted(map(str, unknown)))}
        )
    cleaned: dict[str, Any] = {}
    if "verdicts" in conditions:
        cleaned["verdicts"] = clean_verdicts(conditions["verdicts"])
    if "channels" in conditions:
        cleaned["channels"] = clean_channels(conditions["channels"])
    for name in FLAGS:
        if name in conditions:
            cleaned[name] = clean_flag(conditions[name], name)
    for name in SCORES:
        if name in conditions:
            cleaned[name] = clean_score(conditions[name], name)
    if not any(name in cleaned for name in ABOUT_THE_ITEM):
        raise ValidationError(
            _(
                "A rule needs at least one condition about the item (verdict, link, new writer "
                "or score): without one it would act on everything."
            )
        )
    return cleaned


def clean_verdicts(verdicts: object) -> list[str]:
    kinds = Verdict.Kind.values
    if not isinstance(verdicts, list) or not verdicts:
        raise ValidationError(_("verdicts must be a list of one or more verdicts."))
    unknown = [str(kind) for kind in verdicts if kind not in kinds]
    if unknown:
        raise ValidationError(
            _("verdicts can be %(allowed)s, not %(names)s.")
            % {"allowed": ", ".join(kinds), "names": ", ".join(unknown)}
        )
    return list(dict.fromkeys(verdicts))


def clean_channels(channels: object) -> list[str]:
    if (
        not isinstance(channels, list)
        or not channels
        or not all(isinstance(key, str) and 0 < len(key.strip()) <= 40 for key in channels)
    ):
        raise ValidationError(_("channels must be a list of one or more channel keys."))
    return list(dict.fromkeys(key.strip() for key in channels))


def clean_flag(value: object, name: str) -> bool:
    if value is not True:
        raise ValidationError(
            _("%(name)s can only be true; leave it out to match any item.") % {"name": name}
        )
    return True


def clean_score(value: object, name: str) -> float:
    # A threshold of 0 would hold for every item, which is the mistake the empty rule is.
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise ValidationError(
            _("%(name)s must be a number above 0 and at most 1.") % {"name": name}
        )
    return float(value)


def described(conditions: dict[str, Any]) -> list[str]:
    """The conditions in words, for the rules page."""
    words = []
    if conditions.get("verdicts"):
        names = joined(str(Verdict.Kind(kind).label) for kind in conditions["verdicts"])
        words.append(_("Verdict: %(names)s") % {"names": names})
    if conditions.get("links"):
        words.append(_("The text has a link"))
    if conditions.get("new_author"):
        words.append(_("The writer's first item here"))
    if "min_spam" in conditions:
        words.append(_("Spam score at least %(score).2f") % {"score": conditions["min_spam"]})
    if "min_abuse" in conditions:
        words.append(_("Abuse score at least %(score).2f") % {"score": conditions["min_abuse"]})
    if conditions.get("channels"):
        words.append(_("Channel: %(names)s") % {"names": joined(conditions["channels"])})
    return words


def joined(names: Iterable[str]) -> str:
    return str(_(" or ")).join(names)
