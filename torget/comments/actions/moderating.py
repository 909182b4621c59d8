"""A person's verdict on a held comment: publish it, or reject it.

Editors and above moderate (the role that decides what the organization publishes). Both
verdicts can be given again later: a comment rejected by mistake, a robot's included, can still
be published, and then reaches the inbox too.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.channels.actions.receiving import close_removed
from torget.comments.actions.posting import send_to_inbox
from torget.comments.models import WebsiteComment
from torget.inbox.models import Item
from torget.orgs.actions.permissions import check_role, check_same_organization
from torget.orgs.models import Membership, Role


def check_can_moderate(member: Membership) -> None:
    check_role(member, Role.EDITOR)


def can_moderate(member: Membership) -> bool:
    return member.has_role(Role.EDITOR)


def locked(member: Membership, comment: WebsiteComment) -> WebsiteComment:
    check_can_moderate(member)
    check_same_organization(member, comment)
    return (
        WebsiteComment.objects.select_for_update()
        .select_related("channel")
        .get(pk=comment.pk, organization_id=member.organization_id)
    )


@transaction.atomic
def do_publish_comment(member: Membership, comment: WebsiteComment) -> WebsiteComment:
    comment = locked(member, comment)
    decide(member, comment, WebsiteComment.State.PUBLISHED)
    if comment.delivery_id is None and not comment.ours:
        send_to_inbox(comment)
    in_moderation(member, comment, "approve")
    return comment


@transaction.atomic
def do_reject_comment(member: Membership, comment: WebsiteComment) -> WebsiteComment:
    """Rejected, the comment is gone from the page, so its item in the inbox (if the worker
    has read it) no longer waits for an answer."""
    comment = locked(member, comment)
    decide(member, comment, WebsiteComment.State.REJECTED)
    close_removed(comment.channel, str(comment.external_id))
    in_moderation(member, comment, "hide")
    return comment


def decide(member: Membership, comment: WebsiteComment, state: str) -> None:
    comment.state = state
    comment.moderated_by, comment.moderated_at = member, timezone.now()
    comment.save(update_fields=["state", "moderated_by", "moderated_at"])


def in_moderation(member: Membership, comment: WebsiteComment, action: str) -> None:
    """The same decision in the moderation queue and its audit log, once the inbox has the
    comment: one comment, one state, whichever page a moderator decided it on. Rejecting is
    hiding there, not deleting, since a rejected comment can still be published later."""
    from torget.moderation.actions.moderating import do_moderate

    item = Item.objects.filter(
        organization_id=comment.organization_id,
        channel=comment.channel.key,
        external_id=str(comment.external_id),
    ).first()
    if item is not None and not item.ours:
        reason = _("Decided on the comment field's held page.")
        do_moderate(member, item, action, reason=reason, done_on_platform=True)
