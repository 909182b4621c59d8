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

    platform = forms.ChoiceField(label=_("Platform"))
    server = forms.CharField(
        label=_("Server or page"),
        max_length=200,
        required=False,
        help_text=_(
            "Mastodon: the account's server, e.g. https://norden.social. Facebook: the page's "
            "id, if you manage more than one page."
        ),
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
        self.fields["platform"].choices = [
            (platform, connector.name)
            for platform, connector in sorted(connectors().items())
            if connector.signs_in
        ]

    def clean(self):
        data = super().clean()
        if data.get("platform") == "mastodon":
            server = data.get("server", "")
            server = server if "://" in server else f"https://{server}"
            try:
                data["server"] = forms.URLField(assume_scheme="https").clean(server)
            except forms.ValidationError:
                self.add_error("server", _("Give the server's address, e.g. norden.social."))
        return data


SECURITY = [
    ("ssl", _("SSL/TLS")),
    ("starttls", _("STARTTLS")),
    ("none", _("None (only inside a closed network)")),
]


class MailboxForm(forms.Form):
    """An e-mail address, as a mail program's account settings ask for it."""

    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("As the inbox shows it, e.g. Postmottak.")
    )
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        help_text=_("Short and unique, e.g. epost; items carry it."),
    )
    address = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "The address people write to, e.g. postmottak@kommune.no. Replies come from it."
        ),
    )
    username = forms.CharField(
        label=_("User name"),
        max_length=200,
        required=False,
        help_text=_("For both servers. Leave it empty if it is the address itself."),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=500,
        widget=forms.PasswordInput,
        help_text=_(
            "An app password, if your e-mail provider has them. "
            "Stored encrypted, never shown again."
        ),
    )
    imap_host = forms.CharField(
        label=_("Incoming mail server (IMAP)"),
        max_length=200,
        help_text=_("E.g. imap.domeneshop.no or outlook.office365.com"),
    )
    imap_port = forms.IntegerField(
        label=_("IMAP port"),
        min_value=1,
        max_value=65535,
        initial=993,
        help_text=_("Usually 993 with SSL/TLS, 143 with STARTTLS."),
    )
    imap_security = forms.ChoiceField(label=_("IMAP encryption"), choices=SECURITY, initial="ssl")
    mailbox = forms.CharField(
        label=_("Folder"),
        max_length=200,
        initial="INBOX",
        help_text=_(
            "The folder Torget reads, usually INBOX. Mail stays there, unread, and mail from "
            "the last seven days is fetched first."
        ),
    )
    smtp_host = forms.CharField(
        label=_("Outgoing mail server (SMTP)"),
        max_length=200,
        help_text=_("E.g. smtp.domeneshop.no or smtp.office365.com"),
    )
    smtp_port = forms.IntegerField(
        label=_("SMTP port"),
        min_value=1,
        max_value=65535,
        initial=465,
        help_text=_("Usually 465 with SSL/TLS, 587 with STARTTLS."),
    )
    smtp_security = forms.ChoiceField(label=_("SMTP encryption"), choices=SECURITY, initial="ssl")
