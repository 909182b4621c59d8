"""Saved replies in the writer's own written standard, with their placeholders filled in."""

from torget.inbox.models import Item, SavedReply

# What each platform accepts in one reply; the reply box counts down from it.
CHANNEL_LIMITS = {"bluesky": 300, "mastodon": 500, "instagram": 2200, "facebook": 8000, "web": 4000}
DEFAULT_LIMIT = 8000


def limit_for(channel: str) -> int:
    return CHANNEL_LIMITS.get(channel, DEFAULT_LIMIT)


def text_for(saved: SavedReply, item: Item) -> str:
    """Public bodies answer nynorsk with nynorsk when a nynorsk version exists."""
    text = saved.text_nn if item.language == "nn" and saved.text_nn else saved.text_nb
    name = (item.author.name if item.author else "").split(" ")[0]
    return text.replace("{navn}", name).replace("{name}", name).strip()
