"""The responder's desk around the inbox: dashboard, hand-offs, alerts, going on and off duty."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.inbox.actions.assignment import do_set_on_duty
from torget.inbox.actions.handoffs import do_hand_off, do_update_handoff
from torget.inbox.models import Department, HandOff
from torget.inbox.queries import access_item, get_alerts, get_open_handoffs
from torget.inbox.stats import dashboard
from torget.orgs.queries import access
from torget.orgs.views.access import member_required


@member_required
def inbox_dashboard(request, member):
    context = dashboard(member.organization_id, timezone.now()) | {"alerts": get_alerts(member)}
    return render(request, "inbox/dashboard.html", context)


@member_required
def handoff_list(request, member):
    return render(request, "inbox/handoffs.html", {"handoffs": get_open_handoffs(member)})


@require_POST
@member_required
def item_hand_off(request, member, item_id):
    item = access_item(member, item_id)
    department = access(Department, member, request.POST.get("department"))
    do_hand_off(member, item, department, request.POST.get("note", ""))
    messages.success(request, _("Handed to %(department)s.") % {"department": department.name})
    return redirect("inbox-item", item.pk)


@require_POST
@member_required
def handoff_update(request, member, handoff_id):
    handoff = access(HandOff, member, handoff_id)
    do_update_handoff(member, handoff, request.POST.get("state", ""), request.POST.get("note", ""))
    messages.success(request, _("Hand-off updated."))
    return redirect("inbox-handoffs")


@require_POST
@member_required
def duty_toggle(request, member):
    on_duty = request.POST.get("on_duty") == "1"
    returned = do_set_on_duty(member, on_duty, timezone.now())
    if on_duty:
        messages.success(request, _("You are on duty. New items can be assigned to you."))
    else:
        messages.success(
            request, _("You are off duty. %(n)d items went back to the queue.") % {"n": returned}
        )
    return redirect("inbox-list")
