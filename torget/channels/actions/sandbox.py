"""Steering the sandbox platform from its channel's page: how it behaves when Torget replies
(slow, failing, rate-limited, refusing), and a citizen writing to the organization through it,
which arrives the way any platform's webhook body does."""

import json
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.channels.actions.receiving import keep, schedule_reading
from torget.channels.models import Channel, WebhookDelivery
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.models import Membership

BEHAVIOURS = ("delay_ms", "fail_next", "rate_limit_per_minute", "refuse")


def check_sandbox(member: Membership, channel: Channel) -> None:
    check_can_manage(member)
    if channel.platform != "sandbox":
        raise ValidationError(_("Only the sandbox can be steered."))


@transaction.atomic
def do_set_sandbox_behaviour(member: Membership, channel: Channel, **behaviour) -> None:
    check_sandbox(member, channel)
    settings = {key: value for key, value in channel.settings.items() if key not in BEHAVIOURS}
    chosen = {key: behaviour[key] for key in BEHAVIOURS if behaviour.get(key)}
    channel.settings = settings | chosen
    channel.save(update_fields=["settings"])


@transaction.atomic
def do_write_as_citizen(
    member: Membership, channel: Channel, name: str, text: str, page: str
) -> WebhookDelivery:
    """A comment on the sandbox, as a citizen would write it there."""
    check_sandbox(member, channel)
    comment = {
        "page": page,
        "id": f"sandbox-{uuid.uuid4().hex[:12]}",
        "author": {"name": name},
        "text": text,
        "created_at": timezone.now().isoformat(),
    }
    delivery = keep(channel, json.dumps(comment).encode(), WebhookDelivery.Via.WEBHOOK)
    transaction.on_commit(lambda: schedule_reading(channel.pk))
    return delivery
