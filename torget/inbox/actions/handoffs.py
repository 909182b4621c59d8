from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from torget.inbox.actions.items import check_responder
from torget.inbox.models import Department, HandOff, Item
from torget.orgs.actions.permissions import check_same_organization
from torget.orgs.models import Membership


@transaction.atomic
def do_hand_off(member: Membership, item: Item, department: Department, note: str = "") -> HandOff:
    """What a citizen said goes to the department that can change the service."""
    check_responder(member, item)
    check_same_organization(member, department)
    return HandOff.objects.create(
        organization=item.organization,
        item=item,
        department=department,
        note=note.strip()[:4000],
        created_by=member,
    )


@transaction.atomic
def do_update_handoff(member: Membership, handoff: HandOff, state: str, note: str) -> HandOff:
    check_responder(member, handoff.item)
    if state not in HandOff.State.values:
        raise ValidationError(_("Unknown state."))
    handoff.state = state
    if note.strip():
        handoff.note = (handoff.note + "\n" + note.strip()).strip()[:8000]
    handoff.save(update_fields=["state", "note", "updated_at"])
    return handoff
