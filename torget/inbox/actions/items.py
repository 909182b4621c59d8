"""What responders do with an item: take it, class it, answer it, close it."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.channels.actions.outbox import do_queue_reply
from torget.inbox.actions.assignment import do_deal_out
from torget.inbox.due import Schedules, due_for
from torget.inbox.models import (
    Alert,
    Decision,
    Item,
    NoReplyReason,
    Note,
    Reply,
    ResponseClass,
    Status,
)
from torget.inbox.queries import forget_census
from torget.inbox.replies import limit_for
from torget.orgs.actions.permissions import check_role, check_same_organization
from torget.orgs.models import Membership, Role, Team
from torget.orgs.queries import scoped

MAX_REPLY = 8000
MENTION = re.compile(r"@([\w.-]+)")


class ReplyCollisionError(ValidationError):
    """A colleague answered while this responder was writing."""


def check_responder(member: Membership, item: Item) -> None:
    check_role(member, Role.RESPONDER)
    check_same_organization(member, item)


def locked(item: Item) -> Item:
    return Item.objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def do_assign_item(member: Membership, item: Item, assignee: Membership | None) -> Item:
    check_responder(member, item)
    check_same_organization(member, assignee)
    item = locked(item)
    item.assigned_to, item.assigned_at = assignee, timezone.now()
    item.save(update_fields=["assigned_to", "assigned_at", "updated_at"])
    return item


@transaction.atomic
def do_change_triage(
    member: Membership | None,
    item: Item,
    response_class: ResponseClass | None = None,
    team: Team | None = None,
    source: str = Decision.Source.RESPONDER,
) -> Item:
    """A new class or team gives a new due time, counted from receipt on the new target."""
    if member is not None:
        check_responder(member, item)
        check_same_organization(member, response_class, team)
    item = locked(item)
    old_due = item.due_at
    changes: list[tuple[str, int | None, int]] = []
    if response_class is not None and response_class.pk != item.response_class_id:
        changes.append(("response_class", item.response_class_id, response_class.pk))
        item.response_class = response_class
        item.due_at = due_for(response_class, item.received_at, Schedules(item.organization_id))
    if team is not None and team.pk != item.team_id:
        changes.append(("team", item.team_id, team.pk))
        item.team = team
    if not changes:
        return item
    for field, old, new in changes:
        Decision.objects.create(
            item=item,
            field=field,
            old_value=str(old or ""),
            new_value=str(new),
            source=source,
            actor=member,
            old_due_at=old_due,
            new_due_at=item.due_at,
        )
    item.save(update_fields=["response_class", "team", "due_at", "updated_at"])
    forget_census(item.organization_id)
    if source == Decision.Source.RESPONDER:
        from torget.inbox.tasks import schedule_retraining

        organization_id = item.organization_id
        transaction.on_commit(lambda: schedule_retraining(organization_id))
    return item


def clean_reply(text: str, limit: int = MAX_REPLY) -> str:
    text = (text or "").strip()
    if not text or len(text) > limit or "\x00" in text:
        raise ValidationError(_("A reply needs text, at most %(n)d characters.") % {"n": limit})
    return text


@transaction.atomic
def do_reply_item(
    member: Membership, item: Item, text: str, replies_seen: int | None = None
) -> Reply:
    """Queues the reply for the channel's outbox. When `replies_seen` is given and a colleague
    has replied since, nothing is sent: the responder sees that reply first."""
    check_responder(member, item)
    item = locked(item)
    if replies_seen is not None and item.replies.count() > replies_seen:
        raise ReplyCollisionError(_("A colleague has just replied. Read it before you send yours."))
    reply = Reply.objects.create(
        organization=item.organization,
        item=item,
        author=member,
        text=clean_reply(text, limit_for(item)),
    )
    do_queue_reply(reply)
    now = timezone.now()
    item.status = Status.ANSWERED
    item.answered_at = item.answered_at or now
    item.assigned_to = item.assigned_to or member
    item.save(update_fields=["status", "answered_at", "assigned_to", "updated_at"])
    free_up(item)
    return reply


def free_up(item: Item) -> None:
    """Someone just finished an item: the team's queue can move on."""
    forget_census(item.organization_id)
    if item.team is not None:
        transaction.on_commit(lambda: do_deal_out(item.team, timezone.now()))


@transaction.atomic
def do_mark_no_reply(member: Membership, item: Item, reason: str) -> Item:
    check_responder(member, item)
    if reason not in NoReplyReason.values:
        raise ValidationError(_("Choose why no reply is needed."))
    item = locked(item)
    item.status, item.no_reply_reason, item.closed_at = Status.NO_REPLY, reason, timezone.now()
    item.save(update_fields=["status", "no_reply_reason", "closed_at", "updated_at"])
    free_up(item)
    return item


@transaction.atomic
def do_close_item(member: Membership, item: Item) -> Item:
    check_responder(member, item)
    item = locked(item)
    item.status, item.closed_at = Status.CLOSED, timezone.now()
    item.save(update_fields=["status", "closed_at", "updated_at"])
    free_up(item)
    return item


@transaction.atomic
def do_wait_for_citizen(member: Membership, item: Item) -> Item:
    """Waiting stops no clock: an item still owed an answer keeps its due time."""
    check_responder(member, item)
    item = locked(item)
    item.status = Status.WAITING
    item.save(update_fields=["status", "updated_at"])
    return item


@transaction.atomic
def do_add_note(member: Membership, item: Item, text: str) -> Note:
    check_responder(member, item)
    text = clean_reply(text)
    note = Note.objects.create(organization=item.organization, item=item, author=member, text=text)
    usernames = set(MENTION.findall(text))
    if usernames:
        mentioned = list(scoped(Membership, member).filter(user__username__in=usernames))
        note.mentions.set(mentioned)
        Alert.objects.bulk_create(
            Alert(organization=item.organization, kind=Alert.Kind.MENTION, item=item, recipient=m)
            for m in mentioned
            if m.pk != member.pk
        )
    return note


@transaction.atomic
def do_reply_many(member: Membership, items: list[Item], text: str) -> list[Reply]:
    """One answer to many near-duplicate comments, each answered and counted on its own."""
    return [do_reply_item(member, item, text) for item in items]
