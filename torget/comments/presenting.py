"""Comments as the widget receives them. Only what the page shows: never an e-mail address,
never a held or rejected comment, never anything about the visitor's address."""

from django.utils.translation import gettext as _

from torget.comments.models import WebsiteComment
from torget.comments.queries import Thread


def comment_json(comment: WebsiteComment) -> dict:
    return {
        "id": str(comment.external_id),
        "name": comment.author_name,
        # Safe to insert as HTML: made by comments.markup from what the visitor wrote.
        "html": comment.text_html,
        "created_at": comment.created_at.isoformat(),
        "ours": comment.ours,
        "in_reply_to": comment.in_reply_to,
    }


def thread_json(thread: Thread) -> dict:
    return comment_json(thread.comment) | {"replies": [comment_json(r) for r in thread.replies]}


def posted_json(comment: WebsiteComment) -> dict:
    """A robot's comment is answered as a held one: it learns nothing about why."""
    held = comment.state != WebsiteComment.State.PUBLISHED
    message = (
        _("Thank you! Your comment will be shown once it has been reviewed.")
        if held
        else _("Thank you! Your comment is published.")
    )
    return {"comment": comment_json(comment), "held": held, "message": message}
