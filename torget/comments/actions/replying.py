"""Our reply on the website: what the outbox delivers through the website connector."""

from django.db import transaction

from torget.channels.models import Channel
from torget.comments.checks import is_uuid
from torget.comments.markup import comment_html
from torget.comments.models import WebsiteComment


class CannotAnswerError(Exception):
    """The comment is not there to answer; the reply is kept in the inbox."""


@transaction.atomic
def do_post_our_reply(channel: Channel, answered: str, text: str, key: str) -> WebsiteComment:
    """Published under the comment in the organization's name, once per idempotency key: a
    delivery repeated after a crash finds the reply it made the first time."""
    comment = answered_comment(channel, answered)
    reply, _created = WebsiteComment.objects.get_or_create(
        channel=channel,
        idempotency_key=key,
        defaults={
            "organization_id": channel.organization_id,
            "page": comment.page,
            "in_reply_to": str(comment.external_id),
            "author_name": channel.organization.name[:100],
            "text": text,
            "text_html": comment_html(text),
            "ours": True,
            "state": WebsiteComment.State.PUBLISHED,
        },
    )
    return reply


def answered_comment(channel: Channel, answered: str) -> WebsiteComment:
    comment = None
    if is_uuid(answered):
        comment = WebsiteComment.objects.filter(channel=channel, external_id=answered).first()
    if comment is None:
        raise CannotAnswerError(f"no comment {answered} in this website's comment field")
    if comment.state == WebsiteComment.State.REJECTED:
        raise CannotAnswerError("the comment was rejected and is not on the website")
    return comment


def do_hide_on_site(channel: Channel, external_id: str, hidden: bool) -> None:
    """Hidden from the page (held, as a comment waiting for review is) or shown again; what
    the channel's hide action does on the website, as hiding does on Facebook."""
    comment = answered_comment(channel, external_id)
    comment.state = WebsiteComment.State.HELD if hidden else WebsiteComment.State.PUBLISHED
    comment.hold_reason = "hidden" if hidden else ""
    comment.save(update_fields=["state", "hold_reason"])


def do_remove_from_site(channel: Channel, external_id: str) -> None:
    """Gone from the page for good; kept here, rejected, as the record of what was said."""
    comment = answered_comment(channel, external_id)
    comment.state = WebsiteComment.State.REJECTED
    comment.save(update_fields=["state"])
