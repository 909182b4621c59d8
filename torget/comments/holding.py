"""Whether a new comment is published at once or waits for a person to review it.

This is the one place that decision is made. The channel's setting "hold" chooses the rules:

- "all": every comment waits for review.
- "links" (the default): a comment with a link waits: a BBCode link ([url=…] or [url]…[/url]),
  as spam robots write them, or any other (http://, www., <a href>, mailto:). A name cannot
  vouch for a writer (anyone can type any name, and names are shown), so none is exempt.
- "none": every comment is published at once.

Whatever the mode, a restricted or banned writer's comment waits. Under "links" a comment also
waits when moderation would not let it stand (a verdict other than clean, in the
organization's own lexicon): on the site, a comment is read before the inbox has judged it.

The answer is a reason code (see models.REASONS), or "" to publish at once.
"""

import re

from torget.channels.models import Channel
from torget.comments.models import WebsiteComment
from torget.moderation.actions.learning import trained_models
from torget.moderation.lexicon import lexicon_for
from torget.moderation.models import Standing, Verdict
from torget.moderation.spam_signals import History
from torget.moderation.verdicts import judge_all

MODES = ("links", "all", "none")
DEFAULT_MODE = "links"
BBCODE_LINK = re.compile(r"\[url[=\]]", re.IGNORECASE)
LINK = re.compile(r"https?://|www\.|<a\s[^>]*href|mailto:", re.IGNORECASE)


def hold_mode(channel: Channel) -> str:
    mode = (channel.settings or {}).get("hold", DEFAULT_MODE)
    return mode if mode in MODES else DEFAULT_MODE


def hold_reason(channel: Channel, comment: WebsiteComment) -> str:
    if writer_standing(channel, comment):
        return "writer"
    mode = hold_mode(channel)
    if mode == "none":
        return ""
    if mode == "all":
        return "all"
    if BBCODE_LINK.search(comment.text):
        return "bbcode"
    if LINK.search(comment.text):
        return "link"
    if not passes_moderation(channel.organization_id, comment.text):
        return "verdict"
    return ""


def writer_standing(channel: Channel, comment: WebsiteComment) -> str:
    handle = comment.author_email or comment.author_name
    standing = Standing.objects.filter(
        organization_id=channel.organization_id,
        contact__channel=channel.key,
        contact__handle=handle,
    ).first()
    return standing.kind if standing else ""


def passes_moderation(organization_id: int, text: str) -> bool:
    models = trained_models(organization_id)
    (judgement,) = judge_all([text], [History()], lexicon_for(organization_id), models)
    return judgement.verdict == Verdict.Kind.CLEAN
