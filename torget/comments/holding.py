"""Whether a new comment is published at once or waits for a person to review it.

This is the one place that decision is made; the moderation app's spam and abuse verdicts will
join the rules here. The channel's setting "hold" chooses the rules:

- "all": every comment waits for review.
- "links" (the default): a comment with a BBCode link ([url=…] or [url]…[/url]) waits, since
  that is how spam robots write links; so does a comment with any other link (http://, www.,
  <a href>, mailto:) unless the same name has had a comment published on the same page before.
- "none": every comment is published at once.

The answer is a reason code (see models.REASONS), or "" to publish at once.
"""

import re

from torget.channels.models import Channel
from torget.comments.models import WebsiteComment

MODES = ("links", "all", "none")
DEFAULT_MODE = "links"
BBCODE_LINK = re.compile(r"\[url[=\]]", re.IGNORECASE)
LINK = re.compile(r"https?://|www\.|<a\s[^>]*href|mailto:", re.IGNORECASE)


def hold_mode(channel: Channel) -> str:
    mode = (channel.settings or {}).get("hold", DEFAULT_MODE)
    return mode if mode in MODES else DEFAULT_MODE


def hold_reason(channel: Channel, comment: WebsiteComment) -> str:
    mode = hold_mode(channel)
    if mode == "none":
        return ""
    if mode == "all":
        return "all"
    if BBCODE_LINK.search(comment.text):
        return "bbcode"
    if LINK.search(comment.text) and not seen_before(channel, comment):
        return "link"
    return ""


def seen_before(channel: Channel, comment: WebsiteComment) -> bool:
    return (
        WebsiteComment.objects.filter(
            channel=channel,
            page=comment.page,
            author_name__iexact=comment.author_name,
            state=WebsiteComment.State.PUBLISHED,
            ours=False,
        )
        .exclude(pk=comment.pk)
        .exists()
    )
