"""A moderator's actions on an item and its writer, each on record.

An action changes what Torget shows at once, in one transaction with its audit entry; what the
platform must do too (hide, delete, block) goes out through the channel's outbox afterwards,
delivered at least once. Where the platform does not allow it, the entry says so and what the
moderator can do instead. What each action does is in actions/steps.py.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from torget.channels.actions.outbox import do_queue_step
from torget.channels.connectors import connector_for
from torget.channels.models import Channel, Outbound
from torget.inbox.actions.items import do_reply_item
from torget.inbox.models import Item
from torget.moderation.actions.judging import do_judge_late
from torget.moderation.actions.steps import STEPS, Act, Step, already_done, check_possible
from torget.moderation.models import AuditEntry, AutoRule, Explanation, Standing, Verdict
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
EXPLAINED = {"hide", "mark_spam"}  # a deleted comment has nowhere to reply under


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
    done_on_platform: bool = False,
) -> AuditEntry:
    """`member` None is Torget itself: an automatic rule, or a banned writer's new item.
    `done_on_platform`: the decision was taken on the platform's side already (the website's
    held page), so only Torget's record follows it."""
    check_action(member, item, action, explanation)
    with transaction.atomic():
        item = Item.objects.select_for_update(of=("self",)).select_related("author").get(pk=item.pk)
        act = Act(member, item, verdict_for(item), standing_of(item), (reason or "").strip())
        check_possible(action, act)
        before = act.verdict.verdict
        if already_done(action, act):
            step = Step(outcome=_("It was so already: nothing more was done."))
        else:
            if explanation is not None and member is not None and action in EXPLAINED:
                post_explanation(member, item, explanation)
            step = STEPS[action](act)
        outcome, channel, allowed = plan_for_platform(item, step)
        if done_on_platform:
            outcome, allowed = step.outcome, []
        entry = AuditEntry.of_item(
            item,
            actor=member,
            actor_name=actor_name(member),
            action=action,
            verdict_before=before,
            verdict_after=act.verdict.verdict,
            reason=act.reason[:2000],
            outcome=outcome,
            rule_id=rule.pk if rule else None,
        )
        entry.save()
        for platform_action, target in allowed:
            do_queue_step(channel, platform_action, target, entry)
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


def post_explanation(member: Membership, item: Item, explanation: Explanation) -> None:
    """Answered before it is hidden, so the item counts as answered, not as removed unread."""
    do_reply_item(member, item, explanation.text(item.language))
    item.refresh_from_db(fields=["status", "answered_at", "assigned_to"])


def actor_name(member: Membership | None) -> str:
    if member is None:
        return AuditEntry.TORGET
    user = member.user
    return (user.get_full_name() or user.get_username())[:200]


def standing_of(item: Item) -> str:
    if item.author_id is None:
        return ""
    standing = Standing.objects.filter(
        organization_id=item.organization_id, contact_id=item.author_id
    ).first()
    return standing.kind if standing else ""


def verdict_for(item: Item) -> Verdict:
    """The item's verdict, locked; judged now if it arrived before moderation did."""
    verdict = Verdict.objects.select_for_update().filter(item=item).first()
    return verdict if verdict is not None else do_judge_late(item)


def channel_of(item: Item) -> Channel | None:
    return Channel.objects.filter(
        organization_id=item.organization_id, key=item.channel, is_active=True
    ).first()


def plan_for_platform(item: Item, step: Step) -> tuple[str, Channel | None, list]:
    """What the entry will say happened beyond Torget, and the steps the platform allows."""
    if not step.platform:
        return step.outcome, None, []
    channel = channel_of(item)
    connector = connector_for(channel.platform) if channel else None
    if step.only_where_held and not (connector and connector.holds_for_review):
        return step.outcome, None, []  # a release the platform never needed
    if channel is None or connector is None:
        return _("The channel is not connected: done in Torget only."), None, []
    said, allowed = [step.outcome] if step.outcome else [], []
    for action, target in step.platform:
        refusal = connector.explain(action)
        if refusal:
            said.append(refusal)
            continue
        allowed.append((action, target))
        label = Outbound.Action(action).label
        queued = _("%(action)s on %(channel)s: queued.")
        said.append(queued % {"action": label, "channel": channel.name})
    return " ".join(said), channel, allowed
