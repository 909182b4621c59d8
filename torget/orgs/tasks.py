from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from torget.orgs.models import Invitation


@task()
def send_invitation_email(invitation_id: int, link: str) -> None:
    invitation = Invitation.objects.select_related("organization", "created_by").get(
        pk=invitation_id
    )
    with translation.override("nb"):
        context = {"invitation": invitation, "link": link}
        send_mail(
            subject=_("You are invited to %(org)s on Torget") % {"org": invitation.organization},
            message=render_to_string("orgs/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
