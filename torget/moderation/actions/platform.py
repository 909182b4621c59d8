"""When a platform does not carry out a moderation step: on record, and the moderator told."""

from django.utils.translation import gettext as _

from torget.channels.models import Outbound
from torget.inbox.models import Alert, Item
from torget.moderation.models import AuditEntry


def do_note_failed_step(outbound: Outbound) -> AuditEntry | None:
    """A new entry beside the one that asked for the step (entries are never changed), and an
    alert to the member who took it, so nobody believes a threat is hidden when it is not."""
    asked = AuditEntry.objects.filter(pk=outbound.audit_entry_id).first()
    if asked is None:
        return None
    entry = AuditEntry.objects.create(
        organization_id=asked.organization_id,
        actor_name=AuditEntry.TORGET,
        action=AuditEntry.Action.STEP_FAILED,
        item_id=asked.item_id,
        contact_id=asked.contact_id,
        channel=asked.channel,
        author_handle=asked.author_handle,
        text=asked.text,
        verdict_before=asked.verdict_after,
        verdict_after=asked.verdict_after,
        reason=_("%(action)s, asked by %(actor)s")
        % {"action": outbound.get_action_display(), "actor": asked.actor_name},
        outcome=outbound.last_error,
    )
    item = Item.objects.filter(pk=asked.item_id, organization_id=asked.organization_id).first()
    if asked.actor_id is not None and item is not None:
        Alert.objects.create(
            organization_id=asked.organization_id,
            kind=Alert.Kind.REFUSED,
            item=item,
            recipient_id=asked.actor_id,
        )
    return entry
