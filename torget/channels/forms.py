from django import forms
from django.utils.translation import gettext_lazy as _

from torget.channels.actions.channels import BY_FIELDS
from torget.channels.connectors import connectors


class ConnectForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"))
    name = forms.CharField(label=_("Name"), max_length=200)
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        help_text=_("Short and unique, e.g. facebook or facebook-parking; items carry it."),
    )
    account = forms.CharField(
        label=_("Page or account id"),
        max_length=100,
        required=False,
        help_text=_("Facebook: the page id. Bluesky: the handle, e.g. bymiljo.bsky.social."),
    )
    server = forms.URLField(
        label=_("Server"),
        required=False,
        assume_scheme="https",
        help_text=_("Mastodon: the server's address, e.g. https://norden.social"),
    )
    access_token = forms.CharField(
        label=_("Access token"),
        max_length=500,
        required=False,
        widget=forms.PasswordInput,
        help_text=_(
            "Facebook: the page's access token. Mastodon: a token from the account's settings "
            "(Development). Bluesky: an app password. Stored encrypted, never shown again."
        ),
    )
    app_secret = forms.CharField(
        label=_("App secret"),
        max_length=200,
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Webhooks are signed with it. It is stored encrypted and never shown again."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].choices = [
            (platform, connector.name)
            for platform, connector in sorted(connectors().items())
            if platform in BY_FIELDS
        ]

    def clean(self):
        data = super().clean()
        if data.get("platform") in ("facebook", "instagram") and not data.get("app_secret"):
            self.add_error("app_secret", _("Meta's platforms sign every webhook: it is needed."))
        needed = {"mastodon": ("server", "access_token"), "bluesky": ("account", "access_token")}
        for field in needed.get(data.get("platform", ""), ()):
            if not data.get(field):
                self.add_error(field, _("This platform needs it."))
        return data


class SignInForm(forms.Form):
    """A platform connected through its own sign-in: Torget asks the server for access."""

    platform = forms.ChoiceField(label=_("Platform"), choices=[("mastodon", "Mastodon")])
    server = forms.URLField(
        label=_("Server"),
        assume_scheme="https",
        help_text=_("The account's server, e.g. https://norden.social"),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        help_text=_("Short and unique, e.g. mastodon; items carry it."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "signin")
        super().__init__(*args, **kwargs)
