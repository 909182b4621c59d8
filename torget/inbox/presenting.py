"""How the inbox speaks about items: due times as "in 12 min" / "overdue 3 h", list rows."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from torget.inbox.models import Item, Kind, Language, Status

KINDS, LANGUAGES, STATUSES = dict(Kind.choices), dict(Language.choices), dict(Status.choices)


def span(minutes: int) -> str:
    if minutes < 60:
        return _("%(n)d min") % {"n": minutes}
    if minutes < 48 * 60:
        return _("%(n)d h") % {"n": minutes // 60}
    return _("%(n)d days") % {"n": minutes // (24 * 60)}


def due_label(due_at: datetime | None, now: datetime) -> str:
    if due_at is None:
        return ""
    minutes = int((due_at - now).total_seconds() // 60)
    if minutes < 0:
        return _("overdue %(span)s") % {"span": span(-minutes)}
    return _("in %(span)s") % {"span": span(minutes)}


def urgency(due_at: datetime | None, now: datetime) -> str:
    """A word for styling: overdue, soon (within 30 minutes) or later."""
    if due_at is None:
        return "none"
    seconds = (due_at - now).total_seconds()
    if seconds < 0:
        return "overdue"
    return "soon" if seconds < 30 * 60 else "later"


@dataclass(frozen=True)
class Row:
    """One line of the inbox list, worked out here so the template only prints it."""

    url: str
    due: str
    urgency: str
    author: str
    about: str
    text: str
    tags: list[str]


def inbox_row(item: Item, now: datetime) -> Row:
    """Only items still owed an answer have a clock; the rest show what became of them."""
    if item.needs_answer:
        due, level = due_label(item.due_at, now), urgency(item.due_at, now)
    else:
        due, level = str(STATUSES.get(item.status, item.status)), "none"
    received = format_date(localtime(item.received_at), "D H:i")
    return Row(
        url=reverse("inbox-item", args=[item.pk]),
        due=due or "–",
        urgency=level,
        author=str(item.author or ""),
        about=f"{KINDS.get(item.kind, item.kind)} · {item.channel} · {received}",
        text=Truncator(item.text).chars(160),
        tags=[str(tag) for tag in tags_of(item) if tag],
    )


def tags_of(item: Item) -> list:
    assignee = item.assigned_to and (
        item.assigned_to.user.get_full_name() or item.assigned_to.user.username
    )
    return [
        item.response_class and item.response_class.name,
        item.team and item.team.name,
        LANGUAGES.get(item.language, item.language),
        assignee,
        item.status == Status.WAITING and STATUSES[Status.WAITING],
    ]
