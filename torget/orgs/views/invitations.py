from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from torget.accounts.forms import SignupForm
from torget.orgs.actions.invitations import do_accept_invitation
from torget.orgs.middleware import SESSION_KEY
from torget.orgs.queries import get_invitation_by_link


def accept_invitation(request, token):
    """Anyone holding a working link may join; that link is the credential."""
    invitation = get_invitation_by_link(token)
    if invitation is None or not invitation.is_usable():
        return render(request, "orgs/invitation_invalid.html", status=410)
    form = (
        None
        if request.user.is_authenticated
        else SignupForm(request.POST or None, email=invitation.email)
    )
    if request.method == "POST" and (form is None or form.is_valid()):
        user = request.user if form is None else form.save()
        return join(request, invitation, user)
    return render(request, "orgs/invitation.html", {"invitation": invitation, "form": form})


def join(request, invitation, user):
    try:
        membership = do_accept_invitation(invitation, user)
    except ValidationError:
        return render(request, "orgs/invitation_invalid.html", status=410)
    if not request.user.is_authenticated:
        login(request, user, backend="torget.accounts.backends.UsernameOrEmailBackend")
    request.session[SESSION_KEY] = membership.organization_id
    messages.success(request, _("Welcome to %(org)s.") % {"org": membership.organization})
    return redirect("orgs-home")
