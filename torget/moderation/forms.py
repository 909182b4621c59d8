from django import forms
from django.utils.translation import gettext_lazy as _

from torget.inbox.models import Item
from torget.moderation.actions.moderating import ACTIONS
from torget.moderation.models import Explanation, Verdict
from torget.orgs.models import Membership
from torget.orgs.queries import scoped

VERDICT_FILTERS = [
    ("", _("All")),
    (Verdict.Kind.THREAT, _("Threats")),
    (Verdict.Kind.ABUSIVE, _("Abusive")),
    (Verdict.Kind.SPAM, _("Spam")),
    (Verdict.Kind.SUSPECT, _("Suspect")),
]


class QueueFilterForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), required=False, choices=VERDICT_FILTERS)

    def chosen_verdict(self) -> str:
        """The verdict asked for, or "" for all; an unknown one shows all rather than an error."""
        return self.cleaned_data["verdict"] if self.is_valid() else ""


class ModerateForm(forms.Form):
    """One action on one or more items of the member's organization; any other id is refused."""

    action = forms.ChoiceField(
        label=_("Action"),
        choices=list(ACTIONS.items()),
        error_messages={
            "required": _("Choose what to do."),
            "invalid_choice": _("That is not a moderation action."),
        },
    )
    items = forms.ModelMultipleChoiceField(
        label=_("Items"),
        queryset=Item.objects.none(),
        error_messages={
            "required": _("Choose at least one item first."),
            "invalid_choice": _("Some of the chosen items do not exist here. Nothing was done."),
            "invalid_pk_value": _("Some of the chosen items do not exist here. Nothing was done."),
        },
    )
    explanation = forms.ModelChoiceField(
        label=_("Explanation to post when hiding"),
        queryset=Explanation.objects.none(),
        required=False,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("That explanation does not exist here.")},
    )
    reason = forms.CharField(label=_("Reason (for the audit log)"), required=False, max_length=2000)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, member: Membership, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = scoped(Item, member).select_related("author")
        self.fields["explanation"].queryset = scoped(Explanation, member)

    def error_texts(self) -> list[str]:
        return [str(error) for errors in self.errors.values() for error in errors]
