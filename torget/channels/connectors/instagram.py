"""Instagram professional accounts through the Graph API: comment webhooks and Instagram Direct.

A POST body {"object": "instagram", "entry": [{"id": account, "time", "changes": [{"field":
"comments", "value": {"id", "text", "from": {"id", "username"}, "media": {"id"},
"parent_id"?}}], "messaging": [...]}]}; Direct messages share Messenger's shape.
"""

from datetime import UTC, datetime

from torget.channels.connectors.base import Limits, RefusedError, Sent
from torget.channels.connectors.facebook import FacebookConnector
from torget.channels.events import (
    Author,
    Event,
    Ignored,
    Incoming,
    MalformedPayloadError,
    from_iso,
    from_unix,
    required,
    text_of,
)


class InstagramConnector(FacebookConnector):
    platform = "instagram"
    name = "Instagram"
    # Captions and comments take 2,200 characters; comments can be hidden and deleted.
    limits = Limits(text=2200, media=10, can_hide=True, can_delete=True, direct_messages=True)
    object_type = "instagram"

    def reply(self, channel, item, text: str, key: str) -> Sent:
        raise RefusedError("Torget cannot yet reply on Instagram; the reply is kept.")

    def change(self, account: str, change: dict) -> list[Event]:
        field, value = required(change, "field"), required(change, "value")
        if not isinstance(value, dict):
            raise MalformedPayloadError(f"changes.value of {field!r} must be an object")
        if field in ("comments", "live_comments"):
            return [comment(account, value)]
        if field == "mentions":
            # Only ids arrive; the caption or comment is read from the API with them.
            return [
                Ignored(
                    "a mention of the account: Instagram sends only its ids, the text is read "
                    "through the account's connection",
                    {"media_id": value.get("media_id"), "comment_id": value.get("comment_id")},
                )
            ]
        return [Ignored(f"a change to the account's {field!r}, not a conversation")]


def comment(account: str, value: dict) -> Event:
    author = required(value, "from")
    handle = text_of(author, "id")
    media = text_of(value, "media", "id")
    parent = str(value.get("parent_id") or media)
    created = value.get("created_time") or value.get("timestamp")
    return Incoming(
        platform="instagram",
        kind="comment" if parent == media else "reply",
        external_id=text_of(value, "id"),
        author=Author(handle=handle, name=str(author.get("username") or "")),
        text=text_of(value, "text"),
        received_at=when(created),
        thread=media,
        in_reply_to=parent,
        ours=handle == account,
    )


def when(created: object) -> datetime:
    """Comment webhooks carry no time of their own in some versions; they arrive at once."""
    if created is None:
        return datetime.now(UTC)
    if isinstance(created, str) and not created.isdigit():
        return from_iso(created)
    return from_unix(created)


connector = InstagramConnector()
