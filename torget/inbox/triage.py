"""Triage rules: ordered conditions that set an item's response class, team and labels.

The first matching rule that names a class decides the class, the first that names a team decides
the team, and every matching rule adds its labels. Pure functions, so rules are easy to test and
to explain on the settings page ("set by rule 'Direct messages to Kundesenter'").
"""

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from django.utils.translation import gettext as _

from torget.inbox.sentiment import TONES

CONDITION_LISTS = ("channels", "kinds", "keywords", "authors", "languages", "tones")


class RuleError(ValueError):
    """A rule that cannot be used; the message names what is wrong."""


@dataclass(frozen=True)
class Facts:
    text: str
    channel: str
    kind: str
    author: str
    language: str
    on_our_post: bool
    local_time: time
    tone: str = "neutral"


@dataclass(frozen=True)
class Rule:
    name: str
    conditions: dict[str, Any]
    response_class: int | None = None
    team: int | None = None
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A batch asks every rule about every item: fold the lists once, not once per item.
        object.__setattr__(self, "conditions", folded(self.conditions))


def folded(conditions: dict[str, Any]) -> dict[str, Any]:
    prepared = dict(conditions)
    for name in CONDITION_LISTS:
        if prepared.get(name):
            words = [word.casefold() for word in prepared[name]]
            prepared[name] = tuple(words) if name == "keywords" else frozenset(words)
    return prepared


@dataclass
class Outcome:
    response_class: int | None = None
    team: int | None = None
    labels: list[str] = field(default_factory=list)
    class_rule: str = ""
    team_rule: str = ""


def matches(conditions: dict[str, Any], facts: Facts) -> bool:
    """Whether every condition holds; the cheap ones are asked first, and the first that fails
    ends the asking."""
    return (
        in_list(conditions.get("channels"), facts.channel)
        and in_list(conditions.get("kinds"), facts.kind)
        and conditions.get("on_our_post") in (None, facts.on_our_post)
        and in_list(conditions.get("languages"), facts.language)
        and in_list(conditions.get("tones"), facts.tone)
        and in_list(conditions.get("authors"), facts.author.casefold())
        and in_hours(conditions.get("hours"), facts.local_time)
        and has_keyword(conditions.get("keywords"), facts.text)
    )


def in_list(allowed: frozenset[str] | None, value: str) -> bool:
    return not allowed or value in allowed


def has_keyword(keywords: tuple[str, ...] | None, text: str) -> bool:
    if not keywords:
        return True
    folded_text = text.casefold()
    return any(keyword in folded_text for keyword in keywords)


def in_hours(hours: list[str] | None, local_time: time) -> bool:
    """["16:00", "08:00"] is a window across midnight; ["08:00", "16:00"] one within a day."""
    if not hours:
        return True
    start, end = (time.fromisoformat(clock) for clock in hours)
    if start <= end:
        return start <= local_time < end
    return local_time >= start or local_time < end


def apply_rules(rules: list[Rule], facts: Facts) -> Outcome:
    """Rules must be Rule objects: their conditions are folded when a Rule is made."""
    outcome = Outcome()
    for rule in rules:
        if not matches(rule.conditions, facts):
            continue
        if outcome.response_class is None and rule.response_class is not None:
            outcome.response_class, outcome.class_rule = rule.response_class, rule.name
        if outcome.team is None and rule.team is not None:
            outcome.team, outcome.team_rule = rule.team, rule.name
        outcome.labels += [label for label in rule.labels if label not in outcome.labels]
    return outcome


def clean_conditions(conditions: object) -> dict[str, Any]:
    if not isinstance(conditions, dict):
        raise RuleError(_("conditions must be an object."))
    unknown = set(conditions) - {*CONDITION_LISTS, "on_our_post", "hours"}
    if unknown:
        raise RuleError(_("Unknown conditions: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    cleaned: dict[str, Any] = {}
    for name in CONDITION_LISTS:
        if name in conditions:
            cleaned[name] = clean_words(conditions[name], name)
    unknown_tones = set(cleaned.get("tones", ())) - set(TONES)
    if unknown_tones:
        raise RuleError(
            _("tones can be %(allowed)s, not %(names)s.")
            % {"allowed": ", ".join(TONES), "names": ", ".join(sorted(unknown_tones))}
        )
    if "on_our_post" in conditions:
        if not isinstance(conditions["on_our_post"], bool):
            raise RuleError(_("on_our_post must be true or false."))
        cleaned["on_our_post"] = conditions["on_our_post"]
    if "hours" in conditions:
        cleaned["hours"] = clean_hours(conditions["hours"])
    return cleaned


def clean_words(words: object, name: str) -> list[str]:
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise RuleError(_("%(name)s must be a list of words.") % {"name": name})
    return [word.strip().casefold() for word in words]


def clean_hours(hours: object) -> list[str]:
    try:
        start, end = hours  # type: ignore[misc]
        return [
            time.fromisoformat(start).strftime("%H:%M"),
            time.fromisoformat(end).strftime("%H:%M"),
        ]
    except (TypeError, ValueError):
        raise RuleError(_('hours must be a pair like ["16:00", "08:00"].')) from None
