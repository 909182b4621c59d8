from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from torget.orgs.actions.permissions import check_can_manage, check_role
from torget.orgs.models import Membership, Role, Team


def check_keeps_an_owner(member: Membership, target: Membership, new_role: str | None) -> None:
    if target.role != Role.OWNER or new_role == Role.OWNER:
        return
    owners = Membership.objects.filter(organization=member.organization, role=Role.OWNER)
    if owners.count() <= 1:
        raise ValidationError(_("An organization must keep at least one owner."))


@transaction.atomic
def do_change_role(member: Membership, target: Membership, role: str) -> Membership:
    check_can_manage(member)
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s.") % {"role": role})
    if Role.OWNER in (role, target.role):
        check_role(member, Role.OWNER)
    check_keeps_an_owner(member, target, role)
    target.role = role
    target.save(update_fields=["role"])
    return target


@transaction.atomic
def do_set_member_teams(member: Membership, target: Membership, teams: list[Team]) -> None:
    check_can_manage(member)
    if any(team.organization_id != member.organization_id for team in teams):
        raise PermissionDenied
    target.teams.set(teams)


@transaction.atomic
def do_remove_member(member: Membership, target: Membership) -> None:
    check_can_manage(member)
    if target.role == Role.OWNER:
        check_role(member, Role.OWNER)
    check_keeps_an_owner(member, target, None)
    target.delete()
