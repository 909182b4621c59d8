"""Reads of moderation's verdicts, for the pages that show them."""

from torget.inbox.models import Item
from torget.moderation.models import Verdict
from torget.moderation.presenting import reasons


def get_verdict(item: Item) -> Verdict | None:
    """The item's verdict; items that arrived before moderation judged them have none."""
    return Verdict.objects.filter(item=item, organization_id=item.organization_id).first()


def verdict_context(item: Item) -> dict:
    verdict = get_verdict(item)
    return {"verdict": verdict, "reasons": reasons(verdict.signals) if verdict else []}
