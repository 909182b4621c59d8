"""Connecting a channel through its platform's own sign-in (OAuth): Torget asks the platform
for access on the admin's behalf, the admin grants it on the platform's page, and the platform
sends them back with a code that Torget trades for the account's token. What must survive the
round trip waits in the admin's session, with a random state that the return must carry."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from torget.channels.connectors import connector_for
from torget.channels.connectors.base import RefusedError, RetryLaterError
from torget.channels.models import Channel
from torget.channels.secrets import seal, unseal
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.models import Membership


def do_begin_authorization(
    member: Membership, platform: str, server: str, name: str, key: str, return_to: str
) -> tuple[str, dict]:
    """The platform's page to send the admin to, and what to keep until they come back."""
    check_can_manage(member)
    connector = connector_for(platform)
    if not connector.signs_in:
        raise ValidationError(_("This platform is connected with fields, not a sign-in."))
    check_key_free(member, key)
    state = secrets.token_urlsafe(24)
    try:
        url, pending = connector.begin_authorization(server, return_to, state)
    except (RefusedError, RetryLaterError) as error:
        why = {"why": error}
        raise ValidationError(_("The server could not be asked: %(why)s") % why) from None
    # The app's secret waits in the session store: sealed like every other secret at rest.
    context = {"platform": platform, "name": name, "key": key, "state": state}
    return url, {"sealed": seal(pending)} | context | {"organization": member.organization_id}


@transaction.atomic
def do_finish_authorization(
    member: Membership, pending: dict | None, state: str, code: str, return_to: str
) -> Channel:
    check_can_manage(member)
    if not pending or not state or not secrets.compare_digest(state, pending.get("state", "")):
        raise PermissionDenied(_("This sign-in was not started here, or it has expired."))
    if pending["organization"] != member.organization_id:
        raise PermissionDenied(_("This sign-in was started for another organization."))
    check_key_free(member, pending["key"])
    try:
        granted = connector_for(pending["platform"]).finish_authorization(
            unseal(pending["sealed"]), code, return_to
        )
    except (RefusedError, RetryLaterError) as error:
        raise ValidationError(str(error)) from None
    channel = Channel(
        organization_id=member.organization_id,
        platform=pending["platform"],
        name=pending["name"],
        key=pending["key"],
        settings=granted.settings | {"account": granted.account},
    )
    channel.set_secrets(granted.secrets)
    channel.save()
    return channel


def check_key_free(member: Membership, key: str) -> None:
    if Channel.objects.filter(organization_id=member.organization_id, key=key).exists():
        raise ValidationError(_("Another channel already has this key."))
