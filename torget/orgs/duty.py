"""A team's duty calendar: the hours it is staffed to answer citizens.

Pure Python (no Django, no database) so the inbox can compute reply due
times from it cheaply and the rules can be tested exhaustively.

DST design (correct due times across clock changes is the whole point):

* Hours are wall-clock intervals per local date; each is turned into real
  instants for that date, and all arithmetic happens in UTC. Python's
  arithmetic and comparison on aware datetimes sharing one tzinfo is
  wall-clock arithmetic that ignores ``fold``, so it is wrong across DST.
* Open time is real elapsed time: when the clocks go back a 00:00-24:00 day
  is 25 hours long, on the spring-forward day it is 23 hours.
* A wall time that does not exist (spring gap, 02:30 on 2026-03-29 in Oslo)
  means what the clock shows after moving forward (03:30 CEST), and an
  ambiguous one (02:30 on 2026-10-25) means its first occurrence. Both are
  what zoneinfo gives for ``fold=0``, so a shift is never silently dropped.
  An interval whose ends invert in the gap (02:30-03:00) is empty.
* 24:00 is the next local date's 00:00, so 22:00-24:00 and a following
  00:00-02:00 are one continuous staffed period.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as holidays_package

Interval = tuple[int, int]
Period = tuple[datetime, datetime]  # (start, end) as UTC instants, end exclusive
T = TypeVar("T", int, datetime)  # minutes of a day, or instants

MINUTES_PER_DAY = 1440
SEARCH_HORIZON_DAYS = 400
ONE_DAY = timedelta(days=1)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CLOCK_PATTERN = re.compile(r"([0-9]{1,2}):([0-9]{2})")


@dataclass(frozen=True)
class Schedule:
    """Weekly wall-clock hours (index 0 = Monday) plus public holidays and dated exceptions."""

    weekly: tuple[tuple[Interval, ...], ...]
    timezone: str = "Europe/Oslo"
    holidays: str | None = "NO"
    holiday_hours: tuple[Interval, ...] = ()
    # Compared (it changes the calendar) but not hashed (a dict is unhashable).
    exceptions: Mapping[date, tuple[Interval, ...]] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        self._replace("weekly", _normalise_weekly(self.weekly))
        self._replace("holiday_hours", _normalise_hours(self.holiday_hours, "holiday_hours"))
        self._replace("exceptions", MappingProxyType(_normalise_exceptions(self.exceptions)))
        _zone_named(self.timezone)
        if self.holidays is not None:
            self._replace("holidays", _checked_country(self.holidays))

    def _replace(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)  # normalising a frozen dataclass


def parse_clock(text: str) -> int:
    """'08:00' -> 480, '24:00' -> 1440. Accepts H:MM too; surrounding blanks are ignored."""
    match = CLOCK_PATTERN.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"expected a clock time like '08:00' (HH:MM), got {text!r}")
    hour, minute = int(match[1]), int(match[2])
    if hour > 24:
        raise ValueError(f"hour must be between 00 and 24, got {text!r}")
    if minute > 59:
        raise ValueError(f"minutes must be between 00 and 59, got {text!r}")
    if hour == 24 and minute:
        raise ValueError(f"{text!r} is past the end of the day; the latest time is 24:00")
    return hour * 60 + minute


def format_clock(minute: int) -> str:
    """480 -> '08:00', 1440 -> '24:00'."""
    if not 0 <= minute <= MINUTES_PER_DAY:
        raise ValueError(f"minute of day must be between 0 and 1440, got {minute!r}")
    return f"{minute // 60:02d}:{minute % 60:02d}"


def hours_on(schedule: Schedule, day: date) -> tuple[Interval, ...]:
    """A dated exception wins over a public holiday, which wins over the weekday."""
    _check_date(day)
    if day in schedule.exceptions:
        return schedule.exceptions[day]
    if holiday_name(schedule, day) is not None:
        return schedule.holiday_hours
    return schedule.weekly[day.weekday()]


def holiday_name(schedule: Schedule, day: date) -> str | None:
    _check_date(day)
    if schedule.holidays is None:
        return None
    return _public_holidays(schedule.holidays, day.year).get(day)


def is_open(schedule: Schedule, t: datetime) -> bool:
    instant = _utc(t, "t")
    day = _local_date(schedule, instant)
    periods = _merged_periods(schedule, day - ONE_DAY, day + ONE_DAY)
    return any(start <= instant < end for start, end in periods)


def next_open(schedule: Schedule, t: datetime) -> datetime | None:
    """t itself if open then, else the next opening; None if none within the horizon."""
    instant = _utc(t, "t")
    for start, end in _periods_ahead(schedule, instant):
        if end > instant:
            return _local(schedule, max(start, instant))
    return None


def add_open_minutes(schedule: Schedule, t: datetime, minutes: int) -> datetime | None:
    """The instant when `minutes` of staffed time have passed since t.

    The clock starts at the next opening when t is closed. Running out exactly
    at a closing time returns that closing time (not the next opening).
    """
    instant = _utc(t, "t")
    if minutes < 0:
        raise ValueError(f"minutes must not be negative, got {minutes!r}")
    remaining = timedelta(minutes=minutes)
    for start, end in _periods_ahead(schedule, instant):
        if end <= instant:
            continue
        start = max(start, instant)
        if remaining <= end - start:
            return _local(schedule, start + remaining)
        remaining -= end - start
    return None


def next_working_day_close(schedule: Schedule, t: datetime) -> datetime | None:
    """Closing time of the first local date strictly after t's that has staffed time."""
    today = _local_date(schedule, _utc(t, "t"))
    for day in _days(today + ONE_DAY, today + timedelta(days=SEARCH_HORIZON_DAYS)):
        periods = _day_periods(schedule, day)
        if periods:
            return _local(schedule, max(end for _, end in periods))
    return None


def open_periods(
    schedule: Schedule, start: datetime, end: datetime
) -> Iterator[tuple[datetime, datetime]]:
    """Staffed periods overlapping [start, end), clipped to it, in order."""
    # Validate eagerly: a generator function would only fail once iterated.
    window = (_utc(start, "start"), _utc(end, "end"))
    return _clipped_periods(schedule, *window)


def _clipped_periods(
    schedule: Schedule, start: datetime, end: datetime
) -> Iterator[tuple[datetime, datetime]]:
    if start >= end:
        return
    first_day, last_day = _local_date(schedule, start) - ONE_DAY, _local_date(schedule, end)
    for period_start, period_end in _merged_periods(schedule, first_day, last_day):
        if period_start >= end:
            return
        if period_end > start:
            yield _local(schedule, max(period_start, start)), _local(schedule, min(period_end, end))


def _periods_ahead(schedule: Schedule, instant: datetime) -> Iterator[Period]:
    today = _local_date(schedule, instant)
    return _merged_periods(schedule, today - ONE_DAY, today + timedelta(days=SEARCH_HORIZON_DAYS))


def _merged_periods(schedule: Schedule, first_day: date, last_day: date) -> Iterator[Period]:
    """Real staffed periods of the dates, touching ones (across midnight) merged."""
    days = _days(first_day, last_day)
    return _merge(period for day in days for period in _day_periods(schedule, day))


# Every due time walks a day or two of its calendar, and a batch of items walks the same days
# again and again; schedules are equal by value, so a batch's fresh copies hit the cache too.
@functools.lru_cache(maxsize=8192)
def _day_periods(schedule: Schedule, day: date) -> tuple[Period, ...]:
    zone = _zone_named(schedule.timezone)
    spans = sorted(
        (_wall_to_utc(zone, day, s), _wall_to_utc(zone, day, e)) for s, e in hours_on(schedule, day)
    )
    # In the spring gap wall-clock order and real order can disagree.
    return tuple(_merge(span for span in spans if span[0] < span[1]))


def _wall_to_utc(zone: ZoneInfo, day: date, minute: int) -> datetime:
    if minute == MINUTES_PER_DAY:
        day, minute = day + ONE_DAY, 0
    wall = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)  # fold=0
    return wall.astimezone(UTC)


def _merge(spans: Iterable[tuple[T, T]]) -> Iterator[tuple[T, T]]:
    """Merge overlapping or touching spans, given sorted by start."""
    pending: tuple[T, T] | None = None
    for start, end in spans:
        if pending is not None and start <= pending[1]:
            pending = (pending[0], max(pending[1], end))
            continue
        if pending is not None:
            yield pending
        pending = (start, end)
    if pending is not None:
        yield pending


def _days(first: date, last: date) -> Iterator[date]:
    return (date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))


def _utc(t: datetime, name: str) -> datetime:
    if not isinstance(t, datetime):
        raise ValueError(f"{name} must be a timezone-aware datetime, got {t!r}")
    if t.utcoffset() is None:
        raise ValueError(
            f"{name} must be timezone-aware, got naive {t!r}; "
            "attach a zone such as ZoneInfo('Europe/Oslo')"
        )
    return t.astimezone(UTC)


def _local(schedule: Schedule, instant: datetime) -> datetime:
    return instant.astimezone(_zone_named(schedule.timezone))


def _local_date(schedule: Schedule, instant: datetime) -> date:
    return _local(schedule, instant).date()


def _check_date(day: date, what: str = "day") -> None:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise ValueError(f"{what} must be a date (not a datetime), got {day!r}")


def _normalise_weekly(weekly: Iterable[Iterable[Interval]]) -> tuple[tuple[Interval, ...], ...]:
    days = tuple(weekly)
    if len(days) != 7:
        raise ValueError(f"weekly needs exactly 7 entries (Monday to Sunday), got {len(days)}")
    named_days = zip(DAY_NAMES, days, strict=True)
    return tuple(_normalise_hours(hours, f"weekly hours for {name}") for name, hours in named_days)


def _normalise_hours(hours: Iterable[Interval], where: str) -> tuple[Interval, ...]:
    """Validate, sort and merge overlapping or adjacent intervals."""
    checked = sorted(_checked_interval(interval, where) for interval in hours)
    return tuple(_merge(checked))


def _checked_interval(interval: Interval, where: str) -> Interval:
    try:
        start, end = interval
    except (TypeError, ValueError):
        raise ValueError(
            f"{where}: {interval!r} is not a (start_minute, end_minute) pair"
        ) from None
    if not all(isinstance(m, int) and not isinstance(m, bool) for m in (start, end)):
        raise ValueError(f"{where}: interval minutes must be integers, got {interval!r}")
    if not (0 <= start <= MINUTES_PER_DAY and 0 <= end <= MINUTES_PER_DAY):
        raise ValueError(
            f"{where}: {interval!r} is outside the day; minutes run from 0 (00:00) to 1440 (24:00)"
        )
    if start >= end:
        raise ValueError(
            f"{where}: interval {format_clock(start)}-{format_clock(end)} must start before it "
            "ends (split a shift past midnight into two days)"
        )
    return start, end


def _normalise_exceptions(
    exceptions: Mapping[date, Iterable[Interval]],
) -> dict[date, tuple[Interval, ...]]:
    normalised = {}
    for day, hours in exceptions.items():
        _check_date(day, "each exceptions key")
        normalised[day] = _normalise_hours(hours, f"exception for {day.isoformat()}")
    return normalised


def _zone_named(key: str) -> ZoneInfo:
    try:
        return ZoneInfo(key)  # ZoneInfo caches instances per key
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise ValueError(
            f"unknown time zone {key!r}; use an IANA name such as 'Europe/Oslo'"
        ) from None


def _checked_country(code: str) -> str:
    code = code.upper() if isinstance(code, str) else code
    _holiday_language(code)
    return code


@functools.cache
def _holiday_language(country: str) -> str | None:
    try:
        return holidays_package.country_holidays(country).default_language
    except (NotImplementedError, AttributeError, TypeError):
        raise ValueError(
            f"unknown holiday country code {country!r}; use a code the holidays package knows, "
            "such as 'NO', or None for no holiday rule"
        ) from None


@functools.lru_cache(maxsize=256)
def _public_holidays(country: str, year: int) -> Mapping[date, str]:
    # Name in the country's own language: without `language` the package
    # picks it from the process locale, so names would vary between servers.
    found = holidays_package.country_holidays(
        country, years=year, language=_holiday_language(country)
    )
    return MappingProxyType(dict(found))
