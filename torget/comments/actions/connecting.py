"""Connecting the website's comment field, and choosing where it may be embedded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from torget.channels.models import Channel
from torget.comments.sites import new_widget_id
from torget.orgs.actions.permissions import check_can_manage, check_same_organization
from torget.orgs.models import Membership


@transaction.atomic
def do_connect_website(
    member: Membership, name: str, key: str, origins: list[str], hold: str
) -> Channel:
    check_can_manage(member)
    if Channel.objects.filter(organization_id=member.organization_id, key=key).exists():
        raise ValidationError(_("Another channel already has this key."))
    return Channel.objects.create(
        organization_id=member.organization_id,
        platform="website",
        name=name,
        key=key,
        settings={"widget_id": new_widget_id(), "origins": origins, "hold": hold},
    )


@transaction.atomic
def do_change_comment_field(
    member: Membership, channel: Channel, origins: list[str], hold: str
) -> Channel:
    """A website channel made some other way gets its widget id here."""
    check_can_manage(member)
    check_same_organization(member, channel)
    settings = dict(channel.settings or {})
    settings.setdefault("widget_id", new_widget_id())
    settings.update(origins=origins, hold=hold)
    channel.settings = settings
    channel.save(update_fields=["settings"])
    return channel
