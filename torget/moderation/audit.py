"""The audit log as a moderator searches it, and as a spreadsheet receives it.

Times are entered and shown in Europe/Oslo whatever the server's zone: an entry is evidence,
and "what happened on the 3rd" means the 3rd as people here lived it.
"""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from torget.inbox.models import Item
from torget.moderation.models import AuditEntry, Verdict
from torget.orgs.models import Membership
from torget.orgs.queries import scoped

OSLO = ZoneInfo("Europe/Oslo")
# Spreadsheets run a cell that starts with one of these as a formula (OWASP lists the tab and
# carriage return too): a leading apostrophe makes Excel and LibreOffice read it as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class AuditFilters:
    text: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def get_audit_entries(member: Membership, filters: AuditFilters) -> QuerySet[AuditEntry]:
    """The organization's entries matching the search, newest first."""
    entries = scoped(AuditEntry, member)
    if filters.text:
        entries = entries.filter(
            Q(text__icontains=filters.text)
            | Q(reason__icontains=filters.text)
            | Q(actor_name__icontains=filters.text)
            | Q(author_handle__icontains=filters.text)
        )
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.date_from:
        entries = entries.filter(at__gte=start_of_day(filters.date_from))
    if filters.date_to:
        entries = entries.filter(at__lt=start_of_day(filters.date_to + timedelta(days=1)))
    return entries.order_by("-at", "-id")


def start_of_day(day: date) -> datetime:
    """Midnight in Oslo; Norway changes its clocks at 02:00 and 03:00, so midnight always exists."""
    return datetime.combine(day, time.min, tzinfo=OSLO)


def get_existing_item_ids(member: Membership, entries: Iterable[AuditEntry]) -> set[int]:
    """Which of the entries' items are still there to link to, in one query for the whole page."""
    wanted = {entry.item_id for entry in entries if entry.item_id is not None}
    if not wanted:
        return set()
    return set(scoped(Item, member).filter(pk__in=wanted).values_list("pk", flat=True))


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    item_exists: bool
    verdict_before: str
    verdict_after: str


def get_audit_rows(member: Membership, entries: list[AuditEntry]) -> list[AuditRow]:
    """One page of the log as it is shown: whether each item can still be opened, and its
    verdicts in words."""
    existing, labels = get_existing_item_ids(member, entries), Labels.now()
    return [
        AuditRow(
            entry=entry,
            item_exists=entry.item_id in existing,
            verdict_before=labels.verdicts.get(entry.verdict_before, entry.verdict_before),
            verdict_after=labels.verdicts.get(entry.verdict_after, entry.verdict_after),
        )
        for entry in entries
    ]


def csv_header() -> list[str]:
    return [
        _("time"),
        _("actor"),
        _("action"),
        _("item id"),
        _("channel"),
        _("writer"),
        _("verdict before"),
        _("verdict after"),
        _("reason"),
        _("outcome"),
        _("text"),
    ]


@dataclass(frozen=True)
class Labels:
    """The words for action and verdict codes, translated once for the whole export."""

    actions: dict[str, str]
    verdicts: dict[str, str]

    @classmethod
    def now(cls) -> "Labels":
        return cls(
            actions={code: str(label) for code, label in AuditEntry.Action.choices},
            verdicts={code: str(label) for code, label in Verdict.Kind.choices},
        )


def csv_row(entry: AuditEntry, labels: Labels) -> list[str]:
    cells = [
        entry.at.astimezone(OSLO).isoformat(timespec="seconds"),
        entry.actor_name,
        labels.actions.get(entry.action, entry.action),
        "" if entry.item_id is None else str(entry.item_id),
        entry.channel,
        entry.author_handle,
        labels.verdicts.get(entry.verdict_before, entry.verdict_before),
        labels.verdicts.get(entry.verdict_after, entry.verdict_after),
        entry.reason,
        entry.outcome,
        entry.text,
    ]
    return [as_text_cell(cell) for cell in cells]


def as_text_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class Passthrough:
    """csv.writer writes to a file; this 'file' hands each line back to be streamed."""

    def write(self, line: str) -> str:
        return line


def csv_lines(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    """The export, line by line. Labels are translated now, in the request's language, not
    later while the response streams."""
    header, labels = csv_header(), Labels.now()
    writer = csv.writer(Passthrough())

    def lines() -> Iterator[str]:
        # The byte order mark tells Excel the file is UTF-8, so æ, ø and å come out right.
        yield "\ufeff" + writer.writerow(header)
        for entry in entries.iterator(chunk_size=500):
            yield writer.writerow(csv_row(entry, labels))

    return lines()
