from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from torget.inbox.forms import FilterForm
from torget.inbox.presenting import inbox_row
from torget.inbox.queries import (
    Census,
    ItemFilters,
    get_census,
    get_items,
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


def total_of(items, filters: ItemFilters, census: Census) -> int:
    """From the census where it can answer, else counted."""
    if filters.status != "open" or filters.mine:
        return items.count()
    waiting, overdue = census.count(filters)
    return overdue if filters.overdue else waiting


@member_required
def inbox_list(request, member):
    teams, classes = list(scoped(Team, member)), list(get_response_classes(member))
    form = FilterForm(request.GET or None, teams=teams, classes=classes)
    filters = filters_from(form)
    items = get_items(member, filters).order_by("due_at", "received_at", "id")
    now = timezone.now()
    rows = [inbox_row(item, now) for item in items[:PAGE_SIZE]]
    census = get_census(member, teams, classes)
    context = {
        "form": form,
        "rows": rows,
        "total": total_of(items, filters, census),
        "overdue": census.count(ItemFilters())[1],
        "mine": get_items(member, ItemFilters(mine=True)).count(),
        "storms": get_storms(member, now - STORM_BANNER_FOR),
        "queues": census,
    }
    template = "inbox/partials/list.html" if request.htmx else "inbox/list.html"
    return render(request, template, context)
