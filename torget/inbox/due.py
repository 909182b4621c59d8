"""Due times for items, from their response class and its duty calendar."""

from datetime import datetime

from torget.inbox.models import ResponseClass
from torget.inbox.targets import due_at
from torget.orgs import duty
from torget.orgs.calendars import schedule_of
from torget.orgs.models import DutyCalendar


class Schedules:
    """Duty schedules by calendar id, built once per batch of work."""

    def __init__(self, organization_id: int):
        calendars = DutyCalendar.objects.filter(organization_id=organization_id)
        self.by_id = {calendar.pk: schedule_of(calendar) for calendar in calendars}

    def get(self, calendar_id: int) -> duty.Schedule | None:
        return self.by_id.get(calendar_id)


def due_for(
    response_class: ResponseClass | None, received_at: datetime, schedules: Schedules
) -> datetime | None:
    if response_class is None:
        return None
    schedule = schedules.get(response_class.target.get("calendar"))
    if schedule is None:
        return None
    return due_at(response_class.target, schedule, received_at)
