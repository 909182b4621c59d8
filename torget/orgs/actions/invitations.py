import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.orgs.actions.permissions import check_can_manage, check_role, check_same_organization
from torget.orgs.models import Invitation, Membership, Role, Team
from torget.orgs.queries import scoped
from torget.orgs.tasks import send_invitation_email


def invitation_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("orgs-invitation", args=[token])


def check_invitation_fields(member: Membership, email: str, role: str) -> str:
    email = (email or "").strip().lower()
    validate_email(email)
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s.") % {"role": role})
    if role == Role.OWNER:
        check_role(member, Role.OWNER)
    already = scoped(Membership, member).filter(user__email__iexact=email)
    if already.exists():
        raise ValidationError(_("%(email)s is already a member.") % {"email": email})
    return email


@transaction.atomic
def do_create_invitation(
    member: Membership, email: str, role: str, teams: list[Team] = ()
) -> tuple[Invitation, str]:
    """Returns the invitation and its link; the link is shown once and e-mailed, never stored."""
    check_can_manage(member)
    check_same_organization(member, *teams)
    email = check_invitation_fields(member, email, role)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=member.organization,
        email=email,
        role=role,
        token_hash=Invitation.hash(token),
        created_by=member.user,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    invitation.teams.set(teams)
    link = invitation_link(token)
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk, link))
    return invitation, link


@transaction.atomic
def do_revoke_invitation(member: Membership, invitation: Invitation) -> None:
    check_can_manage(member)
    check_same_organization(member, invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def do_accept_invitation(invitation: Invitation, user) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable():
        raise ValidationError(_("This invitation has expired or has already been used."))
    membership, _created = Membership.objects.get_or_create(
        organization=invitation.organization, user=user, defaults={"role": invitation.role}
    )
    membership.teams.add(*invitation.teams.all())
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
