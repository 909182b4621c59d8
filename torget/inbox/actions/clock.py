from datetime import datetime

from django.db import transaction

from torget.inbox.actions.assignment import do_deal_out
from torget.inbox.clock import alert, due_soon, fallen_due
from torget.inbox.models import Alert, Item
from torget.orgs.models import Assignment, Team


@transaction.atomic
def do_check_due_items(now: datetime) -> tuple[int, int]:
    """Warns once before and records once when an item falls due; returns (warned, breached)."""
    alerts: list[Alert] = []
    warned = list(due_soon(now)[:5000])
    for item in warned:
        alerts += alert(item, Alert.Kind.WARNING, now)
    breached = list(fallen_due(now)[:5000])
    for item in breached:
        alerts += alert(item, Alert.Kind.BREACH, now)
    Item.objects.filter(pk__in=[i.pk for i in warned]).update(warned_at=now)
    # The breach is recorded at the moment the item fell due, not when the clock noticed.
    for item in breached:
        Item.objects.filter(pk=item.pk).update(breached_at=item.due_at)
    Alert.objects.bulk_create(alerts)
    return len(warned), len(breached)


def do_deal_out_all(now: datetime) -> int:
    """Teams whose shift just began get their waiting queue dealt out."""
    teams = Team.objects.exclude(assignment=Assignment.MANUAL).select_related("calendar")
    return sum(do_deal_out(team, now) for team in teams)
