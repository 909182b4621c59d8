"""A visitor's comment: stored, held or published, and sent on to the inbox.

The comment is kept twice on purpose: as a WebsiteComment, which the widget shows, and as the
body the website connector reads (channels.actions.receiving), so it reaches the inbox the way
every platform's comments do, read by the worker with nothing lost if the worker is down.
"""

import json

from django.db import transaction

from torget.channels.actions.receiving import keep, schedule_reading
from torget.channels.models import Channel, WebhookDelivery
from torget.comments.checks import CommentIn
from torget.comments.holding import hold_reason
from torget.comments.limits import count_comment, seconds_to_wait
from torget.comments.markup import comment_html
from torget.comments.models import WebsiteComment


class TooManyCommentsError(Exception):
    def __init__(self, seconds: int):
        super().__init__(f"too many comments from one address; wait {seconds} s")
        self.seconds = seconds


@transaction.atomic
def do_post_comment(channel: Channel, given: CommentIn, address: str) -> WebsiteComment:
    """A robot's comment (the hidden field filled in) is kept as rejected, on record but
    never shown nor sent to the inbox."""
    wait = seconds_to_wait(channel, address)
    if wait:
        raise TooManyCommentsError(wait)
    comment = WebsiteComment(
        organization_id=channel.organization_id,
        channel=channel,
        page=given.page,
        author_name=given.name,
        author_email=given.email,
        text=given.text,
        text_html=comment_html(given.text),
        in_reply_to=given.in_reply_to,
    )
    comment.hold_reason = "honeypot" if given.honeypot else hold_reason(channel, comment)
    comment.state = state_for(comment.hold_reason)
    comment.save()
    count_comment(channel, address)
    if comment.state != WebsiteComment.State.REJECTED:
        send_to_inbox(comment)
    return comment


def state_for(reason: str) -> str:
    if reason == "honeypot":
        return WebsiteComment.State.REJECTED
    return WebsiteComment.State.HELD if reason else WebsiteComment.State.PUBLISHED


def send_to_inbox(comment: WebsiteComment) -> None:
    comment.delivery = keep(comment.channel, inbox_body(comment), WebhookDelivery.Via.WIDGET)
    comment.save(update_fields=["delivery"])
    channel_id = comment.channel_id
    transaction.on_commit(lambda: schedule_reading(channel_id))


def inbox_body(comment: WebsiteComment) -> bytes:
    """The comment as the website connector reads it (channels.connectors.website)."""
    author = {"name": comment.author_name}
    if comment.author_email:
        author["handle"] = comment.author_email
    body = {
        "page": comment.page,
        "id": str(comment.external_id),
        "author": author,
        "text": comment.text,
        "created_at": comment.created_at.isoformat(),
    }
    if comment.in_reply_to:
        body["in_reply_to"] = comment.in_reply_to
    return json.dumps(body, ensure_ascii=False).encode()
