"""What each moderation action does to an item, its verdict and its writer in Torget, and what
it asks of the platform. do_moderate (actions/moderating.py) runs one inside its transaction."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.channels.models import Outbound
from torget.inbox.actions.items import free_up
from torget.inbox.models import Item, NoReplyReason, Status
from torget.moderation.models import Standing, Verdict
from torget.moderation.tasks import schedule_moderation_training
from torget.moderation.verdicts import ABUSE_LINE
from torget.orgs.models import Membership

WRITER_ACTIONS = {"restrict", "unrestrict", "ban", "unban"}


@dataclass
class Act:
    member: Membership | None  # None: Torget itself, whose decisions teach nothing
    item: Item
    verdict: Verdict
    standing: str  # the writer's Standing.Kind, or ""
    reason: str


@dataclass
class Step:
    outcome: str = ""
    platform: list[tuple[str, str]] = field(default_factory=list)  # (Outbound.Action, target)
    only_where_held: bool = False  # the platform step only where it holds items for review


def already_done(action: str, act: Act) -> bool:
    """Asked again (a double click, a retried request, a writer banned from two items): the
    second time changes nothing and sends nothing."""
    state, verdict = act.verdict.state, act.verdict
    done = {
        "hide": state == Verdict.State.HIDDEN,
        "unhide": state in Verdict.SHOWN_STATES,
        "delete": state == Verdict.State.DELETED,
        # Hidden as spam by a rule is not yet a person's word: marking it teaches.
        "mark_spam": state == Verdict.State.HIDDEN and verdict.spam_label is True,
        "mark_not_spam": verdict.spam_label is False and state in Verdict.SHOWN_STATES,
        "approve": state == Verdict.State.APPROVED,
        "hold": state == Verdict.State.HELD,
        "ban": act.standing == Standing.Kind.BANNED,
        "unban": act.standing != Standing.Kind.BANNED,
        "restrict": act.standing == Standing.Kind.RESTRICTED,
        "unrestrict": act.standing != Standing.Kind.RESTRICTED,
    }
    return done[action]


def check_possible(action: str, act: Act) -> None:
    if act.verdict.state == Verdict.State.DELETED and action not in WRITER_ACTIONS | {"delete"}:
        raise ValidationError(_("This item was deleted. It cannot be brought back."))
    if action == "restrict" and act.standing == Standing.Kind.BANNED:
        raise ValidationError(_("The writer is banned. Lift the ban first."))
    if action in WRITER_ACTIONS and act.item.author is None:
        raise ValidationError(_("This item has no known writer."))


def decide(act: Act, **fields) -> None:
    """Sets the verdict's fields; a person's word (the labels) also sets off training."""
    if act.member is None:
        fields = {k: v for k, v in fields.items() if k not in ("spam_label", "abuse_label")}
    for name, value in fields.items():
        setattr(act.verdict, name, value)
    act.verdict.decided_at = timezone.now()
    act.verdict.save()
    if "spam_label" in fields or "abuse_label" in fields:
        organization_id = act.verdict.organization_id
        transaction.on_commit(lambda: schedule_moderation_training(organization_id))


def removal_labels(verdict: Verdict) -> dict:
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


def remove(act: Act, state: str, platform: str, **fields) -> Step:
    decide(act, state=state, **(removal_labels(act.verdict) | fields))
    spam = act.verdict.verdict == Verdict.Kind.SPAM
    close_unanswered(act.item, NoReplyReason.SPAM if spam else NoReplyReason.REMOVED)
    return Step(platform=[(platform, act.item.external_id)])


def show(act: Act, **fields) -> Step:
    """Shown again where it was hidden; released where the platform holds what waits for
    review (the website's comment field), so approving it publishes it there."""
    was = act.verdict.state
    decide(act, state=Verdict.State.APPROVED, **fields)
    unhide = [(Outbound.Action.UNHIDE, act.item.external_id)]
    if was == Verdict.State.HIDDEN:
        return Step(platform=unhide)
    if was == Verdict.State.HELD:
        return Step(platform=unhide, only_where_held=True)
    return Step()


def hide(act: Act) -> Step:
    return remove(act, Verdict.State.HIDDEN, Outbound.Action.HIDE)


def delete(act: Act) -> Step:
    return remove(act, Verdict.State.DELETED, Outbound.Action.DELETE)


def mark_spam(act: Act) -> Step:
    if act.verdict.state == Verdict.State.HIDDEN:  # hidden already: only the word is new
        decide(act, verdict=Verdict.Kind.SPAM, spam_label=True)
        return Step()
    act.verdict.verdict = Verdict.Kind.SPAM
    return remove(act, Verdict.State.HIDDEN, Outbound.Action.HIDE, verdict=Verdict.Kind.SPAM)


def mark_not_spam(act: Act) -> Step:
    kind = act.verdict.verdict
    if kind in (Verdict.Kind.SPAM, Verdict.Kind.SUSPECT):
        high = act.verdict.abuse_score >= ABUSE_LINE
        kind = Verdict.Kind.ABUSIVE if high else Verdict.Kind.CLEAN
    if act.verdict.state == Verdict.State.VISIBLE:
        decide(act, verdict=kind, spam_label=False)
        return Step()
    return show(act, verdict=kind, spam_label=False)


def approve(act: Act) -> Step:
    """A person read it and it may stand: neither spam nor abuse, whatever the machine said."""
    verdict, labels = act.verdict, {}
    if verdict.spam_score > 0 or verdict.verdict == Verdict.Kind.SPAM:
        labels["spam_label"] = False
    if verdict.abuse_score > 0 or verdict.verdict in (Verdict.Kind.ABUSIVE, Verdict.Kind.THREAT):
        labels["abuse_label"] = False
    return show(act, **labels)


def unhide(act: Act) -> Step:
    return show(act)


def hold(act: Act) -> Step:
    decide(act, state=Verdict.State.HELD)
    return Step()


def restrict(act: Act) -> Step:
    set_standing(act, Standing.Kind.RESTRICTED)
    return Step(outcome=_("Everything this writer sends is held for a moderator."))


def ban(act: Act) -> Step:
    """Blocked on the platform where it allows; what they send from now on is hidden as it
    arrives, and the item the ban was given on is hidden now."""
    set_standing(act, Standing.Kind.BANNED)
    step = Step(platform=[(Outbound.Action.BLOCK, act.item.author.handle)])
    if act.verdict.state not in (Verdict.State.HIDDEN, Verdict.State.DELETED):
        step.platform += hide(act).platform
    return step


def set_standing(act: Act, kind: str) -> None:
    Standing.objects.update_or_create(
        organization_id=act.item.organization_id,
        contact=act.item.author,
        defaults={
            "kind": kind,
            "reason": act.reason,
            "set_by": act.member,
            "set_at": timezone.now(),
        },
    )


def lift(kind: str):
    def act_on(act: Act) -> Step:
        Standing.objects.filter(
            organization_id=act.item.organization_id, contact_id=act.item.author_id, kind=kind
        ).delete()
        if kind == Standing.Kind.BANNED:
            return Step(platform=[(Outbound.Action.UNBLOCK, act.item.author.handle)])
        return Step()

    return act_on


STEPS = {
    "approve": approve,
    "hold": hold,
    "hide": hide,
    "unhide": unhide,
    "mark_spam": mark_spam,
    "mark_not_spam": mark_not_spam,
    "delete": delete,
    "restrict": restrict,
    "unrestrict": lift(Standing.Kind.RESTRICTED),
    "ban": ban,
    "unban": lift(Standing.Kind.BANNED),
}
