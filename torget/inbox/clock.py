"""The inbox's clock: warnings shortly before items fall due, breaches when they do.

Plain functions over a given `now`, so the rules are tested without waiting; the `tick` task
runs them every minute.
"""

from datetime import datetime, timedelta

from torget.inbox.models import Alert, Item
from torget.orgs import duty
from torget.orgs.calendars import schedule_of
from torget.orgs.models import Team

WARN_BEFORE = timedelta(minutes=15)


def due_soon(now: datetime):
    return Item.objects.filter(
        needs_answer=1, warned_at=None, due_at__gt=now, due_at__lte=now + WARN_BEFORE
    ).select_related("team__lead", "team__calendar", "assigned_to")


def fallen_due(now: datetime):
    return Item.objects.filter(needs_answer=1, breached_at=None, due_at__lte=now).select_related(
        "team__lead", "team__calendar", "assigned_to"
    )


def on_duty_from(team: Team | None, now: datetime) -> datetime:
    """When the team can next be told something: now if it is staffed, else its next opening."""
    if team is None or team.calendar is None:
        return now
    return duty.next_open(schedule_of(team.calendar), now) or now


def alert(item: Item, kind: str, now: datetime) -> list[Alert]:
    if kind == Alert.Kind.WARNING:
        recipients = [item.assigned_to or (item.team and item.team.lead)]
    else:
        recipients = [item.team and item.team.lead, item.assigned_to]
    show_after = on_duty_from(item.team, now)
    unique = {r.pk: r for r in recipients if r is not None}
    return [
        Alert(
            organization_id=item.organization_id,
            kind=kind,
            item=item,
            recipient=r,
            created_at=now,
            show_after=show_after,
        )
        for r in unique.values()
    ]
