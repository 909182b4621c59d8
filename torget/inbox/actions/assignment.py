from datetime import datetime

from django.db import transaction
from django.utils import timezone

from torget.inbox.assignment import pick_assignee, queue
from torget.inbox.models import Item
from torget.orgs.models import Assignment, Membership, Team


@transaction.atomic
def do_deal_out(team: Team, now: datetime, limit: int = 200) -> int:
    """Hands queued items of an auto-assigning team to its people on duty, most urgent first."""
    if team.assignment == Assignment.MANUAL:
        return 0
    dealt = 0
    for item in queue(team).select_for_update()[:limit]:
        assignee = pick_assignee(team, now)
        if assignee is None:
            break
        Item.objects.filter(pk=item.pk).update(assigned_to=assignee, assigned_at=timezone.now())
        dealt += 1
    return dealt


@transaction.atomic
def do_set_on_duty(member: Membership, on_duty: bool, now: datetime) -> int:
    """Going off duty returns what one holds to the queue, where colleagues pick it up."""
    member.on_duty = on_duty
    member.save(update_fields=["on_duty"])
    if on_duty:
        returned = 0
    else:
        held = Item.objects.filter(assigned_to=member, needs_answer=1)
        returned = held.update(assigned_to=None)
    for team in member.teams.all():
        do_deal_out(team, now)
    return returned
