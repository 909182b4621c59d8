"""Reads of tenant data. Every query of an organization's rows starts here, from a membership.

`scoped` is the one helper that filters by organization; `access_*` fetch one row for a
member or raise Http404, so a row of another organization looks exactly like a missing one.
"""

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from torget.orgs.models import DutyCalendar, Invitation, Membership, Team

M = TypeVar("M", bound=Model)


def scoped(model: type[M], member: Membership) -> QuerySet[M]:
    return model.objects.filter(organization_id=member.organization_id)


def access(model: type[M], member: Membership, pk: object) -> M:
    try:
        return scoped(model, member).get(pk=int(pk))
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No such {model._meta.verbose_name}.") from None


def access_team(member: Membership, team_id: object) -> Team:
    return access(Team, member, team_id)


def access_calendar(member: Membership, calendar_id: object) -> DutyCalendar:
    return access(DutyCalendar, member, calendar_id)


def access_membership(member: Membership, membership_id: object) -> Membership:
    return access(Membership, member, membership_id)


def get_teams(member: Membership) -> QuerySet[Team]:
    return scoped(Team, member).select_related("calendar").prefetch_related("members__user")


def get_calendars(member: Membership) -> QuerySet[DutyCalendar]:
    return scoped(DutyCalendar, member).prefetch_related("teams")


def get_people(member: Membership) -> QuerySet[Membership]:
    return scoped(Membership, member).select_related("user").prefetch_related("teams")


def get_open_invitations(member: Membership) -> QuerySet[Invitation]:
    return scoped(Invitation, member).filter(accepted_at=None, revoked_at=None)


def get_invitation_by_link(token: str) -> Invitation | None:
    """Invitations are found by their link alone: the link is the credential."""
    return Invitation.objects.filter(token_hash=Invitation.hash(token)).first()


def get_memberships(user) -> QuerySet[Membership]:
    """The organizations a person belongs to; the switcher lists these."""
    return Membership.objects.filter(user=user).select_related("organization")
