"""Reads of website comments: public ones by the widget's id, members' ones from a membership
(see orgs.queries)."""

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from torget.channels.models import Channel
from torget.comments.models import WebsiteComment
from torget.comments.sites import origins_of
from torget.orgs.models import Membership
from torget.orgs.queries import access, scoped

WIDGET_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
RECENTLY_REJECTED = 20


def get_widget_channel(widget_id: str) -> Channel | None:
    """The public widget id is the only key a visitor's browser has, as an invitation link is."""
    if not WIDGET_ID.fullmatch(widget_id):
        return None
    return (
        Channel.objects.filter(platform="website", is_active=True, settings__widget_id=widget_id)
        .select_related("organization")
        .first()
    )


def get_widget_for_site(origin: str) -> Channel | None:
    """Public, as above: the first comment field that allows the site `origin`."""
    channels = Channel.objects.filter(
        platform="website", is_active=True, settings__has_key="widget_id"
    ).order_by("pk")
    return next((channel for channel in channels if origin in origins_of(channel)), None)


def published_on(channel: Channel, page: str) -> QuerySet[WebsiteComment]:
    return WebsiteComment.objects.filter(
        channel=channel, page=page, state=WebsiteComment.State.PUBLISHED
    )


@dataclass
class Thread:
    comment: WebsiteComment
    replies: list[WebsiteComment] = field(default_factory=list)


def get_page_threads(channel: Channel, page: str) -> list[Thread]:
    """The page's comments, each with every answer below it (ours and visitors'), oldest
    first. One level deep, as the widget shows them; an answer to a comment not shown (held,
    rejected) is not shown either."""
    comments = list(published_on(channel, page).order_by("created_at", "pk"))
    by_id = {str(comment.external_id): comment for comment in comments}
    threads = {key: Thread(c) for key, c in by_id.items() if not c.in_reply_to}
    for comment in comments:
        root = root_of(comment, by_id)
        if root is not None and root is not comment:
            threads[str(root.external_id)].replies.append(comment)
    return list(threads.values())


def root_of(comment: WebsiteComment, by_id: dict[str, WebsiteComment]) -> WebsiteComment | None:
    for _step in range(len(by_id)):
        if not comment.in_reply_to:
            return comment
        if comment.in_reply_to not in by_id:
            return None
        comment = by_id[comment.in_reply_to]
    return None


def get_held_comments(member: Membership) -> QuerySet[WebsiteComment]:
    return (
        scoped(WebsiteComment, member)
        .filter(state=WebsiteComment.State.HELD)
        .select_related("channel")
        .order_by("created_at", "pk")
    )


def get_recently_rejected(member: Membership) -> list[WebsiteComment]:
    rejected = scoped(WebsiteComment, member).filter(state=WebsiteComment.State.REJECTED)
    return list(rejected.select_related("channel").order_by("-created_at")[:RECENTLY_REJECTED])


def access_comment(member: Membership, comment_id: object) -> WebsiteComment:
    return access(WebsiteComment, member, comment_id)


def get_website_channels(member: Membership) -> QuerySet[Channel]:
    return scoped(Channel, member).filter(platform="website").order_by("name")


def access_website_channel(member: Membership, channel_id: object) -> Channel:
    channel = access(Channel, member, channel_id)
    if channel.platform != "website":
        raise Http404("Not a website channel.")
    return channel
