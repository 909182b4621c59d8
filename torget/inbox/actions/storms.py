from django.db import transaction

from torget.inbox.clock import on_duty_from
from torget.inbox.models import Alert, Conversation, Item
from torget.inbox.storm import is_storm


def root_post(conversation: Conversation) -> Item | None:
    return conversation.items.filter(ours=True, parent=None).order_by("received_at").first()


@transaction.atomic
def do_detect_storm(conversation: Conversation) -> bool:
    """Marks the conversation and alerts the team lead once, when its post draws a surge."""
    post = root_post(conversation)
    if post is None or conversation.storm_since is not None:
        return False
    comments = list(
        conversation.items.filter(ours=False).order_by("received_at").select_related("team__lead")
    )
    times = [comment.received_at for comment in comments]
    # Checked at every arrival, so a batch that delivers a whole weekend finds Friday's surge.
    started = next((t for t in times if is_storm(times, post.received_at, t)), None)
    if started is None:
        return False
    conversation.storm_since = started
    conversation.save(update_fields=["storm_since"])
    team = comments[-1].team
    if team is not None and team.lead is not None:
        Alert.objects.create(
            organization=conversation.organization,
            kind=Alert.Kind.STORM,
            item=comments[-1],
            recipient=team.lead,
            show_after=on_duty_from(team, times[-1]),
        )
    return True
