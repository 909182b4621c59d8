"""The website's own comment field: what its embedded script sends for a new comment.

{"page": "https://…/article", "id": "…", "author": {"name", "handle"?}, "text", "created_at",
"in_reply_to"?}: comments on a page form that page's conversation. The field itself (its
endpoint, widget and moderation) is the comments app; a reply from the inbox is published there,
under the comment, in the organization's name.

Comments can be hidden (held), shown again and deleted (rejected). A writer cannot be blocked:
the field has no accounts, only the name and e-mail a visitor types, which anyone can type.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from torget.channels.connectors.base import Connector, Limits, RefusedError, Sent
from torget.channels.events import (
    Author,
    Event,
    Incoming,
    MalformedPayloadError,
    from_iso,
    required,
    text_of,
)


class WebsiteConnector(Connector):
    platform = "website"
    name = "Website comments"
    limits = Limits(text=4000, media=0, can_hide=True, can_delete=True, direct_messages=False)
    moderates = frozenset({"hide", "unhide", "delete"})
    holds_for_review = True
    refusals = {
        "block": _(
            "The comment field has no accounts to block: a writer is known only by the name "
            "and e-mail they type. Torget bans the writer here; if they keep coming back, let "
            "every comment on the site wait for review."
        ),
        "unblock": _(
            "The comment field has no accounts, so nobody is blocked there. Torget lifts the "
            "ban here."
        ),
    }

    def parse(self, payload: object) -> list[Event]:
        if isinstance(payload, list):
            return [event for entry in payload for event in self.parse(entry)]
        if not isinstance(payload, dict):
            raise MalformedPayloadError("expected a comment object or a list of them")
        author = required(payload, "author")
        name = text_of(author, "name").strip()
        if not name:
            raise MalformedPayloadError("author.name is empty")
        page, reply_to = text_of(payload, "page"), str(payload.get("in_reply_to") or "")
        return [
            Incoming(
                platform="website",
                kind="reply" if reply_to else "comment",
                external_id=text_of(payload, "id"),
                author=Author(handle=str(author.get("handle") or name), name=name),
                text=text_of(payload, "text"),
                received_at=from_iso(required(payload, "created_at")),
                thread=page,
                in_reply_to=reply_to or page,
            )
        ]

    def reply(self, channel: Any, item: Any, text: str, key: str) -> Sent:
        from torget.comments.actions.replying import CannotAnswerError, do_post_our_reply

        try:
            reply = do_post_our_reply(channel, item.external_id, text, key)
        except CannotAnswerError as error:
            raise RefusedError(str(error)) from None
        return Sent(str(reply.external_id), reply.url)

    def hide(self, channel: Any, external_id: str, hidden: bool = True) -> None:
        from torget.comments.actions.replying import CannotAnswerError, do_hide_on_site

        try:
            do_hide_on_site(channel, external_id, hidden)
        except CannotAnswerError as error:
            raise RefusedError(str(error)) from None

    def delete(self, channel: Any, external_id: str) -> None:
        from torget.comments.actions.replying import CannotAnswerError, do_remove_from_site

        try:
            do_remove_from_site(channel, external_id)
        except CannotAnswerError as error:
            raise RefusedError(str(error)) from None


connector = WebsiteConnector()
