from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.channels.actions.channels import do_connect_channel, do_read_again
from torget.channels.actions.polling import do_fetch_now
from torget.channels.forms import ConnectForm
from torget.channels.models import Channel
from torget.channels.queries import get_channels
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
    context = {"channels": get_channels(member), "form": form}
    return render(request, "channels/channels.html", context)


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
