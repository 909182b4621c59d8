from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.orgs.actions.invitations import do_create_invitation, do_revoke_invitation
from torget.orgs.actions.people import do_change_role, do_remove_member, do_update_person
from torget.orgs.forms import InvitationForm, PersonForm
from torget.orgs.models import Invitation, Role, Team
from torget.orgs.queries import (
    access,
    access_membership,
    get_open_invitations,
    get_people,
    scoped,
)
from torget.orgs.views.access import member_required


@member_required
def people_list(request, member):
    form = InvitationForm(request.POST or None, teams=scoped(Team, member))
    link = None
    if request.method == "POST" and form.is_valid():
        try:
            invitation, link = do_create_invitation(member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            form = InvitationForm(teams=scoped(Team, member))
    context = {
        "people": get_people(member),
        "invitations": get_open_invitations(member),
        "form": form,
        "new_link": link,
        "roles": Role.choices,
    }
    return render(request, "orgs/people.html", context)


@member_required
def person_detail(request, member, membership_id):
    target = access_membership(member, membership_id)
    initial = {"role": target.role, "teams": list(target.teams.all())}
    form = PersonForm(request.POST or None, initial=initial, teams=scoped(Team, member))
    if request.method == "POST" and form.is_valid():
        try:
            do_update_person(member, target, form.cleaned_data["role"], form.cleaned_data["teams"])
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, _("Saved."))
            return redirect("orgs-person-detail", target.pk)
    return render(request, "orgs/person_detail.html", {"person": target, "form": form})


@require_POST
@member_required
def person_role(request, member, membership_id):
    target = access_membership(member, membership_id)
    try:
        do_change_role(member, target, request.POST.get("role", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {
                "name": target.user.get_full_name() or target.user.username,
                "role": target.get_role_display(),
            },
        )
    return redirect("orgs-people")


@require_POST
@member_required
def person_remove(request, member, membership_id):
    target = access_membership(member, membership_id)
    try:
        do_remove_member(member, target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": target.user.username})
    return redirect("orgs-people")


@require_POST
@member_required
def invitation_revoke(request, member, invitation_id):
    do_revoke_invitation(member, access(Invitation, member, invitation_id))
    messages.success(request, _("Invitation withdrawn."))
    return redirect("orgs-people")
