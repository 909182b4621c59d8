"""Instagram professional accounts through the Graph API: comment webhooks and Instagram Direct.

A POST body {"object": "instagram", "entry": [{"id": account, "time", "changes": [{"field":
"comments", "value": {"id", "text", "from": {"id", "username"}, "media": {"id"},
"parent_id"?}}], "messaging": [...]}]}; Direct messages share Messenger's shape.
"""

from datetime import UTC, datetime

from django.utils.translation import gettext_lazy as _

from torget.channels.connectors.base import Connector, Limits, Metrics, Sent
from torget.channels.connectors.facebook import FacebookConnector, call, graph_for, insight
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
    # Comments on the account's media can be hidden and deleted; the API has no block.
    moderates = frozenset({"hide", "unhide", "delete"})
    refusals = {
        "block": _(
            "Instagram does not let apps block an account. Torget bans the writer here; you "
            "can block or restrict them in the Instagram app."
        ),
        "unblock": _(
            "Instagram does not let apps block an account, so Torget blocked no one there. "
            "Torget lifts the ban here; a block or restriction made in the Instagram app is "
            "lifted there."
        ),
    }
    object_type = "instagram"
    hide_field = "hide"
    # Facebook's sign-in gives a page, not the Instagram account behind it (nor its scopes):
    # an Instagram account is connected with its fields until that is read too.
    signs_in = False  # type: ignore[assignment]

    def reply(self, channel, item, text: str, key: str) -> Sent:
        """Instagram threads one level deep: an answer to a reply goes under the comment it
        replied to, naming its writer. Like Facebook it takes no idempotency key, so the
        account's own identical answer already there (a lost attempt) is not posted again."""
        if item.kind == "message":
            return self.send_message(channel, item.author.handle, text, key)
        with graph_for(channel) as graph:
            under = item.in_reply_to if item.kind == "reply" else item.external_id
            mention = self.reply_prefix(item)
            if mention and mention.strip() not in text:
                text = mention + text
            earlier = earlier_reply(graph, under, str(channel.settings.get("account", "")), text)
            if earlier:
                return Sent(earlier)
            answer = call(graph, "POST", f"/{under}/replies", data={"message": text})
            return Sent(str(answer["id"]))

    def block(self, channel, author_handle: str) -> None:
        """Not the page's block: Instagram's API has none, so it is refused."""
        Connector.block(self, channel, author_handle)

    def unblock(self, channel, author_handle: str) -> None:
        """Refused as the block is: not the page's."""
        Connector.unblock(self, channel, author_handle)

    def reply_prefix(self, item) -> str:
        name = item.author.name if item.author_id else ""
        return f"@{name} " if item.kind == "reply" and name else ""

    def metrics(self, channel, external_id: str = "") -> Metrics:
        with graph_for(channel) as graph:
            if not external_id:
                account = channel.settings.get("account")
                found = call(graph, "GET", f"/{account}", params={"fields": "followers_count"})
                return Metrics(followers=found.get("followers_count"))
            fields = {"fields": "like_count,comments_count"}
            media = call(graph, "GET", f"/{external_id}", params=fields)
            return Metrics(
                reactions=media.get("like_count"),
                replies=media.get("comments_count"),
                reach=insight(graph, external_id, "reach"),
            )

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


def earlier_reply(graph, comment_id: str, account: str, text: str) -> str:
    fields = {"fields": "id,text,from", "limit": 50}
    found = call(graph, "GET", f"/{comment_id}/replies", params=fields).get("data") or []
    for reply in found:
        if str((reply.get("from") or {}).get("id")) == account and reply.get("text") == text:
            return str(reply["id"])
    return ""


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
