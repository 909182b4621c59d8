"""Whether a new comment is published at once or waits for a person to review it.

This is the one place that decision is made; the moderation app's spam and abuse verdicts will
join the rules here. The channel's setting "hold" chooses the rules:

- "all": every comment waits for review.
- "links" (the default): a comment with a link waits: a BBCode link ([url=…] or [url]…[/url]),
  as spam robots write them, or any other (http://, www., <a href>, mailto:). A name cannot
  vouch for a writer (anyone can type any name, and names are shown), so none is exempt.
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
    if LINK.search(comment.text):
        return "link"
    return ""
