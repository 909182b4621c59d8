from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from torget.moderation.autorules import clean_conditions
from torget.moderation.models import AutoRule, Verdict


class AutoRuleForm(forms.Form):
    """A rule's conditions as fields; the rule is saved switched off."""

    name = forms.CharField(label=_("Name"), max_length=200)
    action = forms.ChoiceField(label=_("What the rule does"), choices=AutoRule.Action.choices)
    verdicts = forms.MultipleChoiceField(
        label=_("When the verdict is"),
        choices=Verdict.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    links = forms.BooleanField(label=_("The text has a link"), required=False)
    new_author = forms.BooleanField(
        label=_("It is the writer's first item here"),
        help_text=_("No earlier item from the same writer in this organization."),
        required=False,
    )
    min_spam = forms.FloatField(
        label=_("Spam score at least"),
        help_text=_("From 0.01 to 1; empty for any score."),
        min_value=0.01,
        max_value=1,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    min_abuse = forms.FloatField(
        label=_("Abuse score at least"),
        help_text=_("From 0.01 to 1; empty for any score."),
        min_value=0.01,
        max_value=1,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    channels = forms.MultipleChoiceField(
        label=_("On the channels"),
        help_text=_("None ticked: every channel."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(channel.key, channel.name or channel.key) for channel in channels]
        if choices:
            self.fields["channels"].choices = choices
        else:
            del self.fields["channels"]

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                data["conditions"] = clean_conditions(self.conditions(data))
            except ValidationError as error:
                self.add_error(None, error)
        return data

    @staticmethod
    def conditions(data: dict) -> dict:
        given = {
            "verdicts": data.get("verdicts"),
            "links": data.get("links") or None,
            "new_author": data.get("new_author") or None,
            "min_spam": data.get("min_spam"),
            "min_abuse": data.get("min_abuse"),
            "channels": data.get("channels"),
        }
        return {name: value for name, value in given.items() if value not in (None, [])}

    def rule_fields(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "conditions": data["conditions"], "action": data["action"]}
