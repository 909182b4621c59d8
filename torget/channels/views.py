from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.channels.actions.authorizing import do_begin_authorization, do_finish_authorization
from torget.channels.actions.channels import do_connect_channel, do_read_again
from torget.channels.actions.polling import do_fetch_now
from torget.channels.connectors import connector_for
from torget.channels.forms import ConnectForm, SignInForm
from torget.channels.models import Channel
from torget.channels.queries import get_channels
from torget.channels.sandbox_views import forms_for as sandbox_forms_for
from torget.orgs.queries import access
from torget.orgs.views.access import member_required


@member_required
def channels_page(request, member):
    form = ConnectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            channel = do_connect_channel(member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is connected.") % {"name": channel.name})
            return redirect("channels")
    return show_channels(request, member, form, SignInForm())


def show_channels(request, member, form, sign_in_form):
    channels = get_channels(member)
    for channel, _health in channels:
        if channel.platform == "sandbox":
            channel.sandbox_forms = sandbox_forms_for(channel)
    context = {
        "channels": channels,
        "form": form,
        "sign_in_form": sign_in_form,
        "facebook_signs_in": connector_for("facebook").signs_in,
    }
    return render(request, "channels/channels.html", context)


PENDING = "channel-authorization"


@require_POST
@member_required
def channel_sign_in(request, member):
    """Sends the admin to the platform's page to grant access; they come back to the next."""
    form = SignInForm(request.POST)
    if form.is_valid():
        return_to = request.build_absolute_uri(reverse("channel-signed-in"))
        try:
            url, pending = do_begin_authorization(member, **form.cleaned_data, return_to=return_to)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[PENDING] = pending
            return redirect(url)
    return show_channels(request, member, ConnectForm(), form)


@member_required
def channel_signed_in(request, member):
    pending = request.session.pop(PENDING, None)
    if request.GET.get("error"):  # the admin said no on the platform's page
        messages.error(request, _("Access was not granted; nothing was connected."))
        return redirect("channels")
    return_to = request.build_absolute_uri(reverse("channel-signed-in"))
    try:
        channel = do_finish_authorization(
            member, pending, request.GET.get("state", ""), request.GET.get("code", ""), return_to
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("%(name)s is connected.") % {"name": channel.name})
    return redirect("channels")


@require_POST
@member_required
def channel_read_again(request, member, channel_id):
    read, items = do_read_again(member, access(Channel, member, channel_id))
    messages.success(
        request,
        _("%(read)d webhook bodies read again; %(items)d items received.")
        % {"read": read, "items": items},
    )
    return redirect("channels")


@require_POST
@member_required
def channel_fetch_now(request, member, channel_id):
    do_fetch_now(member, access(Channel, member, channel_id))
    messages.success(request, _("Fetching now; new items appear in the inbox in a moment."))
    return redirect("channels")
