"""Connecting channels and reading again what a channel could not read before."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from torget.channels.actions.authorizing import check_key_free
from torget.channels.actions.receiving import BATCH, read_batch
from torget.channels.connectors import connector_for
from torget.channels.connectors.base import RefusedError
from torget.channels.models import Channel, WebhookDelivery
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.models import Membership

# Platforms whose connection is a few fields from their developer dashboard or account
# settings; the others connect through their own sign-in flow, and e-mail with its own form
# (do_connect_mailbox).
BY_FIELDS = {"bluesky", "facebook", "instagram", "mastodon", "sandbox"}
# What a mail program's account settings ask for, kept in the channel's settings; the user
# name and password are sealed.
MAIL_SERVER_FIELDS = (
    "imap_host",
    "imap_port",
    "imap_security",
    "mailbox",
    "smtp_host",
    "smtp_port",
    "smtp_security",
)


@transaction.atomic
def do_connect_channel(
    member: Membership,
    platform: str,
    name: str,
    key: str,
    account: str,
    app_secret: str,
    access_token: str = "",
    server: str = "",
) -> Channel:
    check_can_manage(member)
    if platform not in BY_FIELDS:
        raise ValidationError(_("This platform is connected through its own sign-in."))
    check_key_free(member, key)
    channel = Channel(
        organization_id=member.organization_id,
        platform=platform,
        name=name,
        key=key,
        settings={"account": account} if account else {},
    )
    # The verify token is ours to choose; the platform's dashboard asks for it.
    sealed = {"app_secret": app_secret, "verify_token": secrets.token_urlsafe(16)}
    channel.set_secrets(sealed | ({"access_token": access_token} if access_token else {}))
    if platform == "mastodon":
        channel.settings = {"instance": server}
        channel.settings["account"] = verified(channel)
    if platform == "bluesky":  # the handle, and an app password from the account's settings
        channel.set_secrets({"app_password": access_token})
        verified(channel)
    channel.save()
    return channel


def do_connect_mailbox(
    member: Membership,
    name: str,
    key: str,
    address: str,
    username: str,
    password: str,
    **servers: str | int,
) -> Channel:
    """An e-mail address, read over IMAP and answered over SMTP. Both servers are logged in to
    before anything is kept, so a wrong host or password is said at once. No transaction is
    held open meanwhile: the one write is the save at the end."""
    check_can_manage(member)
    check_key_free(member, key)
    channel = Channel(
        organization_id=member.organization_id,
        platform="email",
        name=name,
        key=key,
        settings={"address": address} | {field: servers[field] for field in MAIL_SERVER_FIELDS},
    )
    channel.set_secrets({"username": username or address, "password": password})
    try:
        connector_for("email").verify(channel)
    except RefusedError as error:
        why = {"why": error}
        raise ValidationError(_("Torget could not use the e-mail account: %(why)s") % why) from None
    channel.save()
    return channel


def verified(channel: Channel) -> str:
    """Asks the platform whom the token speaks for, so a wrong token is said now, not later."""
    try:
        return connector_for(channel.platform).verify(channel)
    except RefusedError as error:
        raise ValidationError(str(error)) from None


def do_read_again(member: Membership, channel: Channel) -> tuple[int, int]:
    """Webhook bodies not understood when they came, read again (after an upgrade, say), the
    way the worker reads new ones. Returns (bodies now read, items received)."""
    check_can_manage(member)
    refused = list(channel.deliveries.filter(state=WebhookDelivery.State.REJECTED).order_by("pk"))
    items = 0
    for start in range(0, len(refused), BATCH):
        with transaction.atomic():
            items += read_batch(channel, refused[start : start + BATCH])
    return sum(d.state == WebhookDelivery.State.ACCEPTED for d in refused), items
