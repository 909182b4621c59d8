"""Specification of the duty calendar (torget.orgs.duty).

Datetimes are compared in UTC on purpose: Python compares aware datetimes that
share a tzinfo by wall clock and ignores `fold`, which hides DST mistakes.
"""

import functools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.easter import easter
from hypothesis import given, settings
from hypothesis import strategies as st

from torget.orgs.duty import (
    Schedule,
    add_open_minutes,
    format_clock,
    holiday_name,
    hours_on,
    is_open,
    next_open,
    next_working_day_close,
    open_periods,
    parse_clock,
)

OSLO = ZoneInfo("Europe/Oslo")
TINY = timedelta(microseconds=1)
HORIZON_DAYS = 400


def hours(*spans: str) -> tuple[tuple[int, int], ...]:
    """hours("08:00-12:00", "13:00-16:00") -> ((480, 720), (780, 960))"""
    return tuple((parse_clock(s.split("-")[0]), parse_clock(s.split("-")[1])) for s in spans)


def oslo(y: int, mo: int, d: int, h: int = 0, mi: int = 0, fold: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=OSLO, fold=fold)


def utc(t: datetime) -> datetime:
    return t.astimezone(UTC)


def open_time(schedule: Schedule, start: datetime, end: datetime) -> timedelta:
    periods = open_periods(schedule, start, end)
    return sum((utc(b) - utc(a) for a, b in periods), timedelta())


WEEKDAYS = (hours("08:00-22:00"),) * 5
WEEKEND = (hours("10:00-18:00"),) * 2
OFFICE = Schedule(weekly=WEEKDAYS + WEEKEND)
WEEKDAYS_ONLY = Schedule(weekly=WEEKDAYS + ((), ()))
ALWAYS = Schedule(weekly=(hours("00:00-24:00"),) * 7, holidays=None)
NEVER = Schedule(weekly=((),) * 7)


# --- Clock strings -----------------------------------------------------------


def test_it_parses_and_formats_clock_times_including_24_00() -> None:
    assert parse_clock("08:00") == 480
    assert parse_clock("24:00") == 1440
    assert parse_clock("8:05") == 485
    assert format_clock(480) == "08:00"
    assert format_clock(1440) == "24:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("8", "HH:MM"),
        ("ab:cd", "HH:MM"),
        ("", "HH:MM"),
        ("08:00:00", "HH:MM"),
        ("25:00", "hour must be between 00 and 24"),
        ("12:60", "minutes must be between 00 and 59"),
        ("24:30", "latest time is 24:00"),
    ],
)
def test_it_rejects_bad_clock_strings_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_clock(text)


@pytest.mark.parametrize("minute", [-1, 1441])
def test_it_refuses_to_format_minutes_outside_the_day(minute: int) -> None:
    with pytest.raises(ValueError, match="between 0 and 1440"):
        format_clock(minute)


@given(st.integers(0, 1440))
def test_it_round_trips_minutes_through_clock_strings(minute: int) -> None:
    assert parse_clock(format_clock(minute)) == minute


@given(st.integers(0, 23), st.integers(0, 59))
def test_it_round_trips_canonical_clock_strings(hour: int, minute: int) -> None:
    text = f"{hour:02d}:{minute:02d}"
    assert format_clock(parse_clock(text)) == text


# --- Ordinary weeks ----------------------------------------------------------


def test_it_counts_only_open_minutes_within_a_day() -> None:
    assert add_open_minutes(OFFICE, oslo(2026, 11, 16, 9), 90) == oslo(2026, 11, 16, 10, 30)


def test_it_carries_open_minutes_over_the_night_into_saturday() -> None:
    friday_evening = oslo(2026, 11, 20, 21, 30)
    assert add_open_minutes(OFFICE, friday_evening, 60) == oslo(2026, 11, 21, 10, 30)


def test_it_returns_the_closing_time_when_the_minutes_run_out_exactly_at_closing() -> None:
    assert add_open_minutes(OFFICE, oslo(2026, 11, 16, 21), 60) == oslo(2026, 11, 16, 22)


def test_it_starts_the_clock_at_the_next_opening_when_closed() -> None:
    assert add_open_minutes(OFFICE, oslo(2026, 11, 16, 6), 0) == oslo(2026, 11, 16, 8)
    assert add_open_minutes(OFFICE, oslo(2026, 11, 16, 6), 30) == oslo(2026, 11, 16, 8, 30)


def test_it_is_open_from_opening_up_to_but_not_including_closing() -> None:
    assert not is_open(OFFICE, oslo(2026, 11, 16, 7, 59))
    assert is_open(OFFICE, oslo(2026, 11, 16, 8))
    assert is_open(OFFICE, oslo(2026, 11, 16, 21, 59))
    assert not is_open(OFFICE, oslo(2026, 11, 16, 22))


def test_it_returns_t_itself_in_the_schedule_zone_when_already_open() -> None:
    t = datetime(2026, 11, 16, 10, 15, 30, tzinfo=UTC)
    opened = next_open(OFFICE, t)
    assert opened == t
    assert opened is not None and opened.tzinfo == OSLO


def test_it_merges_periods_that_touch_across_midnight() -> None:
    late = hours("18:00-24:00")
    early = hours("00:00-02:00", "08:00-10:00")
    schedule = Schedule(weekly=(late, early, (), (), (), (), ()), holidays=None)
    periods = list(open_periods(schedule, oslo(2026, 11, 16), oslo(2026, 11, 18)))
    assert periods == [
        (oslo(2026, 11, 16, 18), oslo(2026, 11, 17, 2)),
        (oslo(2026, 11, 17, 8), oslo(2026, 11, 17, 10)),
    ]
    assert add_open_minutes(schedule, oslo(2026, 11, 16, 23, 30), 60) == oslo(2026, 11, 17, 0, 30)


def test_it_clips_open_periods_to_the_window() -> None:
    periods = list(open_periods(OFFICE, oslo(2026, 11, 16, 12), oslo(2026, 11, 17, 9)))
    assert periods == [
        (oslo(2026, 11, 16, 12), oslo(2026, 11, 16, 22)),
        (oslo(2026, 11, 17, 8), oslo(2026, 11, 17, 9)),
    ]


def test_it_yields_no_periods_for_an_empty_or_reversed_window() -> None:
    monday_noon = oslo(2026, 11, 16, 12)
    assert list(open_periods(OFFICE, monday_noon, monday_noon)) == []
    assert list(open_periods(OFFICE, monday_noon, oslo(2026, 11, 16, 9))) == []


def test_it_finds_the_close_of_the_next_working_day_after_the_weekend() -> None:
    friday_evening = oslo(2026, 11, 20, 20)
    assert next_working_day_close(WEEKDAYS_ONLY, friday_evening) == oslo(2026, 11, 23, 22)
    assert next_working_day_close(OFFICE, friday_evening) == oslo(2026, 11, 21, 18)


def test_it_finds_the_next_working_day_strictly_after_today_even_before_opening() -> None:
    monday_morning = oslo(2026, 11, 16, 6)
    assert next_working_day_close(OFFICE, monday_morning) == oslo(2026, 11, 17, 22)


def test_it_closes_at_next_midnight_when_the_working_day_runs_to_24_00() -> None:
    assert next_working_day_close(ALWAYS, oslo(2026, 3, 28, 12)) == oslo(2026, 3, 30)


def test_it_never_opens_a_calendar_without_hours() -> None:
    t = oslo(2026, 11, 16, 12)
    assert next_open(NEVER, t) is None
    assert add_open_minutes(NEVER, t, 1) is None
    assert next_working_day_close(NEVER, t) is None
    assert list(open_periods(NEVER, t, oslo(2027, 11, 16))) == []


def test_it_adds_a_hundred_thousand_minutes_exactly() -> None:
    start = oslo(2026, 1, 1, 12)
    due = add_open_minutes(OFFICE, start, 100_000)
    assert due is not None
    assert open_time(OFFICE, start, due) == timedelta(minutes=100_000)


# --- Norwegian public holidays and exceptions --------------------------------


def test_it_closes_on_maundy_thursday_and_good_friday_but_opens_on_easter_saturday() -> None:
    assert holiday_name(OFFICE, date(2026, 4, 2)) == "Skjærtorsdag"
    assert holiday_name(OFFICE, date(2026, 4, 3)) == "Langfredag"
    assert holiday_name(OFFICE, date(2026, 4, 4)) is None
    assert next_open(OFFICE, oslo(2026, 4, 1, 23)) == oslo(2026, 4, 4, 10)


def test_it_closes_on_easter_sunday_and_easter_monday() -> None:
    assert hours_on(OFFICE, date(2026, 4, 5)) == ()
    assert hours_on(OFFICE, date(2026, 4, 6)) == ()
    assert next_open(OFFICE, oslo(2026, 4, 4, 18)) == oslo(2026, 4, 7, 8)


def test_it_closes_on_constitution_day_even_though_it_is_a_sunday() -> None:
    assert holiday_name(OFFICE, date(2026, 5, 17)) == "Grunnlovsdag"
    assert not is_open(OFFICE, oslo(2026, 5, 17, 12))
    assert next_open(OFFICE, oslo(2026, 5, 17, 9)) == oslo(2026, 5, 18, 8)


def test_it_closes_on_ascension_day_and_over_whitsun() -> None:
    assert holiday_name(OFFICE, date(2026, 5, 14)) == "Kristi himmelfartsdag"
    assert next_open(OFFICE, oslo(2026, 5, 13, 22)) == oslo(2026, 5, 15, 8)
    assert holiday_name(OFFICE, date(2026, 5, 25)) == "Andre pinsedag"
    assert next_open(OFFICE, oslo(2026, 5, 23, 18)) == oslo(2026, 5, 26, 8)


def test_it_does_not_treat_ordinary_sundays_or_christmas_eve_as_public_holidays() -> None:
    assert holiday_name(OFFICE, date(2026, 11, 22)) is None
    assert holiday_name(OFFICE, date(2026, 12, 24)) is None
    assert hours_on(OFFICE, date(2026, 11, 22)) == hours("10:00-18:00")


def test_it_names_holidays_in_norwegian_whatever_the_process_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without an explicit language the holidays package follows the locale.
    monkeypatch.setenv("LANGUAGE", "en_US")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert holiday_name(OFFICE, date(2035, 12, 25)) == "Første juledag"


def test_it_uses_a_christmas_eve_exception_instead_of_the_weekday_hours() -> None:
    schedule = Schedule(weekly=OFFICE.weekly, exceptions={date(2026, 12, 24): hours("08:00-12:00")})
    assert is_open(schedule, oslo(2026, 12, 24, 11, 59))
    assert not is_open(schedule, oslo(2026, 12, 24, 12))
    assert hours_on(schedule, date(2026, 12, 25)) == ()
    assert hours_on(schedule, date(2026, 12, 26)) == ()
    # Christmas Day (Fri) and Boxing Day (Sat) are holidays; Sunday the 27th is not.
    assert next_open(schedule, oslo(2026, 12, 24, 12)) == oslo(2026, 12, 27, 10)
    assert next_working_day_close(schedule, oslo(2026, 12, 23, 9)) == oslo(2026, 12, 24, 12)


def test_it_opens_an_extra_sunday_shift_from_an_exception() -> None:
    sunday = date(2026, 11, 22)
    schedule = Schedule(weekly=WEEKDAYS_ONLY.weekly, exceptions={sunday: hours("12:00-16:00")})
    assert next_open(schedule, oslo(2026, 11, 21, 9)) == oslo(2026, 11, 22, 12)


def test_it_closes_a_normal_weekday_with_an_empty_exception() -> None:
    wednesday = date(2026, 11, 18)
    schedule = Schedule(weekly=OFFICE.weekly, exceptions={wednesday: ()})
    assert hours_on(schedule, wednesday) == ()
    assert next_open(schedule, oslo(2026, 11, 18, 7)) == oslo(2026, 11, 19, 8)


def test_a_calendar_that_differs_only_by_an_exception_is_not_taken_for_another() -> None:
    wednesday = date(2026, 11, 18)
    plain = Schedule(weekly=OFFICE.weekly)
    closed = Schedule(weekly=OFFICE.weekly, exceptions={wednesday: ()})
    assert hash(plain) == hash(closed)  # days are remembered per calendar: they must not mix
    for _ in range(2):
        assert next_open(plain, oslo(2026, 11, 18, 7)) == oslo(2026, 11, 18, 8)
        assert next_open(closed, oslo(2026, 11, 18, 7)) == oslo(2026, 11, 19, 8)


def test_it_uses_holiday_hours_on_public_holidays_when_given() -> None:
    schedule = Schedule(weekly=OFFICE.weekly, holiday_hours=hours("10:00-14:00"))
    assert hours_on(schedule, date(2026, 12, 25)) == hours("10:00-14:00")
    assert next_open(schedule, oslo(2026, 12, 25, 8)) == oslo(2026, 12, 25, 10)


def test_it_prefers_an_exception_over_a_holiday_over_the_weekday() -> None:
    ascension_day = date(2026, 5, 14)
    schedule = Schedule(
        weekly=OFFICE.weekly,
        holiday_hours=hours("10:00-14:00"),
        exceptions={ascension_day: hours("09:00-11:00")},
    )
    assert hours_on(schedule, ascension_day) == hours("09:00-11:00")
    assert hours_on(schedule, date(2026, 5, 25)) == hours("10:00-14:00")
    assert hours_on(schedule, date(2026, 5, 26)) == hours("08:00-22:00")


def test_it_ignores_public_holidays_when_the_holiday_rule_is_off() -> None:
    schedule = Schedule(weekly=OFFICE.weekly, holidays=None)
    assert holiday_name(schedule, date(2026, 12, 25)) is None
    assert hours_on(schedule, date(2026, 12, 25)) == hours("08:00-22:00")


# --- Daylight saving time -----------------------------------------------------


def test_it_counts_the_spring_forward_day_as_23_real_hours() -> None:
    assert add_open_minutes(ALWAYS, oslo(2026, 3, 29), 24 * 60) == oslo(2026, 3, 30, 1)
    assert open_time(ALWAYS, oslo(2026, 3, 29), oslo(2026, 3, 30)) == timedelta(hours=23)


def test_it_counts_the_fall_back_day_as_25_real_hours() -> None:
    assert add_open_minutes(ALWAYS, oslo(2026, 10, 25), 24 * 60) == oslo(2026, 10, 25, 23)
    assert open_time(ALWAYS, oslo(2026, 10, 25), oslo(2026, 10, 26)) == timedelta(hours=25)


def test_it_starts_a_shift_in_the_spring_gap_when_the_clock_has_moved_forward() -> None:
    gap_shift = Schedule(
        weekly=((),) * 7, holidays=None, exceptions={date(2026, 3, 29): hours("02:30-04:00")}
    )
    opened = next_open(gap_shift, oslo(2026, 3, 29))
    assert opened is not None and utc(opened) == utc(oslo(2026, 3, 29, 3, 30))
    assert add_open_minutes(gap_shift, oslo(2026, 3, 29), 30) == oslo(2026, 3, 29, 4)
    assert add_open_minutes(gap_shift, oslo(2026, 3, 29), 31) is None


def test_it_treats_an_interval_inverted_by_the_spring_gap_as_empty() -> None:
    # 02:30 does not exist and means 03:30, which is after 03:00.
    schedule = Schedule(
        weekly=((),) * 7, holidays=None, exceptions={date(2026, 3, 29): hours("02:30-03:00")}
    )
    assert next_open(schedule, oslo(2026, 3, 28)) is None
    assert next_working_day_close(schedule, oslo(2026, 3, 28)) is None


def test_it_counts_the_repeated_autumn_hour_twice() -> None:
    shift = Schedule(
        weekly=((),) * 7, holidays=None, exceptions={date(2026, 10, 25): hours("01:00-04:00")}
    )
    start = oslo(2026, 10, 25, 1)
    assert open_time(shift, start, oslo(2026, 10, 25, 5)) == timedelta(hours=4)
    first_half_past_two = add_open_minutes(shift, start, 90)
    second_half_past_two = add_open_minutes(shift, start, 150)
    assert first_half_past_two is not None and second_half_past_two is not None
    assert utc(first_half_past_two) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert utc(second_half_past_two) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert (second_half_past_two.hour, second_half_past_two.minute) == (2, 30)
    assert second_half_past_two.fold == 1


def test_it_starts_an_ambiguous_shift_at_the_first_occurrence() -> None:
    shift = Schedule(
        weekly=((),) * 7, holidays=None, exceptions={date(2026, 10, 25): hours("02:30-03:30")}
    )
    [(start, end)] = open_periods(shift, oslo(2026, 10, 25), oslo(2026, 10, 26))
    assert utc(start) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert utc(end) == datetime(2026, 10, 25, 2, 30, tzinfo=UTC)


# --- Validation ---------------------------------------------------------------


def test_it_normalises_unsorted_overlapping_and_adjacent_intervals() -> None:
    messy = ((600, 720), (480, 610), (720, 780), (900, 960))
    schedule = Schedule(weekly=(messy,) + ((),) * 6, holidays="no")
    assert schedule.weekly[0] == ((480, 780), (900, 960))
    assert schedule.holidays == "NO"


def test_it_compares_schedules_including_their_exceptions() -> None:
    christmas_eve = {date(2026, 12, 24): hours("08:00-12:00")}
    same = Schedule(weekly=OFFICE.weekly, exceptions=dict(christmas_eve))
    assert same == Schedule(weekly=OFFICE.weekly, exceptions=christmas_eve)
    assert same != OFFICE
    assert hash(same) == hash(OFFICE)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weekly": ((),) * 6}, "exactly 7 entries"),
        ({"weekly": (hours("08:00-22:00"),) * 8}, "exactly 7 entries"),
        ({"weekly": (((600, 600),),) + ((),) * 6}, "Monday.*must start before it ends"),
        ({"weekly": ((),) * 6 + (((1320, 480),),)}, "Sunday.*22:00-08:00 must start before"),
        ({"weekly": (((480, 1500),),) + ((),) * 6}, "outside the day"),
        ({"weekly": ((480, 1320),) * 7}, "not a \\(start_minute, end_minute\\) pair"),
        ({"weekly": ((),) * 7, "timezone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
        ({"weekly": ((),) * 7, "holidays": "XX"}, "unknown holiday country code 'XX'"),
        ({"weekly": ((),) * 7, "holiday_hours": ((900, 800),)}, "holiday_hours"),
        ({"weekly": ((),) * 7, "exceptions": {datetime(2026, 1, 1): ()}}, "key must be a date"),
        (
            {"weekly": ((),) * 7, "exceptions": {date(2026, 12, 24): ((720, 480),)}},
            "exception for 2026-12-24",
        ),
    ],
)
def test_it_rejects_invalid_schedules_with_a_clear_message(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Schedule(**kwargs)


def test_it_rejects_naive_datetimes_everywhere() -> None:
    naive = datetime(2026, 11, 16, 12)
    aware = oslo(2026, 11, 16, 12)
    calls = [
        lambda: is_open(OFFICE, naive),
        lambda: next_open(OFFICE, naive),
        lambda: add_open_minutes(OFFICE, naive, 10),
        lambda: next_working_day_close(OFFICE, naive),
        lambda: open_periods(OFFICE, naive, aware),  # fails before iteration
        lambda: open_periods(OFFICE, aware, naive),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="timezone-aware"):
            call()


def test_it_rejects_negative_minutes() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        add_open_minutes(OFFICE, oslo(2026, 11, 16, 12), -1)


def test_it_wants_a_date_not_a_datetime_for_a_days_hours() -> None:
    with pytest.raises(ValueError, match="day must be a date \\(not a datetime\\)"):
        hours_on(OFFICE, datetime(2026, 11, 16, 12, tzinfo=OSLO))


# --- Properties over random schedules and instants ---------------------------

ZONES = [
    "Europe/Oslo",
    "Europe/Oslo",
    "Europe/Oslo",
    "America/New_York",
    "America/Santiago",  # clocks change at midnight
    "Australia/Lord_Howe",  # 30-minute DST shift
    "Asia/Kolkata",
    "UTC",
]
TRICKY_MINUTES = [0, 60, 90, 120, 135, 150, 180, 210, 240, 480, 1320, 1380, 1410, 1440]
minute_of_day = st.one_of(
    st.sampled_from(TRICKY_MINUTES), st.integers(0, 96).map(lambda q: q * 15), st.integers(0, 1440)
)
interval = st.tuples(minute_of_day, minute_of_day).filter(lambda p: p[0] != p[1]).map(sorted)
day_hours = st.lists(interval.map(tuple), max_size=3).map(tuple)
PROPERTY = settings(max_examples=100, deadline=None, database=None)


@functools.cache
def clock_change_dates(zone_key: str, year: int) -> tuple[date, ...]:
    zone = ZoneInfo(zone_key)
    noons = [datetime(year, 1, 1, 12, tzinfo=zone) + timedelta(days=n) for n in range(366)]
    return tuple(
        b.date() for a, b in zip(noons, noons[1:], strict=False) if a.utcoffset() != b.utcoffset()
    )


@st.composite
def interesting_dates(draw: st.DrawFn, zone_key: str) -> date:
    year = draw(st.integers(2024, 2030))
    candidates = [easter(year), date(year, 12, 24), *clock_change_dates(zone_key, year)]
    anywhere = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
    return draw(st.one_of(st.sampled_from(candidates), st.just(anywhere)))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Schedule, datetime]:
    """A random schedule and an instant near a clock change, Easter, Christmas or anywhere."""
    zone_key = draw(st.sampled_from(ZONES))
    around = draw(interesting_dates(zone_key))
    exception_days = draw(st.lists(st.integers(-4, 4), max_size=3))
    schedule = Schedule(
        weekly=tuple(draw(day_hours) for _ in range(7)),
        timezone=zone_key,
        holidays=draw(st.sampled_from(["NO", "NO", None])),
        holiday_hours=draw(st.one_of(st.just(()), day_hours)),
        exceptions={around + timedelta(days=k): draw(day_hours) for k in exception_days},
    )
    midnight = utc(datetime.combine(around, time(), tzinfo=ZoneInfo(zone_key)))
    offset = draw(
        st.one_of(
            st.integers(-3 * 1440, 4 * 1440).map(lambda m: timedelta(minutes=m)),
            st.integers(-3 * 86400, 4 * 86400).map(lambda s: timedelta(seconds=s)),
        )
    )
    shown_in = draw(st.sampled_from([UTC, ZoneInfo(zone_key), OSLO]))
    return schedule, (midnight + offset).astimezone(shown_in)


def wall_to_utc(zone: ZoneInfo, day: date, minute: int) -> datetime:
    day, minute = (day + timedelta(days=1), 0) if minute == 1440 else (day, minute)
    return utc(datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone))


def real_spans(schedule: Schedule, day: date) -> list[tuple[datetime, datetime]]:
    """The day's intervals as instants (fold=0), dropping ones the spring gap inverts."""
    zone = ZoneInfo(schedule.timezone)
    spans = [
        (wall_to_utc(zone, day, s), wall_to_utc(zone, day, e)) for s, e in hours_on(schedule, day)
    ]
    return [(start, end) for start, end in spans if start < end]


def local_date(schedule: Schedule, t: datetime) -> date:
    return t.astimezone(ZoneInfo(schedule.timezone)).date()


def assert_in_schedule_zone(schedule: Schedule, t: datetime) -> None:
    assert t.tzinfo == ZoneInfo(schedule.timezone)
    assert t.utcoffset() is not None


@PROPERTY
@given(scenarios())
def test_it_agrees_with_the_wall_clock_definition_of_open(
    scenario: tuple[Schedule, datetime],
) -> None:
    schedule, t = scenario
    today = local_date(schedule, t)
    days = (today - timedelta(days=1), today)
    expected = any(a <= utc(t) < b for day in days for a, b in real_spans(schedule, day))
    assert is_open(schedule, t) == expected


@PROPERTY
@given(scenarios())
def test_it_opens_next_at_an_open_instant_with_nothing_open_before(
    scenario: tuple[Schedule, datetime],
) -> None:
    schedule, t = scenario
    opened = next_open(schedule, t)
    if opened is None:
        assert list(open_periods(schedule, t, utc(t) + timedelta(days=HORIZON_DAYS - 1))) == []
        return
    assert_in_schedule_zone(schedule, opened)
    assert is_open(schedule, opened)
    assert utc(opened) >= utc(t)
    assert list(open_periods(schedule, t, opened)) == []
    if utc(opened) > utc(t):
        assert not is_open(schedule, utc(opened) - TINY)


@PROPERTY
@given(scenarios(), st.integers(0, 5 * 24 * 60))
def test_it_lists_maximal_open_periods_in_order(
    scenario: tuple[Schedule, datetime], window_minutes: int
) -> None:
    schedule, start = scenario
    end = utc(start) + timedelta(minutes=window_minutes)
    periods = list(open_periods(schedule, start, end))
    for a, b in periods:
        assert_in_schedule_zone(schedule, a)
        assert_in_schedule_zone(schedule, b)
        assert utc(start) <= utc(a) < utc(b) <= end
        assert is_open(schedule, a) and is_open(schedule, utc(b) - TINY)
        assert utc(b) == end or not is_open(schedule, b)
        assert utc(a) == utc(start) or not is_open(schedule, utc(a) - TINY)
    for (_, first_end), (second_start, _) in zip(periods, periods[1:], strict=False):
        assert utc(first_end) < utc(second_start)


@PROPERTY
@given(scenarios(), st.integers(0, 3000), st.integers(0, 3000))
def test_it_adds_open_minutes_in_steps_as_in_one_go(
    scenario: tuple[Schedule, datetime], a: int, b: int
) -> None:
    """add(t, a + b) == add(add(t, a), b), except that when add(t, a) is a closing
    time, add(it, 0) is the next opening while add(t, a + 0) is that closing time."""
    schedule, t = scenario
    whole = add_open_minutes(schedule, t, a + b)
    if whole is None:
        return
    midway = add_open_minutes(schedule, t, a)
    assert midway is not None
    if b == 0 and not is_open(schedule, midway):
        assert utc(whole) == utc(midway)
    else:
        rest = add_open_minutes(schedule, midway, b)
        assert rest is not None and utc(rest) == utc(whole)


@PROPERTY
@given(scenarios(), st.integers(0, 20_000))
def test_it_measures_exactly_the_requested_open_time(
    scenario: tuple[Schedule, datetime], minutes: int
) -> None:
    schedule, t = scenario
    due = add_open_minutes(schedule, t, minutes)
    if due is None:
        return
    assert_in_schedule_zone(schedule, due)
    assert open_time(schedule, t, due) == timedelta(minutes=minutes)


@PROPERTY
@given(scenarios(), st.integers(0, 3000), st.integers(0, 3000), st.integers(0, 3 * 86400))
def test_it_never_moves_a_due_time_earlier_for_more_minutes_or_a_later_start(
    scenario: tuple[Schedule, datetime], n: int, more: int, later_seconds: int
) -> None:
    schedule, t = scenario
    base = add_open_minutes(schedule, t, n)
    longer = add_open_minutes(schedule, t, n + more)
    later = add_open_minutes(schedule, utc(t) + timedelta(seconds=later_seconds), n)
    if base is None:
        assert longer is None
        return
    assert longer is None or utc(base) <= utc(longer)
    assert later is None or utc(base) <= utc(later)


@PROPERTY
@given(scenarios())
def test_it_closes_the_next_working_day_at_the_end_of_its_last_period(
    scenario: tuple[Schedule, datetime],
) -> None:
    """A working day is a local date with staffed time (non-empty real spans)."""
    schedule, t = scenario
    today = local_date(schedule, t)
    later_days = (today + timedelta(days=n) for n in range(1, HORIZON_DAYS + 1))
    working_day = next((day for day in later_days if real_spans(schedule, day)), None)
    close = next_working_day_close(schedule, t)
    if working_day is None:
        assert close is None
        return
    assert close is not None
    assert_in_schedule_zone(schedule, close)
    assert utc(close) == max(end for _, end in real_spans(schedule, working_day))
    assert local_date(schedule, utc(close) - TINY) >= working_day > today
