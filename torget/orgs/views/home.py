from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from torget.orgs.calendars import status_at
from torget.orgs.middleware import SESSION_KEY
from torget.orgs.queries import get_memberships, get_teams
from torget.orgs.views.access import member_required


@member_required
def home(request, member):
    now = timezone.now()
    teams = [
        (team, status_at(team.calendar, now) if team.calendar else None)
        for team in get_teams(member)
    ]
    return render(request, "orgs/home.html", {"teams": teams, "now": now})


def switch_organization(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    chosen = get_memberships(request.user).filter(organization_id=request.POST.get("organization"))
    if request.user.is_authenticated and chosen.exists():
        request.session[SESSION_KEY] = chosen.first().organization_id
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "orgs-home"
    return redirect(target)
