"""How the inbox speaks about items: due times as "in 12 min" / "overdue 3 h", list rows."""

from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from torget.inbox.models import Kind, Language, Status
from torget.moderation.models import Verdict

KINDS, LANGUAGES, STATUSES = dict(Kind.choices), dict(Language.choices), dict(Status.choices)
TEXT_SHOWN = 160


def weekday_and_time(moment: datetime) -> str:
    """As the date filter's "D H:i": "man. 09:05" in bokmål, "Mon 09:05" in English."""
    return f"{WEEKDAYS_ABBR[moment.weekday()]} {moment:%H:%M}"


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


@dataclass(frozen=True)
class ListPage:
    """What every row of one list page shares, looked up once for the page."""

    now: datetime
    teams: dict[int, str]
    classes: dict[int, str]
    # A list shows fifty rows on every refresh: one URL reversed, the rest formatted from it.
    item_url: str = field(default_factory=lambda: reverse("inbox-item", args=[0]))


def inbox_row(item: dict, page: ListPage) -> Row:
    """A row from the fields in ROW_FIELDS, read as values: fifty model instances and their
    authors and assignees cost more to build than the rest of the page.

    Only items still owed an answer have a clock; the rest show what became of them.
    """
    now, due_at = page.now, item["due_at"]
    if item["needs_answer"]:
        due, level = due_label(due_at, now), urgency(due_at, now)
    else:
        due, level = str(STATUSES.get(item["status"], item["status"])), "none"
    text = item["text"]
    return Row(
        url=page.item_url.replace("/0/", f"/{item['id']}/"),
        due=due or "–",
        urgency=level,
        author=item["author__name"] or item["author__handle"] or "",
        about=" · ".join(
            (
                str(KINDS.get(item["kind"], item["kind"])),
                item["channel"],
                weekday_and_time(localtime(item["received_at"])),
            )
        ),
        text=text if len(text) <= TEXT_SHOWN else Truncator(text).chars(TEXT_SHOWN),
        tags=[str(tag) for tag in tags_of(item, page) if tag],
    )


ROW_FIELDS = (
    *("id", "due_at", "status", "needs_answer", "kind", "channel", "received_at", "text"),
    *("language", "team_id", "response_class_id", "author__name", "author__handle"),
    *("assigned_to__user__username", "assigned_to__user__first_name"),
    "assigned_to__user__last_name",
    "verdict__state",
)
# What moderation did with an item, said in the list: a held item waits for a moderator.
MODERATED = {
    state: label
    for state, label in Verdict.State.choices
    if state in (Verdict.State.HELD, Verdict.State.HIDDEN, Verdict.State.DELETED)
}


def tags_of(item: dict, page: ListPage) -> list:
    """Team and class names come from the page's own lists, so the rows need no join for them."""
    names = (item["assigned_to__user__first_name"], item["assigned_to__user__last_name"])
    full_name = " ".join(name for name in names if name)
    return [
        page.classes.get(item["response_class_id"]),
        page.teams.get(item["team_id"]),
        LANGUAGES.get(item["language"], item["language"]),
        full_name or item["assigned_to__user__username"],
        item["status"] == Status.WAITING and STATUSES[Status.WAITING],
        MODERATED.get(item["verdict__state"] or ""),
    ]
