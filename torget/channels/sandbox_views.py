"""The sandbox's controls on the channels page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from torget.channels.actions.sandbox import do_set_sandbox_behaviour, do_write_as_citizen
from torget.channels.models import Channel
from torget.orgs.queries import access
from torget.orgs.views.access import member_required


class BehaviourForm(forms.Form):
    delay_ms = forms.IntegerField(
        label=_("Answer after (milliseconds)"), min_value=0, max_value=30_000, required=False
    )
    fail_next = forms.IntegerField(
        label=_("Fail the next replies (503)"), min_value=0, max_value=100, required=False
    )
    rate_limit_per_minute = forms.IntegerField(
        label=_("Rate limit (replies per minute)"),
        min_value=0,
        max_value=10_000,
        required=False,
    )
    refuse = forms.CharField(label=_("Refuse every reply, saying"), max_length=200, required=False)


class CitizenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    text = forms.CharField(
        label=_("Comment"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    page = forms.URLField(
        label=_("On the page"), initial="https://sandbox.invalid/nyheter", assume_scheme="https"
    )


def forms_for(channel: Channel) -> dict:
    """The sandbox's two forms, showing how it behaves now."""
    initial = {key: channel.settings.get(key) for key in BehaviourForm.base_fields}
    return {
        "behaviour": BehaviourForm(initial=initial, prefix=f"sandbox-{channel.pk}"),
        "citizen": CitizenForm(prefix=f"citizen-{channel.pk}"),
    }


def said(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


@require_POST
@member_required
def sandbox_behaviour(request, member, channel_id):
    form = BehaviourForm(request.POST, prefix=f"sandbox-{channel_id}")
    done = gettext("The sandbox behaves as set.")
    return steer(request, member, channel_id, form, do_set_sandbox_behaviour, done)


@require_POST
@member_required
def sandbox_citizen(request, member, channel_id):
    form = CitizenForm(request.POST, prefix=f"citizen-{channel_id}")
    done = gettext("Written on the sandbox; it arrives in the inbox soon.")
    return steer(request, member, channel_id, form, do_write_as_citizen, done)


def steer(request, member, channel_id, form, action, done: str):
    channel = access(Channel, member, channel_id)
    if not form.is_valid():
        said(request, form)
        return redirect("channels")
    try:
        action(member, channel, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("channels")
