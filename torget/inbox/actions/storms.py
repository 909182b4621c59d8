from datetime import datetime

from django.db import transaction
from django.db.models import Count

from torget.inbox.clock import on_duty_from
from torget.inbox.models import Alert, Conversation, Item
from torget.inbox.storm import WINDOW, storm_start


@transaction.atomic
def do_detect_storms(arrivals: dict[Conversation, datetime]) -> list[Conversation]:
    """Marks each conversation whose post draws a surge and alerts the team lead, once.

    `arrivals` gives each conversation the earliest time among the comments just received:
    only the hours from then on can have turned into a storm. Returns the conversations that a
    storm started in.
    """
    calm = [c for c in arrivals if c.storm_since is None]
    posts = first_posts(calm)
    candidates = {c: arrivals[c] for c in calm if c.pk in posts}
    history = comment_history(candidates)
    return [
        conversation
        for conversation, since in candidates.items()
        if start_storm(conversation, posts[conversation.pk], since, *history[conversation.pk])
    ]


def comment_history(arrivals: dict[Conversation, datetime]) -> dict[int, tuple[list, int]]:
    """For each conversation, the times of the citizens' comments from an hour (WINDOW) before
    its earliest new one, and how many came before that: two queries for the whole batch."""
    if not arrivals:
        return {}
    from_ = {c.pk: since - WINDOW for c, since in arrivals.items()}
    earliest = min(from_.values())
    comments = Item.objects.filter(conversation__in=list(arrivals), ours=False)
    counted = comments.filter(received_at__lte=earliest).values("conversation_id")
    before = dict(counted.annotate(n=Count("*")).values_list("conversation_id", "n").order_by())
    times: dict[int, list] = {pk: [] for pk in from_}
    for pk, at in (
        comments.filter(received_at__gt=earliest)
        .order_by("conversation_id", "received_at")
        .values_list("conversation_id", "received_at")
    ):
        if at > from_[pk]:
            times[pk].append(at)
        else:
            before[pk] = before.get(pk, 0) + 1
    return {pk: (times[pk], before.get(pk, 0)) for pk in from_}


def first_posts(conversations: list[Conversation]) -> dict[int, Item]:
    """Each conversation's own post, the first item of ours that answers nothing."""
    posts: dict[int, Item] = {}
    # Sought through the conversation's own index; "no parent" is checked here, since asking
    # the database for it made SQLite seek every parentless item instead.
    ours = Item.objects.filter(conversation__in=conversations, ours=True).order_by("-received_at")
    for post in ours.only("conversation_id", "received_at", "parent_id"):
        if post.parent_id is None:
            posts[post.conversation_id] = post
    return posts


def start_storm(
    conversation: Conversation, post: Item, since: datetime, times: list[datetime], before: int
) -> bool:
    comments = conversation.items.filter(ours=False)
    started = storm_start(times, post.received_at, checked_from=since, before=before)
    if started is None:
        return False
    conversation.storm_since = started
    conversation.save(update_fields=["storm_since"])
    latest = comments.select_related("team__lead").latest("received_at")
    team = latest.team
    if team is not None and team.lead is not None:
        Alert.objects.create(
            organization=conversation.organization,
            kind=Alert.Kind.STORM,
            item=latest,
            recipient=team.lead,
            show_after=on_duty_from(team, times[-1]),
        )
    return True
