"""Reads of moderation's verdicts, for the pages that show them."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from torget.channels.models import Outbound
from torget.inbox.models import Item
from torget.moderation.models import Explanation, Standing, Verdict
from torget.moderation.presenting import reasons
from torget.orgs.models import Membership
from torget.orgs.queries import scoped


def get_verdict(item: Item) -> Verdict | None:
    """The item's verdict; items that arrived before moderation judged them have none."""
    return Verdict.objects.filter(item=item, organization_id=item.organization_id).first()


def verdict_context(item: Item) -> dict:
    verdict = get_verdict(item)
    standing = (
        Standing.objects.filter(
            organization_id=item.organization_id, contact_id=item.author_id
        ).first()
        if item.author_id
        else None
    )
    return {
        "verdict": verdict,
        "reasons": reasons(verdict.signals) if verdict else [],
        "standing": standing,
        "explanations": Explanation.objects.filter(organization_id=item.organization_id),
        "steps": platform_steps(item),
    }


def platform_steps(item: Item) -> list[Outbound]:
    """The moderation steps asked of the platform for this item, newest first."""
    return list(
        Outbound.objects.filter(
            organization_id=item.organization_id, audit_entry__item_id=item.pk
        ).order_by("-created_at", "-pk")
    )


def held_items(member: Membership) -> QuerySet[Item]:
    """What waits for a moderator: threats first, then the longest waiting."""
    threat_first = Case(
        When(verdict__verdict=Verdict.Kind.THREAT, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        scoped(Item, member)
        .filter(verdict__state=Verdict.State.HELD)
        .select_related("verdict", "author")
        .order_by(threat_first, "received_at", "pk")
    )
