from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from torget.comments.holding import DEFAULT_MODE
from torget.comments.sites import origin_of

HOLD_CHOICES = [
    ("links", _("Comments with links from new writers, and [url=…] links")),
    ("all", _("Every comment")),
    ("none", _("None: publish every comment at once")),
]


class OriginsField(forms.CharField):
    """One site a line, as the browser names it: https://www.example.no (no path)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        lines = [line.strip() for line in (super().clean(value) or "").splitlines()]
        origins = []
        for line in filter(None, lines):
            origin = origin_of(line)
            if origin is None or not bare(line):
                raise forms.ValidationError(
                    _("%(line)s is not a site's address like https://www.example.no.")
                    % {"line": line}
                )
            origins.append(origin)
        return list(dict.fromkeys(origins))


def bare(address: str) -> bool:
    parts = urlsplit(address)
    return parts.path in ("", "/") and not (parts.query or parts.fragment or "@" in parts.netloc)


class CommentFieldForm(forms.Form):
    origins = OriginsField(
        label=_("Sites that may show the comment field"),
        help_text=_("One a line, e.g. https://www.example.no. Other sites are refused."),
    )
    hold = forms.ChoiceField(label=_("Held for review"), choices=HOLD_CHOICES, initial=DEFAULT_MODE)


class ConnectWebsiteForm(CommentFieldForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        help_text=_("Short and unique, e.g. website; items carry it."),
    )
    field_order = ["name", "key", "origins", "hold"]
