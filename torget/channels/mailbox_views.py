"""Connecting an e-mail address: a page of its own, laid out as a mail program's account
settings are."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from torget.channels.actions.channels import do_connect_mailbox
from torget.channels.forms import MailboxForm
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.views.access import member_required


@member_required
def mailbox_page(request, member):
    check_can_manage(member)
    form = MailboxForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            channel = do_connect_mailbox(member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is connected.") % {"name": channel.name})
            return redirect("channels")
    return render(request, "channels/mailbox.html", {"form": form})
