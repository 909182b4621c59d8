"""Connecting the website's comment field and choosing the sites that may show it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from torget.comments.actions.connecting import do_change_comment_field, do_connect_website
from torget.comments.forms import CommentFieldForm, ConnectWebsiteForm
from torget.comments.holding import hold_mode
from torget.comments.queries import access_website_channel
from torget.comments.sites import origins_of
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.views.access import member_required


@member_required
def connect_website(request, member):
    check_can_manage(member)
    form = ConnectWebsiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            channel = do_connect_website(member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is connected.") % {"name": channel.name})
            return redirect("comments-field", channel.pk)
    return render(request, "comments/connect.html", {"form": form})


@member_required
def comment_field(request, member, channel_id):
    channel = access_website_channel(member, channel_id)
    initial = {"origins": "\n".join(origins_of(channel)), "hold": hold_mode(channel)}
    form = CommentFieldForm(request.POST or None, initial=initial)
    if request.method == "POST":
        check_can_manage(member)
        if form.is_valid():
            do_change_comment_field(member, channel, **form.cleaned_data)
            messages.success(request, _("The comment field's settings are saved."))
            return redirect("comments-field", channel.pk)
    return render(request, "comments/field.html", {"channel": channel, "form": form})
