import hashlib

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from torget.inbox.forms import FilterForm
from torget.inbox.presenting import ROW_FIELDS, ListPage, inbox_row
from torget.inbox.queries import (
    Census,
    ItemFilters,
    get_census,
    get_items,
    get_response_classes,
)
from torget.orgs.models import Team
from torget.orgs.queries import scoped
from torget.orgs.views.access import member_required

PAGE_SIZE = 50


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
    items = get_items(member, filters)
    now = timezone.now()
    census = get_census(member, teams, classes)
    shared = ListPage(now, census.team_names, census.class_names)
    rows = [inbox_row(item, shared) for item in items.values(*ROW_FIELDS)[:PAGE_SIZE]]
    context = {
        "form": form,
        "rows": rows,
        "total": total_of(items, filters, census),
        "overdue": census.count(ItemFilters())[1],
        "mine": get_items(member, ItemFilters(mine=True)).count(),
        "storms": census.storms,
        "queues": census,
    }
    rows_html = render_to_string("inbox/partials/list.html", context, request)
    fingerprint = hashlib.blake2b(rows_html.encode(), digest_size=8).hexdigest()
    if request.htmx:
        return refreshed_rows(request, rows_html, fingerprint)
    context |= {
        "rows_html": rows_html,
        "fingerprint": fingerprint,
        "filters_key": filters_key(request, census),
    }
    return render(request, "inbox/list.html", context)


def filters_key(request, census: Census) -> str:
    """The filter bar looks the same for the same choices, names and language: it is rendered
    once and kept (its many option widgets are the costliest part of the page to draw)."""
    names = (sorted(census.team_names.items()), sorted(census.class_names.items()))
    shown = f"{request.LANGUAGE_CODE}|{request.GET.urlencode()}|{names}"
    return hashlib.blake2b(shown.encode(), digest_size=12).hexdigest()


def refreshed_rows(request, rows_html: str, fingerprint: str) -> HttpResponse:
    """The list alone; 204 when the poller already shows this very list, so it is not redrawn."""
    if request.headers.get("X-Inbox-Seen") == fingerprint:
        return HttpResponse(status=204)
    return HttpResponse(rows_html, headers={"X-Inbox-Fingerprint": fingerprint})
