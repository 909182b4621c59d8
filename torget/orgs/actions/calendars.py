from django.db import transaction

from torget.orgs.actions.permissions import check_can_manage, check_same_organization
from torget.orgs.calendars import clean_calendar
from torget.orgs.models import DutyCalendar, Membership


@transaction.atomic
def do_create_calendar(member: Membership, data: dict) -> DutyCalendar:
    check_can_manage(member)
    return DutyCalendar.objects.create(organization=member.organization, **clean_calendar(data))


@transaction.atomic
def do_update_calendar(member: Membership, calendar: DutyCalendar, data: dict) -> DutyCalendar:
    check_can_manage(member)
    check_same_organization(member, calendar)
    for field, value in clean_calendar(data).items():
        setattr(calendar, field, value)
    calendar.save()
    return calendar


@transaction.atomic
def do_set_calendar_exception(
    member: Membership, calendar: DutyCalendar, day: str, hours: list, note: str = ""
) -> DutyCalendar:
    """Add or replace the hours of one date, leaving the rest of the calendar as it is."""
    others = [item for item in calendar.exceptions if item["date"] != day]
    data = calendar_body(calendar) | {
        "exceptions": [*others, {"date": day, "hours": hours, "note": note}]
    }
    return do_update_calendar(member, calendar, data)


@transaction.atomic
def do_remove_calendar_exception(member: Membership, calendar: DutyCalendar, day: str) -> None:
    remaining = [item for item in calendar.exceptions if item["date"] != day]
    do_update_calendar(member, calendar, calendar_body(calendar) | {"exceptions": remaining})


@transaction.atomic
def do_delete_calendar(member: Membership, calendar: DutyCalendar) -> None:
    check_can_manage(member)
    check_same_organization(member, calendar)
    calendar.delete()


def calendar_body(calendar: DutyCalendar) -> dict:
    return {
        "name": calendar.name,
        "timezone": calendar.timezone,
        "weekly": calendar.weekly,
        "holidays": calendar.holidays or None,
        "holiday_hours": calendar.holiday_hours,
        "exceptions": calendar.exceptions,
    }
