from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.orgs.actions.calendars import (
    do_create_calendar,
    do_delete_calendar,
    do_remove_calendar_exception,
    do_set_calendar_exception,
    do_update_calendar,
)
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.calendars import CalendarError, week_page
from torget.orgs.forms import CalendarForm, ExceptionForm
from torget.orgs.queries import access_calendar, get_calendars
from torget.orgs.views.access import member_required

DEFAULT_WEEK = dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), "08:00–16:00")


@member_required
def calendar_list(request, member):
    return render(request, "orgs/calendar_list.html", {"calendars": get_calendars(member)})


@member_required
def calendar_create(request, member):
    check_can_manage(member)
    form = CalendarForm(request.POST or None, initial=DEFAULT_WEEK)
    if request.method == "POST" and form.is_valid():
        try:
            calendar = do_create_calendar(member, form.body(exceptions=[]))
        except CalendarError as error:
            form.add_error(None, str(error))
        else:
            return redirect("orgs-calendar-detail", calendar.pk)
    return render(request, "orgs/calendar_form.html", {"form": form})


@member_required
def calendar_edit(request, member, calendar_id):
    calendar = access_calendar(member, calendar_id)
    check_can_manage(member)
    form = CalendarForm(request.POST or None, initial=CalendarForm.initial_from(calendar))
    if request.method == "POST" and form.is_valid():
        try:
            do_update_calendar(member, calendar, form.body(exceptions=calendar.exceptions))
        except CalendarError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Calendar saved."))
            return redirect("orgs-calendar-detail", calendar.pk)
    return render(request, "orgs/calendar_form.html", {"form": form, "calendar": calendar})


@member_required
def calendar_detail(request, member, calendar_id):
    calendar = access_calendar(member, calendar_id)
    context = week_context(request, calendar) | {"exception_form": ExceptionForm()}
    template = "orgs/partials/week.html" if request.htmx else "orgs/calendar_detail.html"
    return render(request, template, context)


def week_context(request, calendar) -> dict:
    return week_page(calendar, request.GET.get("week"), timezone.localdate())


@require_POST
@member_required
def calendar_exception_set(request, member, calendar_id):
    calendar = access_calendar(member, calendar_id)
    form = ExceptionForm(request.POST)
    if form.is_valid():
        day = form.cleaned_data["date"]
        try:
            do_set_calendar_exception(
                member,
                calendar,
                day.isoformat(),
                form.cleaned_data["hours"],
                form.cleaned_data["note"],
            )
        except (CalendarError, ValidationError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Hours for %(day)s saved.") % {"day": day.isoformat()})
            form = ExceptionForm()
    return render_exceptions(request, calendar, form)


@require_POST
@member_required
def calendar_exception_remove(request, member, calendar_id, day):
    calendar = access_calendar(member, calendar_id)
    do_remove_calendar_exception(member, calendar, day)
    return render_exceptions(request, calendar, ExceptionForm())


def render_exceptions(request, calendar, form):
    if not request.htmx and not form.errors:
        return redirect("orgs-calendar-detail", calendar.pk)
    context = week_context(request, calendar) | {"exception_form": form}
    template = "orgs/partials/calendar_body.html" if request.htmx else "orgs/calendar_detail.html"
    return render(request, template, context)


@require_POST
@member_required
def calendar_delete(request, member, calendar_id):
    calendar = access_calendar(member, calendar_id)
    do_delete_calendar(member, calendar)
    messages.success(request, _("Calendar %(name)s deleted.") % {"name": calendar.name})
    return redirect("orgs-calendar-list")
