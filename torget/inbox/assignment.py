"""Who gets the next item: round-robin or least-loaded among the team's people on duty.

A person is on duty when they have switched themselves on and their team's calendar is open.
Nobody gets more than MAX_OPEN open items; the rest waits in the queue and is dealt out as people
free up.
"""

from datetime import datetime

from django.db.models import Count, F, Max, Q

from torget.inbox.models import Item
from torget.orgs import duty
from torget.orgs.calendars import schedule_of
from torget.orgs.models import Assignment, Membership, Team

MAX_OPEN = 10


def team_is_staffed(team: Team, now: datetime) -> bool:
    return team.calendar is None or duty.is_open(schedule_of(team.calendar), now)


def candidates(team: Team, now: datetime):
    open_items = Q(assigned_items__needs_answer=1)
    people = (
        team.members.filter(on_duty=True)
        .annotate(load=Count("assigned_items", filter=open_items))
        .filter(load__lt=MAX_OPEN)
    )
    # Still annotated when empty, so callers can order by load at any hour.
    return people if team_is_staffed(team, now) else people.none()


def pick_assignee(team: Team, now: datetime) -> Membership | None:
    people = candidates(team, now)
    if team.assignment == Assignment.LEAST_LOADED:
        return people.order_by("load", "pk").first()
    if team.assignment == Assignment.ROUND_ROBIN:
        # The one who least recently got an item from this team goes next.
        latest = Max("assigned_items__assigned_at", filter=Q(assigned_items__team=team))
        by_latest = F("latest").asc(nulls_first=True)
        return people.annotate(latest=latest).order_by(by_latest, "pk").first()
    return None


def queue(team: Team):
    return Item.objects.filter(team=team, assigned_to=None, needs_answer=1).order_by(
        "due_at", "received_at"
    )
