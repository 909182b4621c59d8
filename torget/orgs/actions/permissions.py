from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from torget.orgs.models import Membership, Role


def check_role(member: Membership, role: str) -> None:
    if not member.has_role(role):
        raise PermissionDenied(
            _("This needs the role %(role)s or higher.") % {"role": Role(role).label}
        )


def check_can_manage(member: Membership) -> None:
    check_role(member, Role.ADMIN)


def check_same_organization(member: Membership, *rows) -> None:
    """Actions trust no caller: every row they touch must belong to the member's organization."""
    if any(row is not None and row.organization_id != member.organization_id for row in rows):
        raise PermissionDenied(_("That belongs to another organization."))
