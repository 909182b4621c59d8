"""Reading, validating and presenting duty calendars.

The database keeps a calendar in the API's own shape (clock strings); this module is the one
place that checks that shape and turns it into a `duty.Schedule` for the arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from torget.orgs import duty

if TYPE_CHECKING:
    from torget.orgs.models import DutyCalendar

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SUPPORTED_HOLIDAY_COUNTRIES = ("NO",)
MAX_EXCEPTIONS = 1000
# Calendars describe working life; outside these years dates are typing mistakes, and the
# arithmetic would run off the end of Python's calendar near year 9999.
FIRST_YEAR, LAST_YEAR = 1970, 2200


class CalendarError(ValueError):
    """A calendar that cannot be used; the message says what to fix."""


def clean_hours(pairs: object, where: str) -> list[list[str]]:
    if not isinstance(pairs, list):
        raise CalendarError(
            _("%(where)s: hours must be a list of [start, end] pairs.") % {"where": where}
        )
    minutes = [clean_interval(pair, where) for pair in pairs]
    minutes.sort()
    for (_start, end), (next_start, _end) in zip(minutes, minutes[1:], strict=False):
        if next_start < end:
            raise CalendarError(_("%(where)s: the intervals overlap.") % {"where": where})
    return [[duty.format_clock(start), duty.format_clock(end)] for start, end in minutes]


def clean_interval(pair: object, where: str) -> tuple[int, int]:
    if not (
        isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
    ):
        raise CalendarError(
            _('%(where)s: each interval must be a pair like ["08:00", "16:00"].') % {"where": where}
        )
    start, end = clean_clock(pair[0], where), clean_clock(pair[1], where)
    if start >= end:
        raise CalendarError(
            _("%(where)s: %(start)s–%(end)s must end after it starts.")
            % {"where": where, "start": pair[0], "end": pair[1]}
        )
    return start, end


def clean_clock(text: str, where: str) -> int:
    try:
        return duty.parse_clock(text)
    except ValueError:
        raise CalendarError(
            _('%(where)s: "%(text)s" is not a time of day like 08:00 (00:00–24:00).')
            % {"where": where, "text": text}
        ) from None


def clean_text(value: object, max_length: int) -> str:
    """Text a person typed, trimmed; NUL can never be stored (PostgreSQL refuses it)."""
    text = str(value or "").strip()
    if "\x00" in text:
        raise CalendarError(_("Text may not contain NUL characters."))
    return text[:max_length]


def clean_timezone(name: object) -> str:
    try:
        ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarError(_("Unknown time zone: %(name)s.") % {"name": name}) from None
    return str(name)


def clean_holidays(code: object) -> str:
    if code in (None, ""):
        return ""
    if code not in SUPPORTED_HOLIDAY_COUNTRIES:
        raise CalendarError(
            _('Unknown public-holiday calendar: %(code)s (use "NO" or null).') % {"code": code}
        )
    return str(code)


def clean_weekly(weekly: object) -> dict[str, list[list[str]]]:
    if not isinstance(weekly, dict):
        raise CalendarError(_("weekly must be an object with the keys mon … sun."))
    unknown = set(weekly) - set(DAY_KEYS)
    if unknown:
        raise CalendarError(
            _("weekly has unknown days: %(days)s.") % {"days": ", ".join(sorted(unknown))}
        )
    return {day: clean_hours(weekly.get(day, []), f"weekly.{day}") for day in DAY_KEYS}


def clean_exceptions(exceptions: object) -> list[dict[str, Any]]:
    if not isinstance(exceptions, list) or len(exceptions) > MAX_EXCEPTIONS:
        raise CalendarError(
            _("exceptions must be a list of at most %(n)d days.") % {"n": MAX_EXCEPTIONS}
        )
    cleaned = {}
    for item in exceptions:
        day = clean_exception_date(item)
        if day in cleaned:
            raise CalendarError(_("exceptions: %(day)s is listed twice.") % {"day": day})
        note = clean_text(item.get("note"), 200)
        hours = clean_hours(item.get("hours", []), f"exceptions.{day}")
        cleaned[day] = {"date": day, "hours": hours, "note": note}
    return [cleaned[day] for day in sorted(cleaned)]


def clean_exception_date(item: object) -> str:
    if not isinstance(item, dict) or not isinstance(item.get("date"), str):
        raise CalendarError(_('exceptions: each day needs a "date" like "2026-12-24".'))
    try:
        day = date.fromisoformat(item["date"])
    except ValueError:
        raise CalendarError(
            _("exceptions: %(day)s is not a date.") % {"day": item["date"]}
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CalendarError(
            _("exceptions: %(day)s is outside the years %(first)d–%(last)d.")
            % {"day": item["date"], "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return day.isoformat()


def clean_calendar(data: dict[str, Any]) -> dict[str, Any]:
    """Validate a whole calendar body; returns the model's field values."""
    name = clean_text(data.get("name"), 200)
    if not name:
        raise CalendarError(_("A calendar needs a name."))
    return {
        "name": name,
        "timezone": clean_timezone(data.get("timezone") or "Europe/Oslo"),
        "weekly": clean_weekly(data.get("weekly") or {}),
        "holidays": clean_holidays(data.get("holidays", "NO")),
        "holiday_hours": clean_hours(data.get("holiday_hours") or [], "holiday_hours"),
        "exceptions": clean_exceptions(data.get("exceptions") or []),
    }


def minutes_of(pairs: list[list[str]]) -> tuple[duty.Interval, ...]:
    return tuple((duty.parse_clock(start), duty.parse_clock(end)) for start, end in pairs)


def schedule_of(calendar: DutyCalendar) -> duty.Schedule:
    return duty.Schedule(
        weekly=tuple(minutes_of(calendar.weekly.get(day, [])) for day in DAY_KEYS),
        timezone=calendar.timezone,
        holidays=calendar.holidays or None,
        holiday_hours=minutes_of(calendar.holiday_hours),
        exceptions={
            date.fromisoformat(item["date"]): minutes_of(item["hours"])
            for item in calendar.exceptions
        },
    )


HOURS_TEXT = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})\s*$")


def parse_hours_text(text: str, where: str) -> list[list[str]]:
    """Read what a person types in a form: "08:00–16:00, 18:00–22:00"; empty means closed."""
    parts = [part for part in re.split(r"[,;\n]", text or "") if part.strip()]
    pairs = []
    for part in parts:
        match = HOURS_TEXT.match(part)
        if not match:
            raise CalendarError(
                _('%(where)s: "%(text)s" is not a time range like 08:00–16:00.')
                % {"where": where, "text": part.strip()}
            )
        pairs.append([clock.zfill(5) for clock in match.groups()])
    return clean_hours(pairs, where)


def hours_text(pairs: list[list[str]]) -> str:
    return ", ".join(f"{start}–{end}" for start, end in pairs)


@dataclass(frozen=True)
class DayView:
    day: date
    intervals: list[list[str]]
    reason: str  # "exception", "holiday" or "weekday"
    note: str

    @property
    def bars(self) -> list[dict[str, float]]:
        """Horizontal positions, in percent of a 24-hour track, for the week view."""
        return [
            {"left": start / 14.4, "width": (end - start) / 14.4}
            for start, end in minutes_of(self.intervals)
        ]

    @property
    def text(self) -> str:
        return hours_text(self.intervals)


def week_of(calendar: DutyCalendar, monday: date) -> list[DayView]:
    schedule = schedule_of(calendar)
    notes = {item["date"]: item.get("note", "") for item in calendar.exceptions}
    return [day_view(schedule, monday + timedelta(days=n), notes) for n in range(7)]


def day_view(schedule: duty.Schedule, day: date, notes: dict[str, str]) -> DayView:
    intervals = [
        [duty.format_clock(s), duty.format_clock(e)] for s, e in duty.hours_on(schedule, day)
    ]
    if day in schedule.exceptions:
        return DayView(day, intervals, "exception", notes.get(day.isoformat(), ""))
    holiday = duty.holiday_name(schedule, day)
    if holiday:
        return DayView(day, intervals, "holiday", holiday)
    return DayView(day, intervals, "weekday", "")


@dataclass(frozen=True)
class Status:
    is_open: bool
    changes_at: datetime | None  # closing time when open, next opening when closed


def status_at(calendar: DutyCalendar, now: datetime) -> Status:
    schedule = schedule_of(calendar)
    if duty.is_open(schedule, now):
        period = next(duty.open_periods(schedule, now, now + timedelta(days=8)), None)
        return Status(True, period[1] if period else None)
    return Status(False, duty.next_open(schedule, now))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_week(text: str | None, today: date) -> date:
    """The Monday of an ISO week written like 2026-W52; this week when missing or unreadable."""
    try:
        year, week = (text or "").split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return monday_of(today)
    return monday if FIRST_YEAR <= monday.year <= LAST_YEAR else monday_of(today)


def iso_week(monday: date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_page(calendar: DutyCalendar, week: str | None, today: date) -> dict[str, Any]:
    """What the week view shows: seven days and the links to the weeks around it."""
    monday = parse_week(week, today)
    return {
        "calendar": calendar,
        "monday": monday,
        "days": week_of(calendar, monday),
        "previous_week": iso_week(monday - timedelta(days=7)),
        "next_week": iso_week(monday + timedelta(days=7)),
        "today": today,
    }


def check_instant(at: datetime) -> None:
    if not FIRST_YEAR <= at.year <= LAST_YEAR:
        raise CalendarError(
            _("Times must fall in the years %(first)d–%(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
