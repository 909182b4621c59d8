from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

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


@require_POST
@login_required
def switch_organization(request):
    """Act in another of one's organizations; the page starts over on its overview, since
    whatever was open belongs to the organization left behind."""
    chosen = request.POST.get("organization", "")
    membership = (
        chosen.isdigit() and get_memberships(request.user).filter(organization_id=chosen).first()
    )
    if membership:
        request.session[SESSION_KEY] = membership.organization_id
    return redirect("orgs-home")
