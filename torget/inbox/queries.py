"""Reads of the inbox, always from a membership (see orgs.queries)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import caches
from django.db.models import Case, Count, Q, QuerySet, Sum, When
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
    """The matching items in queue order, soonest due first; callers join what they show."""
    items = scoped(Item, member)
    if filters.status == "open" or filters.overdue:
        items = items.filter(needs_answer=1)
    elif filters.status in Status.values:
        items = items.filter(ours=False, status=filters.status)
    else:
        items = items.filter(ours=False)
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
        items = items.filter(due_at__lt=timezone.now())
    return items.order_by("due_at", "received_at", "id")


def access_item(member: Membership, item_id: object) -> Item:
    return access(Item, member, item_id)


def get_thread(item: Item) -> QuerySet[Item]:
    """The whole conversation the item belongs to, oldest first, with its authors."""
    return (
        Item.objects.filter(conversation_id=item.conversation_id)
        .select_related("author", "response_class")
        .prefetch_related("replies__author__user", "replies__outbound", "notes__author__user")
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


@dataclass(frozen=True)
class Storm:
    since: datetime
    waiting: int


def get_storms(member: Membership, since: datetime) -> list[Storm]:
    """Posts that drew a surge of comments recently, or whose comments still wait for an
    answer however long ago the surge began, with how many still need one."""
    open_items = Count("items", filter=Q(items__needs_answer=1))
    found = (
        scoped(Conversation, member)
        .exclude(storm_since=None)
        .annotate(waiting=open_items)
        .filter(Q(storm_since__gte=since) | Q(waiting__gt=0))
        .order_by("-storm_since")
        .values_list("storm_since", "waiting")
    )
    return [Storm(since, waiting) for since, waiting in found]


def get_similar_open_items(item: Item) -> list[Item]:
    """Open comments in the same conversation that say nearly the same as this one."""
    siblings = {
        other.pk: other
        for other in Item.objects.filter(
            conversation_id=item.conversation_id, needs_answer=1
        ).select_related("author")
    }
    for group in similar_groups({pk: other.text for pk, other in siblings.items()}):
        if item.pk in group:
            return [siblings[pk] for pk in group if pk != item.pk]
    return []


@dataclass(frozen=True)
class Census:
    """How many items need an answer, by team, class, language and channel, and how many of
    those are overdue: every count beside the inbox's filters, from one pass over an index."""

    rows: tuple[tuple[int | None, int | None, str, str, int, int], ...]
    storms: list[Storm]
    team_names: dict[int, str]
    class_names: dict[int, str]

    def count(self, filters: ItemFilters) -> tuple[int, int]:
        """(needing an answer, of which overdue) among items that match the filters."""
        wanted = (filters.team, filters.response_class, filters.language, filters.channel)
        total = overdue = 0
        for *keys, n, late in self.rows:
            if all(not want or want == key for want, key in zip(wanted, keys, strict=True)):
                total, overdue = total + n, overdue + late
        return total, overdue

    def by(self, position: int, names: dict[int, str]) -> list[tuple[int, str, int]]:
        counts: dict[int, int] = {}
        for row in self.rows:
            if row[position] is not None:
                counts[row[position]] = counts.get(row[position], 0) + row[4]
        return sorted((pk, names.get(pk, ""), n) for pk, n in counts.items())

    @property
    def teams(self) -> list[tuple[int, str, int]]:
        return self.by(0, self.team_names)

    @property
    def classes(self) -> list[tuple[int, str, int]]:
        return self.by(1, self.class_names)


# A storm's banner shows this long after the surge began, and after that while any of its
# comments still wait.
STORM_BANNER_FOR = timedelta(days=3)
# Counts and storm banners may lag the list by this much; the list itself is always read
# fresh. On a big inbox they are the costliest reads of the page, and twenty responders,
# whichever server process answers them, share one census.
CENSUS_SECONDS = 10


def census_key(organization_id: int) -> str:
    return f"inbox-census-with-storms:{organization_id}"


def get_census(member: Membership, teams: list[Team], classes: list[ResponseClass]) -> Census:
    rows, storms = caches["shared"].get(census_key(member.organization_id), (None, None))
    if rows is None:
        now = timezone.now()
        overdue = Sum(Case(When(due_at__lt=now, then=1), default=0))
        rows = tuple(
            scoped(Item, member)
            .filter(needs_answer=1)
            .values_list("team_id", "response_class_id", "language", "channel")
            .annotate(n=Count("*"), overdue=overdue)
            .order_by()
        )
        storms = get_storms(member, now - STORM_BANNER_FOR)
        caches["shared"].set(census_key(member.organization_id), (rows, storms), CENSUS_SECONDS)
    return Census(
        rows=rows,
        storms=storms,
        team_names={team.pk: team.name for team in teams},
        class_names={c.pk: c.name for c in classes},
    )


def forget_census(organization_id: int) -> None:
    """After a change made in this process, its next page shows fresh counts."""
    caches["shared"].delete(census_key(organization_id))
