from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from torget.inbox.forms import FilterForm
from torget.inbox.presenting import due_label, urgency
from torget.inbox.queries import (
    OPEN_STATUSES,
    ItemFilters,
    get_items,
    get_queue_counts,
    get_response_classes,
    get_storms,
)
from torget.orgs.models import Team
from torget.orgs.queries import scoped
from torget.orgs.views.access import member_required

PAGE_SIZE = 50
STORM_BANNER_FOR = timedelta(days=3)


def filters_from(form: FilterForm) -> ItemFilters:
    if not form.is_valid():
        return ItemFilters()
    data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
    return ItemFilters(**data)


def row(item, now):
    """Only items still owed an answer have a clock; the rest show what became of them."""
    if item.status not in OPEN_STATUSES:
        return item, item.get_status_display(), "none"
    return item, due_label(item.due_at, now), urgency(item.due_at, now)


@member_required
def inbox_list(request, member):
    form = FilterForm(
        request.GET or None, teams=scoped(Team, member), classes=get_response_classes(member)
    )
    filters = filters_from(form)
    items = get_items(member, filters).order_by("due_at", "received_at", "id")
    now = timezone.now()
    rows = [row(item, now) for item in items[:PAGE_SIZE]]
    context = {
        "form": form,
        "rows": rows,
        "total": items.count(),
        "overdue": get_items(member, ItemFilters(overdue=True)).count(),
        "mine": get_items(member, ItemFilters(mine=True)).count(),
        "storms": get_storms(member, now - STORM_BANNER_FOR),
        "queues": get_queue_counts(member),
    }
    template = "inbox/partials/list.html" if request.htmx else "inbox/list.html"
    return render(request, template, context)
