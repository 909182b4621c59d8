from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from torget.orgs.actions.permissions import check_can_manage, check_same_organization
from torget.orgs.models import DutyCalendar, Membership, Team
from torget.orgs.queries import scoped


def check_team_fields(member: Membership, name: str, team: Team | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("A team needs a name."))
    if "\x00" in name:
        raise ValidationError(_("Text may not contain NUL characters."))
    clash = scoped(Team, member).filter(name__iexact=name)
    if team is not None:
        clash = clash.exclude(pk=team.pk)
    if clash.exists():
        raise ValidationError(_("There is already a team called %(name)s.") % {"name": name})
    return name[:200]


@transaction.atomic
def do_create_team(
    member: Membership, name: str, description: str = "", calendar: DutyCalendar | None = None
) -> Team:
    check_can_manage(member)
    check_same_organization(member, calendar)
    return Team.objects.create(
        organization=member.organization,
        name=check_team_fields(member, name),
        description=description.replace("\x00", ""),
        calendar=calendar,
    )


@transaction.atomic
def do_update_team(
    member: Membership, team: Team, name: str, description: str, calendar: DutyCalendar | None
) -> Team:
    check_can_manage(member)
    check_same_organization(member, team, calendar)
    team.name = check_team_fields(member, name, team)
    team.description = description.replace("\x00", "")
    team.calendar = calendar
    team.save()
    return team


@transaction.atomic
def do_delete_team(member: Membership, team: Team) -> None:
    check_can_manage(member)
    check_same_organization(member, team)
    team.delete()
