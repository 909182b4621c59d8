from django import forms
from django.utils.translation import gettext_lazy as _

from torget.inbox.models import NoReplyReason, Status


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Needs an answer")), *Status.choices, ("all", _("All"))],
    )
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    response_class = forms.TypedChoiceField(
        label=_("Response class"), required=False, coerce=int, empty_value=None
    )
    channel = forms.CharField(label=_("Channel"), required=False, max_length=40)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[
            ("", _("All")),
            ("nb", _("Bokmål")),
            ("nn", _("Nynorsk")),
            ("en", _("English")),
            ("other", _("Other")),
        ],
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)

    def __init__(self, *args, teams=(), classes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [(t.pk, t.name) for t in teams]
        self.fields["response_class"].choices = [("", _("All classes"))] + [
            (c.pk, c.name) for c in classes
        ]


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 4}))
    replies_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, limit: int = 8000, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = limit
        self.fields["text"].widget.attrs["maxlength"] = str(limit)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note (use @username to notify a colleague)"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoReplyForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why no reply is needed"), choices=NoReplyReason.choices)
