"""Every item the inbox receives is judged as it arrives, in the same transaction, and judged
again when its writer edits it. A batch is judged with a few queries whatever its size: the
organization's history (moderation.history), its lexicon and its trained models are read once.
What is not clean is held for a moderator and written in the audit log, so the log says what
Torget decided, when, and why."""

from django.utils import timezone

from torget.inbox.models import Contact, Item
from torget.moderation.actions.learning import trained_models
from torget.moderation.history import histories
from torget.moderation.lexicon import lexicon_for
from torget.moderation.models import AuditEntry, Verdict
from torget.moderation.spam_signals import History
from torget.moderation.verdicts import Judgement, judge_all
from torget.system.bulk import insert_all

JUDGED = ["spam_score", "abuse_score", "verdict", "signals", "judged_at", "state"]


def do_judge_items(items: list[Item], new_authors: set[int]) -> list[Verdict]:
    """`new_authors`: contacts first seen in this batch (a brand-new writer adds to spam)."""
    items = [item for item in items if not item.ours]
    judgements = judge_items(items, new_authors)
    verdicts = [
        Verdict(
            organization_id=item.organization_id,
            item=item,
            **scores(judgement),
            state=Verdict.State.HELD if held(judgement.verdict) else Verdict.State.VISIBLE,
        )
        for item, judgement in zip(items, judgements, strict=True)
    ]
    insert_all(verdicts)
    arrived = [
        (item, judgement)
        for item, judgement in zip(items, judgements, strict=True)
        if judgement.verdict != Verdict.Kind.CLEAN
    ]
    write_audit(AuditEntry.Action.JUDGED, arrived, {})
    return verdicts


def do_judge_late(item: Item) -> Verdict:
    """A verdict for an item that arrived before moderation judged everything, judged on its
    own when a moderator first acts on it: no history, the organization's words and models."""
    organization_id = item.organization_id
    lexicon, models = lexicon_for(organization_id), trained_models(organization_id)
    (judgement,) = judge_all([item.text], [History()], lexicon, models)
    return Verdict.objects.create(organization_id=organization_id, item=item, **scores(judgement))


def do_rejudge_items(items: list[Item]) -> list[Verdict]:
    """Judges edited items again on their new text. A verdict that changes is written in the
    audit log; one that becomes spam or abuse holds the item again, even one a moderator had
    approved: the approval was of other words."""
    items = [item for item in items if not item.ours]
    judgements = judge_items(items, set())
    found = Verdict.objects.filter(
        organization_id=items[0].organization_id if items else None,
        item__in=[item.pk for item in items],
    )
    earlier = {verdict.item_id: verdict for verdict in found}
    before = {pk: verdict.verdict for pk, verdict in earlier.items()}
    verdicts, changed = [], []
    for item, judgement in zip(items, judgements, strict=True):
        verdict = earlier.get(item.pk) or Verdict(organization_id=item.organization_id, item=item)
        if judgement.verdict != verdict.verdict:
            changed.append((item, judgement))
            if held(judgement.verdict) and verdict.state in Verdict.SHOWN_STATES:
                verdict.state = Verdict.State.HELD
        for field, value in scores(judgement).items():
            setattr(verdict, field, value)
        verdicts.append(verdict)
    insert_all([verdict for verdict in verdicts if verdict.pk is None])
    Verdict.objects.bulk_update([earlier[item.pk] for item in items if item.pk in earlier], JUDGED)
    write_audit(AuditEntry.Action.REJUDGED, changed, before)
    return verdicts


def judge_items(items: list[Item], new_authors: set[int]) -> list[Judgement]:
    if not items:
        return []
    organization_id = items[0].organization_id
    known = histories(items, new_authors)
    return judge_all(
        [item.text for item in items],
        [known[id(item)] for item in items],
        lexicon_for(organization_id),
        trained_models(organization_id),
    )


def scores(judgement: Judgement) -> dict:
    return {
        "spam_score": judgement.spam_score,
        "abuse_score": judgement.abuse_score,
        "verdict": judgement.verdict,
        "signals": judgement.signals,
        "judged_at": timezone.now(),
    }


def held(verdict: str) -> bool:
    return verdict in Verdict.HELD_VERDICTS


def write_audit(
    action: str, judged: list[tuple[Item, Judgement]], verdicts_before: dict[int, str]
) -> None:
    handles = author_handles([item for item, _judgement in judged])
    insert_all(
        [
            AuditEntry.of_item(
                item,
                author_handle=handles.get(item.author_id, ""),
                actor_name=AuditEntry.TORGET,
                action=action,
                verdict_before=verdicts_before.get(item.pk, ""),
                verdict_after=judgement.verdict,
                reason=reason(judgement),
            )
            for item, judgement in judged
        ]
    )


def reason(judgement: Judgement) -> str:
    """The signals as "name (detail)", strongest first: what the log keeps of why."""
    ordered = sorted(judgement.signals, key=lambda signal: signal["weight"], reverse=True)
    named = [f"{s['name']} ({s['detail']})" if s.get("detail") else s["name"] for s in ordered]
    return "; ".join(named)


def author_handles(items: list[Item]) -> dict[int | None, str]:
    """Writers' handles as they are now, from the items' writers where they are at hand."""
    handles = {
        item.author_id: item.author.handle
        for item in items
        if Item.author.is_cached(item) and item.author is not None
    }
    missing = {item.author_id for item in items if item.author_id not in handles}
    if missing:
        found = Contact.objects.filter(organization_id=items[0].organization_id, pk__in=missing)
        handles |= dict(found.values_list("pk", "handle"))
    return handles
