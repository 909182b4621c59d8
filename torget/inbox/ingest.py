"""Checking what arrives from outside before anything is stored.

Every field is checked and every problem is named, so a batch either goes in whole or is refused
whole with the list of what to fix: nothing is half-stored and nothing is silently dropped.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from torget.inbox.models import Kind

MAX_TEXT = 20_000
MAX_ID = 300
MAX_BATCH = 1000


class IngestError(ValueError):
    def __init__(self, problems: list[dict[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{p['field']}: {p['message']}" for p in problems))


@dataclass
class ItemIn:
    channel: str
    external_id: str
    kind: str
    author_handle: str
    author_name: str
    text: str
    received_at: datetime
    in_reply_to: str = ""
    author_url: str = ""
    media: list[str] = field(default_factory=list)
    ours: bool = False
    response_class: int | None = None
    team: int | None = None


def problem(field_name: str, message: str) -> dict[str, str]:
    return {"field": field_name, "message": message}


def required_text(data: dict[str, Any], name: str, limit: int, problems: list) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(problem(name, _("is required and must be text.")))
        return ""
    if len(value) > limit or "\x00" in value:
        problems.append(problem(name, _("is too long or contains NUL characters.")))
    return value.strip()


def received(data: dict[str, Any], problems: list) -> datetime | None:
    raw = data.get("received_at")
    moment = parse_datetime(raw) if isinstance(raw, str) else None
    if moment is None or moment.tzinfo is None:
        problems.append(
            problem(
                "received_at", _("must be ISO 8601 with an offset, e.g. 2026-11-23T09:15:00+01:00.")
            )
        )
        return None
    return moment


def check_item(data: object, classes: set[int], teams: set[int]) -> ItemIn:
    if not isinstance(data, dict):
        raise IngestError([problem("item", _("must be an object."))])
    problems: list[dict[str, str]] = []
    channel = required_text(data, "channel", 40, problems)
    external_id = required_text(data, "external_id", MAX_ID, problems)
    kind = data.get("kind")
    if kind not in Kind.values:
        problems.append(
            problem("kind", _("must be one of %(kinds)s.") % {"kinds": ", ".join(Kind.values)})
        )
    author = data.get("author") if isinstance(data.get("author"), dict) else {}
    handle = required_text(author, "handle", 200, problems)
    text = data.get("text", "")
    if not isinstance(text, str) or len(text) > MAX_TEXT or "\x00" in text:
        problems.append(
            problem("text", _("must be text of at most %(n)d characters.") % {"n": MAX_TEXT})
        )
    moment = received(data, problems)
    check_reference(data, "response_class", classes, problems)
    check_reference(data, "team", teams, problems)
    if problems:
        raise IngestError([{**p, "field": fix_author(p["field"])} for p in problems])
    return ItemIn(
        channel=channel.casefold(),
        external_id=external_id,
        kind=kind,
        author_handle=handle,
        author_name=str(author.get("name") or "")[:200],
        author_url=str(author.get("url") or "")[:500],
        text=text,
        received_at=moment,
        in_reply_to=str(data.get("in_reply_to") or "")[:MAX_ID],
        media=[str(link)[:500] for link in data.get("media") or []][:20],
        ours=bool(data.get("ours", False)),
        response_class=data.get("response_class"),
        team=data.get("team"),
    )


def fix_author(name: str) -> str:
    return "author.handle" if name == "handle" else name


def check_reference(data: dict[str, Any], name: str, known: set[int], problems: list) -> None:
    value = data.get(name)
    if value is not None and value not in known:
        problems.append(problem(name, _("is not one of your organization's ids.")))


def check_batch(bodies: object, classes: set[int], teams: set[int]) -> list[ItemIn]:
    if not isinstance(bodies, list) or not 1 <= len(bodies) <= MAX_BATCH:
        raise IngestError(
            [problem("items", _("must be a list of 1 to %(n)d items.") % {"n": MAX_BATCH})]
        )
    items, problems = [], []
    for index, body in enumerate(bodies):
        try:
            items.append(check_item(body, classes, teams))
        except IngestError as error:
            problems += [{**p, "field": f"items[{index}].{p['field']}"} for p in error.problems]
    if problems:
        raise IngestError(problems)
    return items
