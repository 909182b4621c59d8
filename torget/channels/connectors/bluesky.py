"""Bluesky (AT Protocol): Jetstream events, notifications and thread views.

Posts are `app.bsky.feed.post` records: {"text", "createdAt", "reply": {"root": {"uri"},
"parent": {"uri"}}?, "facets"?}. They arrive as Jetstream commits ({"did", "time_us", "kind":
"commit", "commit": {"operation", "collection", "rkey", "record"}}), as notifications from
app.bsky.notification.listNotifications ({"uri", "author", "reason", "record"}), or inside
post views and threads from app.bsky.feed.getPostThread. A post is known by its at:// URI.

Moderating, the account can block a writer (an app.bsky.graph.block record naming their DID in
its own repository) and lift the block (deleting that record), but not delete anyone else's
post.
"""

import json
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from atproto import AtUri, Client, models
from atproto_client.exceptions import (
    AtProtocolError,
    BadRequestError,
    InvokeTimeoutError,
    NetworkError,
    RateLimitExceededError,
    RequestException,
    UnauthorizedError,
)
from django.utils.translation import gettext_lazy as _

from torget.channels.connectors.base import (
    Connector,
    Fetched,
    Limits,
    Metrics,
    RefusedError,
    RetryLaterError,
    Sent,
)
from torget.channels.events import (
    Author,
    Event,
    Ignored,
    Incoming,
    MalformedPayloadError,
    Removed,
    from_iso,
    from_unix,
    required,
    text_of,
)
from torget.channels.servers import check_public_url

POST = "app.bsky.feed.post"
QUIET_COLLECTIONS = {
    "app.bsky.feed.like": "a like: counted in metrics, nothing to answer",
    "app.bsky.feed.repost": "a repost: counted in metrics, nothing to answer",
    "app.bsky.graph.follow": "a follow",
    "app.bsky.graph.block": "a block",
    "app.bsky.graph.listitem": "a list membership",
    "app.bsky.actor.profile": "a profile update",
    "app.bsky.actor.status": "a status update",
    "app.bsky.feed.threadgate": "who may reply to a thread",
    "app.bsky.feed.postgate": "who may quote a post",
}
QUIET_REASONS = {
    "like": "a like: counted in metrics, nothing to answer",
    "repost": "a repost: counted in metrics, nothing to answer",
    "follow": "a new follower",
    "starterpack-joined": "someone joined through a starter pack",
    "verified": "the account was verified",
    "unverified": "the account's verification was removed",
    "like-via-repost": "a like through a repost",
    "repost-via-repost": "a repost of a repost",
    "subscribed-post": "a post by an account we follow the posts of",
}
ADDRESSED = {"mention": "mention", "reply": "reply", "quote": "mention"}
PAGE = 50
# Notifications come newest first; one fetch walks back at most this far to the cursor.
PAGES_BACK = 10


class BlueskyConnector(Connector):
    platform = "bluesky"
    name = "Bluesky"
    # 300 graphemes per post; the author can delete only their own posts. Hiding a reply is
    # a threadgate on the account's own thread, which Torget does not write yet.
    limits = Limits(text=300, media=4, can_hide=False, can_delete=False, direct_messages=True)
    moderates = frozenset({"block", "unblock"})
    refusals = {
        "hide": _(
            "Torget cannot hide others' posts on Bluesky. Torget hides it here; in the Bluesky "
            "app you can hide a reply under your own post, or report it."
        ),
        "delete": _(
            "Bluesky does not let an account delete others' posts. Torget hides it here; you "
            "can report it to Bluesky's moderators."
        ),
    }
    polls = True
    offers_context = True

    def verify(self, channel) -> str:
        try:
            signed_in(channel, fresh=True)
        except UnauthorizedError:
            raise RefusedError("Bluesky refused the handle and app password") from None
        except (NetworkError, InvokeTimeoutError, RequestException) as error:
            raise RefusedError(f"Bluesky could not be asked: {error}") from None
        return str(channel.settings.get("account", ""))

    def fetch(self, channel, cursor: str) -> Fetched:
        """Mentions, replies and quotes indexed since the cursor (the newest `indexedAt` seen).
        Bluesky pages from the newest back, so a fetch walks back until it reaches the cursor;
        a notification indexed in the cursor's own millisecond is fetched again rather than
        risked, and the inbox keeps it once. A walk longer than one fetch (a burst, a worker
        stopped for hours) keeps where it got to in the cursor and goes on from there."""
        walk = Walk.from_cursor(cursor)
        bodies: list[bytes] = []
        with spoken_to("fetch"):
            client = signed_in(channel).client
            for _page in range(PAGES_BACK if walk.since else 1):
                page = client.app.bsky.notification.list_notifications(
                    {"limit": PAGE, "cursor": walk.resume, "reasons": sorted(ADDRESSED)}
                )
                wire = page.model_dump(mode="json", by_alias=True, exclude_none=True)
                fresh = [n for n in wire["notifications"] if not_before(n["indexedAt"], walk.since)]
                if fresh:
                    bodies.append(json.dumps({"notifications": fresh}).encode())
                    walk.saw(n["indexedAt"] for n in fresh)
                walk.resume = page.cursor
                if len(fresh) < len(wire["notifications"]) or not page.cursor or not walk.since:
                    return Fetched(bodies, walk.newest)
        return Fetched(bodies, walk.unfinished(), more=True)

    def reply(self, channel, item, text: str, key: str) -> Sent:
        """A post in reply, with root and parent references and facets; an identical reply
        of ours already under the post (a lost earlier attempt) is not posted again."""
        with spoken_to("reply"):
            return answer(signed_in(channel), item.external_id, text, item.language)

    def context(self, channel, external_id: str) -> list[Event]:
        with spoken_to("conversation"):
            client = signed_in(channel).client
            found = client.get_post_thread(external_id, depth=10, parent_height=50)
        return self.parse(found.model_dump(mode="json", by_alias=True, exclude_none=True))

    def send_message(self, channel, to: str, text: str, key: str) -> Sent:
        """A chat message through Bluesky's chat service, in the conversation with `to`."""
        with spoken_to("message"):
            account = signed_in(channel)
            chat = account.client.with_bsky_chat_proxy().chat.bsky.convo
            member = to if to.startswith("did:") else account.client.resolve_handle(to).did
            convo = chat.get_convo_for_members({"members": [member]}).convo
            sent = chat.send_message({"convo_id": convo.id, "message": {"text": text}})
        return Sent(f"{convo.id}/{sent.id}")

    def delete(self, channel, external_id: str) -> None:
        """Only the account's own posts; others' replies are hidden with a threadgate."""
        with spoken_to("deletion"):
            signed_in(channel).client.delete_post(external_id)

    def block(self, channel, author_handle: str) -> None:
        """A block record in the account's repository. Each record is a block of its own, so
        a writer already blocked (an earlier attempt went through) gets no second one."""
        with spoken_to("block"):
            account = signed_in(channel)
            client = account.client
            did = did_of(client, author_handle)
            viewer = client.get_profile(did).viewer
            if viewer and viewer.blocking:
                return
            record = models.AppBskyGraphBlock.Record(
                subject=did, created_at=client.get_current_time_iso()
            )
            client.app.bsky.graph.block.create(account.did, record)

    def unblock(self, channel, author_handle: str) -> None:
        """Every block record of the account's that names the writer, deleted: one made in the
        Bluesky app counts too. A writer not blocked (an earlier attempt went through) is left
        as is."""
        with spoken_to("unblock"):
            account = signed_in(channel)
            did = did_of(account.client, author_handle)
            for rkey in block_records(account, did):
                account.client.app.bsky.graph.block.delete(account.did, rkey)

    def metrics(self, channel, external_id: str = "") -> Metrics:
        with spoken_to("count"):
            client = signed_in(channel).client
            if not external_id:
                profile = client.get_profile(channel.settings.get("account"))
                return Metrics(followers=profile.followers_count)
            posts = client.get_posts([external_id]).posts
        if not posts:
            raise RefusedError("the post is gone")
        post = posts[0]
        return Metrics(
            reactions=post.like_count,
            shares=(post.repost_count or 0) + (post.quote_count or 0),
            replies=post.reply_count,
        )

    def read_raw(self, body: bytes) -> list[Event]:
        """One JSON document, or Jetstream's JSON lines as read from a socket log."""
        try:
            return super().read_raw(body)
        except MalformedPayloadError:
            lines = [line for line in body.splitlines() if line.strip()]
            if len(lines) < 2:
                raise
        events: list[Event] = []
        for number, line in enumerate(lines, start=1):
            try:
                events += super().read_raw(line)
            except MalformedPayloadError as error:
                raise MalformedPayloadError(f"line {number}: {error}") from None
        return events

    def parse(self, payload: object) -> list[Event]:
        if isinstance(payload, list):
            return [event for entry in payload for event in self.parse(entry)]
        if not isinstance(payload, dict):
            raise MalformedPayloadError("expected a JSON object or a list of them")
        if "did" in payload and "time_us" in payload and "kind" in payload:
            return jetstream(payload)
        if "notifications" in payload:
            return self.parse(required(payload, "notifications"))
        if "reason" in payload and "record" in payload:
            return [notification(payload)]
        if "thread" in payload:
            return thread(required(payload, "thread"))
        if "post" in payload and isinstance(payload["post"], dict):
            return thread(payload)
        if "uri" in payload and "record" in payload and "author" in payload:
            return [post_view(payload)]
        if "error" in payload:
            return [Ignored(f"an error response: {payload['error']}: {payload.get('message', '')}")]
        return [Ignored("a Bluesky object with " + ", ".join(sorted(payload)[:5]))]


def jetstream(event: dict) -> list[Event]:
    kind = required(event, "kind")
    if kind != "commit":
        return [Ignored(f"an {kind!r} event about the account, not a post")]
    commit, did = required(event, "commit"), text_of(event, "did")
    collection, operation = required(commit, "collection"), required(commit, "operation")
    if collection != POST:
        quiet = QUIET_COLLECTIONS.get(collection, f"a record in {collection!r}")
        return [Ignored(quiet, {"operation": operation})]
    uri = f"at://{did}/{POST}/{text_of(commit, 'rkey')}"
    if operation == "delete":
        return [Removed("bluesky", uri)]
    if operation not in ("create", "update"):
        raise MalformedPayloadError(f"unknown commit operation {operation!r}")
    record = required(commit, "record")
    arrived = from_unix(required(event, "time_us") / 1_000_000)
    return [post(uri, Author(handle=did), record, arrived, edited=operation == "update")]


def notification(entry: dict) -> Event:
    reason = required(entry, "reason")
    if reason not in ADDRESSED:
        return Ignored(QUIET_REASONS.get(reason, f"a {reason!r} notification"))
    uri = text_of(entry, "uri")
    arrived = from_iso(entry.get("indexedAt") or required(entry, "record", "createdAt"))
    record, author = required(entry, "record"), author_of(required(entry, "author"))
    return post(uri, author, record, arrived, addressed=ADDRESSED[reason] == "mention")


def thread(view: dict) -> list[Event]:
    """A thread view: the post, its parents up the chain and its replies down the tree."""
    if "post" not in view:
        return [Ignored(f"a thread entry of type {view.get('$type', 'unknown')!r}")]
    events: list[Event] = [post_view(required(view, "post"))]
    if isinstance(view.get("parent"), dict):
        events += thread(view["parent"])
    for reply in view.get("replies") or []:
        events += thread(reply)
    return events


def post_view(view: dict) -> Incoming:
    arrived = from_iso(view.get("indexedAt") or required(view, "record", "createdAt"))
    return post(text_of(view, "uri"), author_of(required(view, "author")), view["record"], arrived)


def author_of(author: dict) -> Author:
    handle = str(author.get("handle") or text_of(author, "did"))
    return Author(
        handle=handle,
        name=str(author.get("displayName") or ""),
        url=f"https://bsky.app/profile/{handle}",
    )


def post(
    uri: str, author: Author, record: dict, arrived, edited: bool = False, addressed: bool = False
) -> Incoming:
    """`addressed`: the platform says the post mentions or quotes the account."""
    if not isinstance(record, dict) or record.get("$type", POST) != POST:
        raise MalformedPayloadError(f"{uri} is not an {POST} record")
    reply = record.get("reply") or {}
    parent = str((reply.get("parent") or {}).get("uri") or "")
    root = str((reply.get("root") or {}).get("uri") or parent)
    if parent:
        kind = "comment" if parent == root else "reply"
    else:
        kind = "mention" if addressed or mentions_someone(record) else "post"
    return Incoming(
        platform="bluesky",
        kind=kind,
        external_id=uri,
        author=author,
        text=str(record.get("text") or ""),
        received_at=from_iso(record["createdAt"]) if record.get("createdAt") else arrived,
        thread=root or uri,
        in_reply_to=parent,
        edited=edited,
    )


def mentions_someone(record: dict) -> bool:
    return any(
        feature.get("$type") == "app.bsky.richtext.facet#mention"
        for facet in record.get("facets") or []
        for feature in facet.get("features") or []
    )


@dataclass
class Walk:
    """A walk back through the notifications: from the newest, until `since` is reached."""

    since: str
    newest: str
    resume: str | None = None  # the page to go on from, when one fetch did not reach `since`

    @classmethod
    def from_cursor(cls, cursor: str) -> "Walk":
        if cursor.startswith("{"):
            kept = json.loads(cursor)
            return cls(kept["since"], kept["newest"], kept["resume"])
        return cls(cursor, cursor)

    def saw(self, indexed: Iterable[str]) -> None:
        self.newest = max([self.newest, *indexed], key=moment)

    def unfinished(self) -> str:
        return json.dumps({"since": self.since, "newest": self.newest, "resume": self.resume})


def moment(indexed_at: str) -> float:
    return from_iso(indexed_at).timestamp() if indexed_at else 0.0


def not_before(indexed_at: str, cursor: str) -> bool:
    """Compared as times: the same instant is written with and without milliseconds."""
    return moment(indexed_at) >= moment(cursor)


@contextmanager
def spoken_to(what: str) -> Iterator[None]:
    """Bluesky's answers as the outbox and the poller understand them: wait, or give up."""
    try:
        yield
    except RateLimitExceededError as error:
        raise RetryLaterError("429 Too Many Requests", seconds_until_reset(error)) from None
    except UnauthorizedError:
        raise RefusedError("Bluesky refused the session: connect the account again") from None
    except BadRequestError as error:
        raise RefusedError(f"Bluesky refused the {what}: {error}") from None
    except (NetworkError, InvokeTimeoutError, RequestException) as error:
        raise RetryLaterError(f"Bluesky did not answer: {error}") from None
    except AtProtocolError as error:  # the SDK's own complaints: an answer it could not read
        raise RefusedError(f"the atproto SDK could not do the {what}: {error!r}") from None


@dataclass
class Account:
    client: Client
    did: str = ""
    handle: str = ""


def did_of(client: Client, handle: str) -> str:
    """The writer's DID, which is what a block record names."""
    if handle.startswith("did:"):
        return handle
    return client.resolve_handle(handle.lstrip("@")).did


def block_records(account: Account, subject: str) -> list[str]:
    """The keys of the account's block records naming `subject`, read from its own repository:
    the app view's word (a profile's viewer.blocking) may lag behind a block made moments ago,
    and names only one."""
    keys: list[str] = []
    cursor = None
    while True:
        page = account.client.app.bsky.graph.block.list(account.did, cursor=cursor, limit=100)
        for uri, record in page.records.items():
            if getattr(record, "subject", None) == subject:
                keys.append(AtUri.from_str(uri).rkey)
        if not page.cursor or not page.records:
            return keys
        cursor = page.cursor


def signed_in(channel, fresh: bool = False) -> Account:
    """A client on the account's session, kept sealed between replies (Bluesky limits how
    often an account may sign in); the app password signs in anew when there is none."""
    service = channel.settings.get("service")
    if service:
        check_public_url(service)
    account = Account(Client(base_url=service or None))

    def keep(_event, session) -> None:
        account.did, account.handle = session.did, session.handle
        channel.set_secrets(channel.secrets() | {"session": account.client.export_session_string()})
        type(channel).objects.filter(pk=channel.pk).update(sealed_secrets=channel.sealed_secrets)

    account.client.on_session_change(keep)
    sealed = channel.secrets()
    if sealed.get("session") and not fresh:
        try:
            account.client.login(session_string=sealed["session"], fetch_bsky_profile=False)
            # Refreshes the access token when it is due; says so if the session has lapsed.
            account.client.com.atproto.server.get_session()
            return account
        except (UnauthorizedError, BadRequestError):
            pass  # the session lapsed (refresh tokens live for weeks): sign in anew below
    handle, password = channel.settings.get("account"), sealed.get("app_password")
    account.client.login(handle, password, fetch_bsky_profile=False)
    return account


def answer(account: Account, parent_uri: str, text: str, language: str) -> Sent:
    client = account.client
    posts = client.get_posts([parent_uri]).posts
    if not posts:
        raise RefusedError("the post to answer is gone")
    parent = posts[0]
    parent_ref = models.create_strong_ref(parent)
    reply = getattr(parent.record, "reply", None)
    root_ref = reply.root if reply else parent_ref
    earlier = earlier_reply(account, parent_uri, text)
    if earlier:
        return Sent(earlier, web_url(account, earlier))
    posted = client.send_post(
        text,
        profile_identify=account.did,
        reply_to=models.AppBskyFeedPost.ReplyRef(parent=parent_ref, root=root_ref),
        facets=facets(client, text),
        # We answer in the writer's own written standard.
        langs=[language] if language in ("nb", "nn", "en") else None,
    )
    return Sent(posted.uri, web_url(account, posted.uri))


def earlier_reply(account: Account, parent_uri: str, text: str) -> str:
    thread = account.client.get_post_thread(parent_uri, depth=1).thread
    for reply in getattr(thread, "replies", None) or []:
        post = getattr(reply, "post", None)
        if post and post.author.did == account.did and post.record.text == text:
            return post.uri
    return ""


LINK = re.compile(r"https?://[^\s)\]]+")
TAG = re.compile(r"(?<![\w#])#(\w{1,64})")
MENTION = re.compile(r"(?<![\w@])@([a-zA-Z0-9.-]+\.[a-zA-Z]{2,})")


def facets(client: Client, text: str) -> list:
    """Links, hashtags and mentions, located by UTF-8 byte offsets as the lexicon requires
    (so æ, ø, å and emoji before them do not shift them)."""

    def span(match) -> "models.AppBskyRichtextFacet.ByteSlice":
        start = len(text[: match.start()].encode())
        return models.AppBskyRichtextFacet.ByteSlice(
            byte_start=start, byte_end=start + len(match.group(0).encode())
        )

    found = [
        models.AppBskyRichtextFacet.Main(
            index=span(m), features=[models.AppBskyRichtextFacet.Link(uri=m.group(0))]
        )
        for m in LINK.finditer(text)
    ]
    found += [
        models.AppBskyRichtextFacet.Main(
            index=span(m), features=[models.AppBskyRichtextFacet.Tag(tag=m.group(1))]
        )
        for m in TAG.finditer(text)
    ]
    for m in MENTION.finditer(text):
        try:
            did = client.resolve_handle(m.group(1)).did
        except (BadRequestError, RequestException):
            continue  # not a Bluesky handle: left as text
        feature = models.AppBskyRichtextFacet.Mention(did=did)
        found.append(models.AppBskyRichtextFacet.Main(index=span(m), features=[feature]))
    return found


def web_url(account: Account, uri: str) -> str:
    return f"https://bsky.app/profile/{account.handle}/post/{uri.rsplit('/', 1)[-1]}"


def seconds_until_reset(error: RateLimitExceededError) -> float | None:
    reset = (error.response.headers or {}).get("ratelimit-reset") if error.response else None
    return max(float(reset) - time.time(), 1.0) if reset and reset.isdigit() else None


connector = BlueskyConnector()
