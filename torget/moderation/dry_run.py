"""What a rule would have done over the last 30 days, before anyone switches it on.

The number a moderator needs is how many of the items it would have acted on a person later
found fine (marked not spam, or approved): "it would have wrongly hidden 3". One query reads
the period's judged items with only the fields the rule asks about, streamed, whatever the
number of items; whether each was its writer's first is answered in the same query.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import Truncator

from torget.inbox.models import Item
from torget.moderation.autorules import Facts, facts_of, matches
from torget.moderation.models import AutoRule, Verdict
from torget.orgs.models import Membership
from torget.orgs.queries import scoped

DAYS = 30
SAMPLE_SIZE = 20
SHORT_TEXT = 140
FIELDS = (
    "item_id",
    "item__received_at",
    "item__text",
    "item__channel",
    "item__author_id",
    "item__author__name",
    "item__author__handle",
    "verdict",
    "spam_score",
    "abuse_score",
    "spam_label",
    "state",
    "has_earlier_item",
)


@dataclass(frozen=True)
class Example:
    item_id: int
    received_at: datetime
    text: str
    writer: str
    verdict: str
    later_found_fine: bool


@dataclass
class DryRun:
    rule: AutoRule
    since: datetime
    looked_at: int = 0
    acted_on: int = 0
    wrongly: int = 0
    per_verdict: Counter[str] = field(default_factory=Counter)
    sample: list[Example] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return AutoRule.Action(self.rule.action).label

    def verdict_counts(self) -> list[tuple[str, int]]:
        """(verdict name, count), in the order of the verdict kinds."""
        counts = self.per_verdict
        return [(kind.label, counts[kind]) for kind in Verdict.Kind if counts[kind]]


def get_dry_run(member: Membership, rule: AutoRule) -> DryRun:
    """`rule` may be saved or not; only its conditions and action are read."""
    now = timezone.now()
    run = DryRun(rule=rule, since=now - timedelta(days=DAYS))
    for row in judged_items(member, run.since).iterator(chunk_size=1000):
        run.looked_at += 1
        if matches(rule.conditions, facts_from(row)):
            count(run, row)
    return run


def judged_items(member: Membership, since: datetime):
    earlier = Item.objects.filter(
        organization_id=member.organization_id,
        author_id=OuterRef("item__author_id"),
        received_at__lt=OuterRef("item__received_at"),
    )
    return (
        scoped(Verdict, member)
        .filter(item__received_at__gte=since, item__ours=False)
        .annotate(has_earlier_item=Exists(earlier))
        .order_by("-item__received_at", "-item_id")
        .values(*FIELDS)
    )


def facts_from(row: dict) -> Facts:
    new_author = row["item__author_id"] is not None and not row["has_earlier_item"]
    return facts_of(
        row["verdict"],
        row["spam_score"],
        row["abuse_score"],
        row["item__text"],
        row["item__channel"],
        new_author,
    )


def count(run: DryRun, row: dict) -> None:
    found_fine = row["spam_label"] is False or row["state"] == Verdict.State.APPROVED
    run.acted_on += 1
    run.wrongly += found_fine
    run.per_verdict[row["verdict"]] += 1
    if len(run.sample) < SAMPLE_SIZE:
        run.sample.append(
            Example(
                item_id=row["item_id"],
                received_at=row["item__received_at"],
                text=Truncator(row["item__text"]).chars(SHORT_TEXT),
                writer=row["item__author__name"] or row["item__author__handle"] or "",
                verdict=Verdict.Kind(row["verdict"]).label,
                later_found_fine=found_fine,
            )
        )
