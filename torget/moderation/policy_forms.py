"""Forms of the audit log search and of the organization's moderation policy pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from torget.moderation.audit import AuditFilters
from torget.moderation.models import AuditEntry, Explanation, HouseRules, LexiconEntry

LANGUAGE_FIELDS = {"text_nb": "nb", "text_nn": "nn", "text_en": "en"}


class AuditSearchForm(forms.Form):
    text = forms.CharField(
        label=_("Containing"),
        required=False,
        max_length=200,
        help_text=_("In the text, the reason, who acted and the writer."),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *AuditEntry.Action.choices],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The first date comes after the last."))
        return cleaned

    def filters(self) -> AuditFilters:
        """What was asked, or no filter at all while the form is blank or wrong."""
        if not self.is_bound or not self.is_valid():
            return AuditFilters()
        return AuditFilters(
            text=self.cleaned_data["text"].strip(),
            action=self.cleaned_data["action"],
            date_from=self.cleaned_data["date_from"],
            date_to=self.cleaned_data["date_to"],
        )


def text_areas(rows: int) -> dict[str, forms.Textarea]:
    """A text area per language, marked with its language so spell checkers and screen
    readers read it right."""
    return {
        name: forms.Textarea(attrs={"rows": rows, "lang": language})
        for name, language in LANGUAGE_FIELDS.items()
    }


class HouseRulesForm(forms.ModelForm):
    class Meta:
        model = HouseRules
        fields = ["text_nb", "text_nn", "text_en", "is_published"]
        widgets = text_areas(rows=12)
        help_texts = {
            "text_nb": _("Plain text; an empty line starts a new paragraph."),
            "is_published": _("Shows the rules on their public page, for anyone to read."),
        }

    def clean(self):
        cleaned = super().clean()
        written = any(cleaned.get(name, "").strip() for name in LANGUAGE_FIELDS)
        if cleaned.get("is_published") and not written:
            raise forms.ValidationError(
                _("Write the rules in at least one language to publish them.")
            )
        return cleaned


class ExplanationForm(forms.ModelForm):
    class Meta:
        model = Explanation
        fields = ["title", "text_nb", "text_nn", "text_en"]
        widgets = text_areas(rows=4)
        help_texts = {
            "title": _("Only moderators see the title, when they choose the explanation."),
        }

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name, "").strip() for name in LANGUAGE_FIELDS):
            raise forms.ValidationError(_("Write the text in at least one language."))
        return cleaned


class LexiconWordForm(forms.Form):
    word = forms.CharField(
        label=_("Word or phrase"),
        max_length=100,
        help_text=_("End with * to match any ending, e.g. idiot* also matches idiotene."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=LexiconEntry.Kind.choices)
