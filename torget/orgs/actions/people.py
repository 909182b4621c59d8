from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from torget.orgs.actions.permissions import check_can_manage, check_role, check_same_organization
from torget.orgs.models import Membership, Role, Team
from torget.orgs.queries import scoped


def check_keeps_an_owner(member: Membership, target: Membership, new_role: str | None) -> None:
    if target.role != Role.OWNER or new_role == Role.OWNER:
        return
    # Locking the owners makes two owners demoting each other at once wait for one another.
    owners = scoped(Membership, member).filter(role=Role.OWNER).select_for_update()
    if len(owners) <= 1:
        raise ValidationError(_("An organization must keep at least one owner."))


@transaction.atomic
def do_change_role(member: Membership, target: Membership, role: str) -> Membership:
    check_can_manage(member)
    check_same_organization(member, target)
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
    check_same_organization(member, target, *teams)
    target.teams.set(teams)


@transaction.atomic
def do_update_person(member: Membership, target: Membership, role: str, teams: list[Team]) -> None:
    if role != target.role:
        do_change_role(member, target, role)
    do_set_member_teams(member, target, teams)


@transaction.atomic
def do_remove_member(member: Membership, target: Membership) -> None:
    check_can_manage(member)
    check_same_organization(member, target)
    if target.role == Role.OWNER:
        check_role(member, Role.OWNER)
    check_keeps_an_owner(member, target, None)
    target.delete()
