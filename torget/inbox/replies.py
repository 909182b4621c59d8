"""Saved replies in the writer's own written standard, with their placeholders filled in."""

from torget.channels.connectors import connector_for, connectors
from torget.channels.models import Channel
from torget.inbox.models import Item, SavedReply

# For items of a channel not connected (imported, or sent in through the API).
DEFAULT_LIMIT = 8000


def limit_for(item: Item) -> int:
    """What the item's platform accepts in one reply, as its connector declares; the reply
    box counts down from it, leaving room for what the platform's reply puts before the text
    (naming the writer on Mastodon). An item on a channel not connected whose key names a platform
    (imported as "bluesky", say) counts as that platform's."""
    platform = (
        Channel.objects.filter(organization_id=item.organization_id, key=item.channel)
        .values_list("platform", flat=True)
        .first()
    ) or (item.channel if item.channel in connectors() else None)
    if not platform:
        return DEFAULT_LIMIT
    connector = connector_for(platform)
    return connector.limits.text - connector.prefix_room(item)


def text_for(saved: SavedReply, item: Item) -> str:
    """Public bodies answer nynorsk with nynorsk when a nynorsk version exists."""
    text = saved.text_nn if item.language == "nn" and saved.text_nn else saved.text_nb
    name = (item.author.name if item.author else "").split(" ")[0]
    return text.replace("{navn}", name).replace("{name}", name).strip()
