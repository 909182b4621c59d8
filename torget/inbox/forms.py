from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from torget.inbox.models import Kind, NoReplyReason, Status


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
        # The field's validators were made with the class; the platform's limit is added here.
        self.fields["text"].max_length = limit
        self.fields["text"].validators.append(MaxLengthValidator(limit))
        self.fields["text"].widget.attrs["maxlength"] = str(limit)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note (use @username to notify a colleague)"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoReplyForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why no reply is needed"),
        choices=[c for c in NoReplyReason.choices if c[0] != NoReplyReason.REMOVED],
    )


def words(text: str) -> list[str]:
    return [word.strip() for word in (text or "").split(",") if word.strip()]


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kinds = forms.MultipleChoiceField(
        label=_("Kinds"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.CharField(label=_("Channels (comma-separated)"), required=False)
    keywords = forms.CharField(label=_("Keywords (comma-separated, any of them)"), required=False)
    tones = forms.MultipleChoiceField(
        label=_("Tone"),
        choices=[
            ("negative", _("Negative")),
            ("neutral", _("Neutral")),
            ("positive", _("Positive")),
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    on_our_post = forms.ChoiceField(
        label=_("Where"),
        required=False,
        choices=[
            ("", _("Anywhere")),
            ("yes", _("On our own posts")),
            ("no", _("Not on our posts")),
        ],
    )
    response_class = forms.ModelChoiceField(
        label=_("Set response class"), queryset=None, required=False, empty_label="–"
    )
    team = forms.ModelChoiceField(
        label=_("Send to team"), queryset=None, required=False, empty_label="–"
    )
    labels = forms.CharField(label=_("Labels (comma-separated)"), required=False)

    def __init__(self, *args, classes=None, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response_class"].queryset = classes
        self.fields["team"].queryset = teams

    def clean(self):
        data = super().clean()
        if not data.get("response_class") and not data.get("team") and not data.get("labels"):
            raise forms.ValidationError(_("A rule must set a class, a team or labels."))
        return data

    def rule_fields(self) -> dict:
        data = self.cleaned_data
        conditions = {
            key: value
            for key, value in {
                "kinds": data["kinds"],
                "channels": words(data["channels"]),
                "keywords": words(data["keywords"]),
                "tones": data["tones"],
            }.items()
            if value
        }
        if data["on_our_post"]:
            conditions["on_our_post"] = data["on_our_post"] == "yes"
        return {
            "name": data["name"],
            "conditions": conditions,
            "response_class": data["response_class"],
            "team": data["team"],
            "labels": words(data["labels"]),
        }
