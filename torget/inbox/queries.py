"""Reads of the inbox, always from a membership (see orgs.queries)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from torget.inbox.models import (
    Alert,
    Conversation,
    Department,
    HandOff,
    Item,
    ResponseClass,
    SavedReply,
    Status,
)
from torget.inbox.storm import similar_groups
from torget.orgs.models import Membership, Team
from torget.orgs.queries import access, scoped

OPEN_STATUSES = (Status.OPEN, Status.WAITING)


@dataclass(frozen=True)
class ItemFilters:
    status: str = "open"  # "open" (open or waiting), a single status, or "all"
    team: int | None = None
    response_class: int | None = None
    channel: str = ""
    language: str = ""
    mine: bool = False
    overdue: bool = False


def get_items(member: Membership, filters: ItemFilters) -> QuerySet[Item]:
    items = scoped(Item, member).filter(ours=False)
    if filters.status == "open":
        items = items.filter(status__in=OPEN_STATUSES)
    elif filters.status in Status.values:
        items = items.filter(status=filters.status)
    for field, value in (
        ("team_id", filters.team),
        ("response_class_id", filters.response_class),
        ("channel", filters.channel),
        ("language", filters.language),
    ):
        if value:
            items = items.filter(**{field: value})
    if filters.mine:
        items = items.filter(assigned_to=member)
    if filters.overdue:
        items = items.filter(due_at__lt=timezone.now(), status__in=OPEN_STATUSES)
    return items.select_related("author", "response_class", "team", "assigned_to__user")


def access_item(member: Membership, item_id: object) -> Item:
    return access(Item, member, item_id)


def get_thread(item: Item) -> QuerySet[Item]:
    """The whole conversation the item belongs to, oldest first, with its authors."""
    return (
        Item.objects.filter(conversation_id=item.conversation_id)
        .select_related("author", "response_class")
        .prefetch_related("replies__author__user")
        .order_by("received_at", "id")
    )


def get_earlier_items_from_author(item: Item, limit: int = 10) -> QuerySet[Item]:
    return (
        Item.objects.filter(author_id=item.author_id)
        .exclude(conversation_id=item.conversation_id)
        .order_by("-received_at")[:limit]
    )


def get_response_classes(member: Membership) -> QuerySet[ResponseClass]:
    return scoped(ResponseClass, member)


def get_saved_replies(member: Membership) -> QuerySet[SavedReply]:
    return scoped(SavedReply, member)


def get_alerts(member: Membership):
    """Alerts for this person that are due to be shown (held back while their team is off duty)."""
    return (
        scoped(Alert, member)
        .filter(recipient=member, read_at=None, show_after__lte=timezone.now())
        .select_related("item__author")[:50]
    )


def get_open_handoffs(member: Membership):
    return (
        scoped(HandOff, member)
        .exclude(state__in=[HandOff.State.DONE, HandOff.State.DECLINED])
        .select_related("department", "item__author", "created_by__user")
        .order_by("department__name", "created_at")
    )


def get_departments(member: Membership):
    return scoped(Department, member)


def get_storms(member: Membership, since):
    """Posts that drew a surge of comments recently, with how many still need an answer."""
    open_items = Count("items", filter=Q(items__status__in=OPEN_STATUSES, items__ours=False))
    return (
        scoped(Conversation, member)
        .filter(storm_since__gte=since)
        .annotate(waiting=open_items)
        .order_by("-storm_since")
    )


def get_similar_open_items(item: Item) -> list[Item]:
    """Open comments in the same conversation that say nearly the same as this one."""
    siblings = {
        other.pk: other
        for other in Item.objects.filter(
            conversation_id=item.conversation_id, status__in=OPEN_STATUSES, ours=False
        )
    }
    for group in similar_groups({pk: other.text for pk, other in siblings.items()}):
        if item.pk in group:
            return [siblings[pk] for pk in group if pk != item.pk]
    return []


def get_queue_counts(member: Membership) -> dict[str, list[tuple[int, str, int]]]:
    """Open items per team and per class, for the counts beside the inbox's filters."""
    open_items = scoped(Item, member).filter(ours=False, status__in=OPEN_STATUSES)
    by_team = open_items.values_list("team_id").annotate(n=Count("id"))
    by_class = open_items.values_list("response_class_id").annotate(n=Count("id"))
    team_names = dict(scoped(Team, member).values_list("pk", "name"))
    class_names = {c.pk: c.name for c in get_response_classes(member)}
    return {
        "teams": sorted((pk, team_names.get(pk, ""), n) for pk, n in by_team if pk),
        "classes": sorted((pk, class_names.get(pk, ""), n) for pk, n in by_class if pk),
    }
