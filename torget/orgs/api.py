from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from torget.orgs import duty
from torget.orgs.actions.calendars import do_create_calendar, do_delete_calendar, do_update_calendar
from torget.orgs.actions.teams import do_create_team, do_delete_team, do_update_team
from torget.orgs.calendars import check_instant, schedule_of
from torget.orgs.models import DutyCalendar, Membership, Team
from torget.orgs.queries import access_calendar, access_team, get_calendars, get_teams
from torget.schemas import ERRORS

Clock = Annotated[str, Field(pattern=r"^\d{1,2}:\d{2}$", examples=["08:00"])]
Hours = list[tuple[Clock, Clock]]

me_router = Router()
teams_router = Router()
calendars_router = Router()


class MeOut(Schema):
    username: str
    organization: str
    organization_slug: str
    role: str


@me_router.get("", response={200: MeOut, **ERRORS}, summary="Who the token acts as")
def me(request):
    member: Membership = request.auth
    return {
        "username": member.user.username,
        "organization": member.organization.name,
        "organization_slug": member.organization.slug,
        "role": member.role,
    }


class TeamIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    calendar_id: int | None = None


class TeamOut(Schema):
    id: int
    name: str
    description: str
    calendar_id: int | None


def calendar_or_none(member: Membership, calendar_id: int | None) -> DutyCalendar | None:
    return None if calendar_id is None else access_calendar(member, calendar_id)


@teams_router.get("", response={200: list[TeamOut], **ERRORS})
def list_teams(request):
    return get_teams(request.auth)


@teams_router.post("", response={201: TeamOut, **ERRORS})
def create_team(request, body: TeamIn):
    calendar = calendar_or_none(request.auth, body.calendar_id)
    return Status(201, do_create_team(request.auth, body.name, body.description, calendar))


@teams_router.get("/{team_id}", response={200: TeamOut, **ERRORS})
def get_team(request, team_id: int):
    return access_team(request.auth, team_id)


@teams_router.put("/{team_id}", response={200: TeamOut, **ERRORS})
def update_team(request, team_id: int, body: TeamIn):
    team: Team = access_team(request.auth, team_id)
    calendar = calendar_or_none(request.auth, body.calendar_id)
    return do_update_team(request.auth, team, body.name, body.description, calendar)


@teams_router.delete("/{team_id}", response={204: None, **ERRORS})
def delete_team(request, team_id: int):
    do_delete_team(request.auth, access_team(request.auth, team_id))
    return Status(204, None)


class ExceptionIn(Schema):
    date: str = Field(..., examples=["2026-12-24"])
    hours: Hours = []
    note: str = ""


class CalendarIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    timezone: str = "Europe/Oslo"
    weekly: dict[str, Hours] = Field(
        default_factory=dict, examples=[{"mon": [["08:00", "16:00"]], "sun": []}]
    )
    holidays: str | None = Field("NO", description='"NO" for Norway\'s public holidays, or null')
    holiday_hours: Hours = []
    exceptions: list[ExceptionIn] = []


class CalendarOut(Schema):
    id: int
    name: str
    timezone: str
    weekly: dict[str, Hours]
    holidays: str | None
    holiday_hours: Hours
    exceptions: list[ExceptionIn]
    team_ids: list[int]
    updated_at: datetime

    @staticmethod
    def resolve_holidays(calendar):
        return calendar.holidays or None

    @staticmethod
    def resolve_team_ids(calendar):
        return [team.pk for team in calendar.teams.all()]


@calendars_router.get("", response={200: list[CalendarOut], **ERRORS})
def list_calendars(request):
    return get_calendars(request.auth)


@calendars_router.post("", response={201: CalendarOut, **ERRORS})
def create_calendar(request, body: CalendarIn):
    return Status(201, do_create_calendar(request.auth, body.model_dump()))


@calendars_router.get("/{calendar_id}", response={200: CalendarOut, **ERRORS})
def get_calendar(request, calendar_id: int):
    return access_calendar(request.auth, calendar_id)


@calendars_router.put("/{calendar_id}", response={200: CalendarOut, **ERRORS})
def update_calendar(request, calendar_id: int, body: CalendarIn):
    calendar = access_calendar(request.auth, calendar_id)
    return do_update_calendar(request.auth, calendar, body.model_dump())


@calendars_router.delete("/{calendar_id}", response={204: None, **ERRORS})
def delete_calendar(request, calendar_id: int):
    do_delete_calendar(request.auth, access_calendar(request.auth, calendar_id))
    return Status(204, None)


MINUTES_IN_A_YEAR = 366 * 24 * 60


class TimesOut(Schema):
    at: datetime
    is_open: bool
    next_open: datetime | None
    after_open_minutes: datetime | None = Field(
        None, description="When `minutes` of staffed time have passed since `at`"
    )
    next_working_day_close: datetime | None


@calendars_router.get(
    "/{calendar_id}/times", response={200: TimesOut, **ERRORS}, summary="Staffed-time arithmetic"
)
def calendar_times(
    request,
    calendar_id: int,
    at: datetime | None = None,
    minutes: int = Query(0, ge=0, le=MINUTES_IN_A_YEAR),
):
    schedule = schedule_of(access_calendar(request.auth, calendar_id))
    at = at or timezone.now()
    if timezone.is_naive(at):
        at = at.replace(tzinfo=ZoneInfo(schedule.timezone))
    check_instant(at)
    return {
        "at": at,
        "is_open": duty.is_open(schedule, at),
        "next_open": duty.next_open(schedule, at),
        "after_open_minutes": duty.add_open_minutes(schedule, at, minutes),
        "next_working_day_close": duty.next_working_day_close(schedule, at),
    }
