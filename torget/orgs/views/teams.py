from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.orgs.actions.teams import do_create_team, do_delete_team, do_update_team
from torget.orgs.forms import TeamForm
from torget.orgs.queries import access_team, get_calendars, get_teams
from torget.orgs.views.access import member_required


@member_required
def team_list(request, member):
    form = TeamForm(request.POST or None, calendars=get_calendars(member))
    if request.method == "POST" and form.is_valid():
        try:
            team = do_create_team(member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("Team %(name)s created.") % {"name": team.name})
            return redirect("orgs-team-list")
    return render(request, "orgs/team_list.html", {"teams": get_teams(member), "form": form})


@member_required
def team_detail(request, member, team_id):
    team = access_team(member, team_id)
    initial = {"name": team.name, "description": team.description, "calendar": team.calendar}
    form = TeamForm(request.POST or None, initial=initial, calendars=get_calendars(member))
    if request.method == "POST" and form.is_valid():
        try:
            do_update_team(member, team, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("Team %(name)s saved.") % {"name": team.name})
            return redirect("orgs-team-detail", team.pk)
    return render(request, "orgs/team_detail.html", {"team": team, "form": form})


@require_POST
@member_required
def team_delete(request, member, team_id):
    team = access_team(member, team_id)
    do_delete_team(member, team)
    messages.success(request, _("Team %(name)s deleted.") % {"name": team.name})
    return redirect("orgs-team-list")
