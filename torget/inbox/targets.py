"""Response-class targets: how a class turns a receipt time into a due time.

A target is counted on a duty calendar, so "30 minutes" means 30 staffed minutes: an item that
arrives at 23:50 on a team closed at night is due 30 minutes after the team opens.
"""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from torget.orgs import duty

DUTY_MINUTES = "duty_minutes"
NEXT_WORKING_DAY = "next_working_day"
MAX_MINUTES = 60 * 24 * 60


class TargetError(ValueError):
    """A target that cannot be used; the message names what is wrong."""


def clean_target(target: object, calendar_ids: set[int]) -> dict[str, Any]:
    if not isinstance(target, dict) or target.get("kind") not in (DUTY_MINUTES, NEXT_WORKING_DAY):
        raise TargetError(_('target.kind must be "duty_minutes" or "next_working_day".'))
    calendar = target.get("calendar")
    if not isinstance(calendar, int) or isinstance(calendar, bool) or calendar not in calendar_ids:
        raise TargetError(_("target.calendar must be the id of one of your duty calendars."))
    if target["kind"] == NEXT_WORKING_DAY:
        return {"kind": NEXT_WORKING_DAY, "calendar": calendar}
    return {
        "kind": DUTY_MINUTES,
        "minutes": clean_minutes(target.get("minutes")),
        "calendar": calendar,
    }


def clean_minutes(minutes: object) -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise TargetError(
            _("target.minutes must be a whole number from 1 to %(max)d.") % {"max": MAX_MINUTES}
        )
    return minutes


def due_at(
    target: dict[str, Any], schedule: duty.Schedule, received_at: datetime
) -> datetime | None:
    if target["kind"] == NEXT_WORKING_DAY:
        return duty.next_working_day_close(schedule, received_at)
    return duty.add_open_minutes(schedule, received_at, target["minutes"])
