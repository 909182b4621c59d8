"""A moderator's actions on an item and its writer, each on record.

An action changes what Torget shows at once, in one transaction with its audit entry; what the
platform must do too (hide, delete, block) goes out through the channel's outbox afterwards,
delivered at least once. Where the platform does not allow it, the entry says so and what the
moderator can do instead.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from torget.channels.actions.outbox import do_queue_step
from torget.channels.connectors import connector_for
from torget.channels.models import Channel, Outbound
from torget.inbox.actions.items import do_reply_item, free_up
from torget.inbox.models import Item, NoReplyReason, Status
from torget.moderation.models import AuditEntry, AutoRule, Explanation, Standing, Verdict
from torget.moderation.spam_signals import History
from torget.moderation.tasks import schedule_moderation_training
from torget.moderation.verdicts import ABUSE_LINE, judge
from torget.orgs.actions.permissions import check_role, check_same_organization
from torget.orgs.models import Membership, Role

ACTIONS = {
    "approve": gettext_lazy("Approve"),
    "hold": gettext_lazy("Hold for a moderator"),
    "hide": gettext_lazy("Hide"),
    "unhide": gettext_lazy("Show again"),
    "mark_spam": gettext_lazy("Mark as spam"),
    "mark_not_spam": gettext_lazy("Mark as not spam"),
    "delete": gettext_lazy("Delete"),
    "restrict": gettext_lazy("Restrict the writer to review"),
    "unrestrict": gettext_lazy("Lift the restriction"),
    "ban": gettext_lazy("Ban the writer"),
    "unban": gettext_lazy("Lift the ban"),
}
# Deleting cannot be undone and banning shuts a person out: an editor's call.
NEEDS_EDITOR = {"delete", "ban", "unban"}
HIDING = {"hide", "mark_spam", "delete"}


@dataclass
class Step:
    """What one action did in Torget, and what the platform is asked to do."""

    outcome: str = ""
    platform: str = ""  # an Outbound.Action, or "" when the platform has nothing to do
    target: str = ""


def check_action(member: Membership | None, item: Item, action: str, *rows) -> None:
    if action not in ACTIONS:
        raise ValidationError(_("Unknown moderation action: %(action)s.") % {"action": action})
    if member is not None:
        check_role(member, Role.EDITOR if action in NEEDS_EDITOR else Role.RESPONDER)
        check_same_organization(member, item, *rows)


def do_moderate(
    member: Membership | None,
    item: Item,
    action: str,
    reason: str = "",
    explanation: Explanation | None = None,
    rule: AutoRule | None = None,
) -> AuditEntry:
    """`member` None is Torget itself: an automatic rule, or a banned writer's new item."""
    check_action(member, item, action, explanation)
    with transaction.atomic():
        item = Item.objects.select_for_update(of=("self",)).select_related("author").get(pk=item.pk)
        verdict = verdict_for(item)
        before = verdict.verdict
        step = STEPS[action](member, item, verdict, reason)
        if explanation is not None and member is not None and action in HIDING - {"delete"}:
            do_reply_item(member, item, explanation.text(item.language))
        entry = AuditEntry.objects.create(
            organization_id=item.organization_id,
            actor=member,
            actor_name=actor_name(member),
            action=action,
            item_id=item.pk,
            contact_id=item.author_id,
            channel=item.channel,
            author_handle=item.author.handle if item.author else "",
            text=item.text,
            verdict_before=before,
            verdict_after=verdict.verdict,
            reason=(reason or "").strip()[:2000],
            outcome=carry_to_platform(item, step),
            rule_id=rule.pk if rule else None,
        )
        queue_platform_step(item, step, entry)
    return entry


def do_moderate_many(
    member: Membership,
    items: list[Item],
    action: str,
    reason: str = "",
    explanation: Explanation | None = None,
) -> list[AuditEntry]:
    """All or nothing: one refused item refuses the whole batch."""
    with transaction.atomic():
        return [do_moderate(member, item, action, reason, explanation) for item in items]


def actor_name(member: Membership | None) -> str:
    if member is None:
        return "Torget"
    user = member.user
    return (user.get_full_name() or user.get_username())[:200]


def verdict_for(item: Item) -> Verdict:
    """The item's verdict, judged now if it arrived before moderation judged everything."""
    verdict = Verdict.objects.select_for_update().filter(item=item).first()
    if verdict is not None:
        return verdict
    judgement = judge(item.text, History())
    return Verdict.objects.create(
        organization_id=item.organization_id,
        item=item,
        spam_score=judgement.spam_score,
        abuse_score=judgement.abuse_score,
        verdict=judgement.verdict,
        signals=judgement.signals,
    )


def decide(row: Verdict, **fields) -> None:
    for name, value in fields.items():
        setattr(row, name, value)
    row.decided_at = timezone.now()
    row.save()
    if "spam_label" in fields or "abuse_label" in fields:
        schedule_training(row.organization_id)


def schedule_training(organization_id: int) -> None:
    transaction.on_commit(lambda: schedule_moderation_training(organization_id))


def labels_for_removal(verdict: Verdict) -> dict:
    """Removing an item says the machine was right about what it flagged."""
    if verdict.verdict == Verdict.Kind.SPAM:
        return {"spam_label": True}
    if verdict.verdict in (Verdict.Kind.ABUSIVE, Verdict.Kind.THREAT):
        return {"abuse_label": True}
    return {}


def close_unanswered(item: Item, reason: str) -> None:
    if item.status not in (Status.OPEN, Status.WAITING):
        return
    item.status, item.no_reply_reason, item.closed_at = Status.NO_REPLY, reason, timezone.now()
    item.save(update_fields=["status", "no_reply_reason", "closed_at", "updated_at"])
    free_up(item)


def hide(member, item: Item, verdict: Verdict, reason: str) -> Step:
    decide(verdict, state=Verdict.State.HIDDEN, **labels_for_removal(verdict))
    close_unanswered(item, NoReplyReason.REMOVED)
    return Step(platform=Outbound.Action.HIDE, target=item.external_id)


def unhide(member, item: Item, verdict: Verdict, reason: str) -> Step:
    decide(verdict, state=Verdict.State.APPROVED)
    return Step(platform=Outbound.Action.UNHIDE, target=item.external_id)


def delete(member, item: Item, verdict: Verdict, reason: str) -> Step:
    decide(verdict, state=Verdict.State.DELETED, **labels_for_removal(verdict))
    close_unanswered(item, NoReplyReason.REMOVED)
    return Step(platform=Outbound.Action.DELETE, target=item.external_id)


def mark_spam(member, item: Item, verdict: Verdict, reason: str) -> Step:
    decide(verdict, verdict=Verdict.Kind.SPAM, state=Verdict.State.HIDDEN, spam_label=True)
    close_unanswered(item, NoReplyReason.SPAM)
    return Step(platform=Outbound.Action.HIDE, target=item.external_id)


def mark_not_spam(member, item: Item, verdict: Verdict, reason: str) -> Step:
    was_hidden = verdict.state == Verdict.State.HIDDEN
    kind = verdict.verdict
    if kind in (Verdict.Kind.SPAM, Verdict.Kind.SUSPECT):
        kind = Verdict.Kind.ABUSIVE if verdict.abuse_score >= ABUSE_LINE else Verdict.Kind.CLEAN
    state = Verdict.State.APPROVED if verdict.state else verdict.state
    decide(verdict, verdict=kind, state=state, spam_label=False)
    if was_hidden:
        return Step(platform=Outbound.Action.UNHIDE, target=item.external_id)
    return Step()


def approve(member, item: Item, verdict: Verdict, reason: str) -> Step:
    """A person read it and it may stand: neither spam nor abuse, whatever the machine said."""
    was_hidden = verdict.state == Verdict.State.HIDDEN
    labels = {}
    if verdict.spam_score > 0 or verdict.verdict == Verdict.Kind.SPAM:
        labels["spam_label"] = False
    if verdict.abuse_score > 0 or verdict.verdict in (Verdict.Kind.ABUSIVE, Verdict.Kind.THREAT):
        labels["abuse_label"] = False
    decide(verdict, state=Verdict.State.APPROVED, **labels)
    if was_hidden:
        return Step(platform=Outbound.Action.UNHIDE, target=item.external_id)
    return Step()


def hold(member, item: Item, verdict: Verdict, reason: str) -> Step:
    decide(verdict, state=Verdict.State.HELD)
    return Step()


def set_standing(kind: str):
    def act(member, item: Item, verdict: Verdict, reason: str) -> Step:
        if item.author is None:
            raise ValidationError(_("This item has no known writer."))
        Standing.objects.update_or_create(
            organization_id=item.organization_id,
            contact=item.author,
            defaults={"kind": kind, "reason": reason, "set_by": member, "set_at": timezone.now()},
        )
        if kind == Standing.Kind.BANNED:
            return Step(platform=Outbound.Action.BLOCK, target=item.author.handle)
        return Step(outcome=_("Everything this writer sends is held for a moderator."))

    return act


def lift_standing(kind: str):
    def act(member, item: Item, verdict: Verdict, reason: str) -> Step:
        Standing.objects.filter(
            organization_id=item.organization_id, contact_id=item.author_id, kind=kind
        ).delete()
        if kind == Standing.Kind.BANNED:
            return Step(outcome=_("Lifted in Torget. A block on the platform is lifted there."))
        return Step()

    return act


STEPS = {
    "approve": approve,
    "hold": hold,
    "hide": hide,
    "unhide": unhide,
    "mark_spam": mark_spam,
    "mark_not_spam": mark_not_spam,
    "delete": delete,
    "restrict": set_standing(Standing.Kind.RESTRICTED),
    "unrestrict": lift_standing(Standing.Kind.RESTRICTED),
    "ban": set_standing(Standing.Kind.BANNED),
    "unban": lift_standing(Standing.Kind.BANNED),
}


def channel_of(item: Item) -> Channel | None:
    return Channel.objects.filter(
        organization_id=item.organization_id, key=item.channel, is_active=True
    ).first()


def carry_to_platform(item: Item, step: Step) -> str:
    """What the entry says happened beyond Torget; the step is cleared when nothing goes out."""
    if not step.platform:
        return step.outcome
    channel = channel_of(item)
    if channel is None:
        step.platform = ""
        return _("The channel is not connected: done in Torget only.")
    refusal = connector_for(channel.platform).explain(step.platform)
    if refusal:
        step.platform = ""
        return refusal
    label = Outbound.Action(step.platform).label
    return _("%(action)s on %(channel)s: queued.") % {"action": label, "channel": channel.name}


def queue_platform_step(item: Item, step: Step, entry: AuditEntry) -> None:
    channel = channel_of(item) if step.platform else None
    if channel is not None:
        do_queue_step(channel, step.platform, step.target, entry)
