"""Facebook Pages through the Graph API: page feed webhooks (comments, visitor posts, mentions,
ratings) and Messenger.

Shapes follow Meta's webhook reference: a POST body {"object": "page", "entry": [{"id": page,
"time", "changes": [{"field", "value"}], "messaging": [...]}]}. The page's own comments and
posts come back through the same feed and are marked as ours.

Replies go out through the Graph API with the page's access token: a comment on the comment
(POST /{comment-id}/comments), a Messenger message (POST /me/messages). The Graph API takes no
idempotency key, so before commenting Torget looks for the page's own identical answer under
the comment, which a lost earlier attempt would have left; a message whose fate is unknown (the
connection broke after it was sent) is not sent again but marked for a person to check.

The page moderates comments on it (POST /{comment-id} is_hidden, DELETE /{comment-id}) and
blocks people from it (POST /{page-id}/blocked with `user`, their page-scoped id; DELETE lifts
the block).
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from urllib.parse import urlencode

import httpx
from django.conf import settings

from torget.channels.connectors.base import (
    Authorized,
    Connector,
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
    from_unix,
    required,
    text_of,
)

GRAPH = "https://graph.facebook.com/v21.0"
DIALOG = "https://www.facebook.com/v21.0/dialog/oauth"
# Read the page's posts and comments, answer and hide them, answer in Messenger, and
# subscribe to the page's webhooks.
PAGE_SCOPES = (
    "pages_show_list,pages_read_engagement,pages_read_user_content,pages_manage_engagement,"
    "pages_manage_metadata,pages_messaging"
)
WEBHOOK_FIELDS = "feed,mention,messages,message_edits"
# Graph API error codes that mean "too many calls": app, user, page and custom limits.
THROTTLED = {4, 17, 32, 613, 80001}
EXPIRED_TOKEN = 190
# What a feed change is about, when it is nothing to answer.
QUIET_ITEMS = {
    "reaction": "a reaction: counted in metrics, nothing to answer",
    "like": "a like: counted in metrics, nothing to answer",
    "share": "a share of the post: counted in metrics",
    "event": "an event on the page",
    "album": "a photo album",
}
POST_ITEMS = {"post", "status", "photo", "video"}
QUIET_VERBS = {
    "hide": "hidden on the platform",
    "unhide": "shown again on the platform",
    "block": "blocked on the platform",
    "unblock": "unblocked on the platform",
    "mute": "muted on the platform",
    "unmute": "unmuted on the platform",
}
QUIET_MESSAGING = {
    "read": "a read receipt",
    "delivery": "a delivery receipt",
    "reaction": "a reaction to a message",
    "postback": "a button press in a bot conversation",
    "optin": "a sign-up to messages from the page",
    "referral": "a referral link opened",
    "account_linking": "an account linked or unlinked",
    "policy-enforcement": "a policy notice from the platform",
    "pass_thread_control": "a conversation handed between apps",
    "take_thread_control": "a conversation taken over by an app",
    "request_thread_control": "a request to hand a conversation over",
    "app_roles": "app roles changed",
    "checkout_update": "a checkout update",
    "payment": "a payment",
}


class FacebookConnector(Connector):
    platform = "facebook"
    name = "Facebook"
    # Comments take 8,000 characters; the page can hide, delete, and answer in Messenger.
    limits = Limits(text=8000, media=10, can_hide=True, can_delete=True, direct_messages=True)
    moderates = frozenset({"hide", "unhide", "delete", "block", "unblock"})
    object_type = "page"
    hide_field = "is_hidden"

    def parse(self, payload: object) -> list[Event]:
        entries = required(payload, "entry")
        kind = required(payload, "object")
        if kind != self.object_type:
            return [Ignored(f"a webhook for {kind!r} objects, not a {self.object_type}")]
        if not isinstance(entries, list):
            raise MalformedPayloadError("entry must be a list")
        events: list[Event] = []
        for entry in entries:
            owner = text_of(entry, "id")
            for change in entry.get("changes") or []:
                value = required(change, "value")
                if isinstance(value, dict) and value.get("created_time") is None:
                    # Not every change carries its own time; the delivery's time stands in.
                    change = {**change, "value": {**value, "created_time": entry.get("time")}}
                events += self.change(owner, change)
            for message in (entry.get("messaging") or []) + (entry.get("standby") or []):
                events += messaging(self.platform, owner, message)
            if not entry.get("changes") and not entry.get("messaging") and not entry.get("standby"):
                events.append(Ignored("an entry with no changes and no messages"))
        return events

    @property
    def signs_in(self) -> bool:  # type: ignore[override]
        return bool(settings.META_APP_ID and settings.META_APP_SECRET)

    def begin_authorization(self, server: str, return_to: str, state: str) -> tuple[str, dict]:
        """Facebook's own sign-in with the deployment's Meta app; `server` may name the page
        among several the admin manages."""
        query = {
            "client_id": settings.META_APP_ID,
            "redirect_uri": return_to,
            "state": state,
            "scope": PAGE_SCOPES,
            "response_type": "code",
        }
        return f"{DIALOG}?{urlencode(query)}", {"page": server.strip()}

    def finish_authorization(self, pending: dict, code: str, return_to: str) -> Authorized:
        """The code becomes a long-lived user token, and that the page's token (which then
        does not lapse); the app is subscribed to the page's webhooks."""
        app = {"client_id": settings.META_APP_ID, "client_secret": settings.META_APP_SECRET}
        with httpx.Client(base_url=GRAPH, timeout=30) as graph:
            long = user_token(graph, app, code, return_to)
            fields = {"fields": "id,name,access_token", "access_token": long}
            page = chosen_page(call(graph, "GET", "/me/accounts", params=fields), pending["page"])
            subscribe = {"subscribed_fields": WEBHOOK_FIELDS, "access_token": page["access_token"]}
            call(graph, "POST", f"/{page['id']}/subscribed_apps", params=subscribe)
        return Authorized(
            account=str(page["id"]),
            settings={"app_id": settings.META_APP_ID, "page_name": page.get("name", "")},
            secrets={
                "access_token": page["access_token"],
                "app_secret": settings.META_APP_SECRET,
                "verify_token": secrets.token_urlsafe(16),
            },
        )

    def repeats_safely(self, item) -> bool:
        return item.kind != "message"  # Messenger takes no key, and sent messages are not looked up

    def reply(self, channel, item, text: str, key: str) -> Sent:
        with graph_for(channel) as graph:
            if item.kind == "message":
                return send_message(graph, item.author.handle, text)
            page = str(channel.settings.get("account", ""))
            earlier = earlier_answer(graph, item.external_id, page, text)
            if earlier:
                return Sent(earlier, f"https://www.facebook.com/{earlier}")
            answer = call(graph, "POST", f"/{item.external_id}/comments", data={"message": text})
            return Sent(str(answer["id"]), f"https://www.facebook.com/{answer['id']}")

    def send_message(self, channel, to: str, text: str, key: str) -> Sent:
        """Within the platform's window for answering (24 hours after their last message)."""
        with graph_for(channel) as graph:
            return send_message(graph, to, text)

    def hide(self, channel, external_id: str, hidden: bool = True) -> None:
        with graph_for(channel) as graph:
            call(graph, "POST", f"/{external_id}", data={self.hide_field: str(hidden).lower()})

    def delete(self, channel, external_id: str) -> None:
        with graph_for(channel) as graph:
            call(graph, "DELETE", f"/{external_id}")

    def block(self, channel, author_handle: str) -> None:
        """Blocked from the page: they can no longer comment on, like or message it. Blocking
        someone already blocked changes nothing, so a repeated attempt is harmless."""
        page = str(channel.settings.get("account", ""))
        with graph_for(channel) as graph:
            call(graph, "POST", f"/{page}/blocked", data={"user": author_handle})

    def unblock(self, channel, author_handle: str) -> None:
        """They may comment on, like and message the page again. Lifting a block that is
        already lifted changes nothing, so a repeated attempt is harmless."""
        page = str(channel.settings.get("account", ""))
        with graph_for(channel) as graph:
            call(graph, "DELETE", f"/{page}/blocked", params={"user": author_handle})

    def metrics(self, channel, external_id: str = "") -> Metrics:
        with graph_for(channel) as graph:
            if not external_id:
                page = call(graph, "GET", f"/{channel.settings.get('account')}", params={
                    "fields": "followers_count"})  # fmt: skip
                return Metrics(followers=page.get("followers_count"))
            fields = "shares,reactions.summary(total_count),comments.summary(total_count)"
            post = call(graph, "GET", f"/{external_id}", params={"fields": fields})
            return Metrics(
                reactions=total(post, "reactions"),
                shares=(post.get("shares") or {}).get("count", 0),
                replies=total(post, "comments"),
                reach=insight(graph, external_id, "post_impressions_unique"),
            )

    def token_expiry(self, channel) -> datetime | None:
        """When the page's token lapses, as Meta says (asked with the app's own token, so only
        when the app id is known); None for a token that does not lapse."""
        app_id, sealed = channel.settings.get("app_id"), channel.secrets()
        if not app_id or not sealed.get("app_secret") or not sealed.get("access_token"):
            return None
        app_token = f"{app_id}|{sealed['app_secret']}"
        with httpx.Client(base_url=GRAPH, timeout=30) as graph:
            params = {"input_token": sealed["access_token"], "access_token": app_token}
            data = call(graph, "GET", "/debug_token", params=params).get("data") or {}
        lapses = [data.get("expires_at") or 0, data.get("data_access_expires_at") or 0]
        soonest = min((moment for moment in lapses if moment), default=0)
        return datetime.fromtimestamp(soonest, UTC) if soonest else None

    def change(self, page: str, change: dict) -> list[Event]:
        field, value = required(change, "field"), required(change, "value")
        if not isinstance(value, dict):
            raise MalformedPayloadError(f"changes.value of {field!r} must be an object")
        if field == "feed":
            return feed_change(page, value)
        if field == "mention":
            return [mention(page, value)]
        if field == "ratings":
            return ratings_change(page, value)
        return [Ignored(f"a change to the page's {field!r}, not a conversation")]


def feed_change(page: str, value: dict) -> list[Event]:
    item, verb = required(value, "item"), required(value, "verb")
    if item in QUIET_ITEMS:
        return [Ignored(QUIET_ITEMS[item], {"item": item, "verb": verb})]
    if verb in QUIET_VERBS:
        return [Ignored(f"a {item} {QUIET_VERBS[verb]}", {"id": object_id(value)})]
    if item == "comment":
        return [comment(page, value, verb)]
    if item in POST_ITEMS:
        return [post(page, value, verb)]
    return [Ignored(f"a feed change about {item!r}, not a post or comment")]


def object_id(value: dict) -> str:
    for key in ("comment_id", "post_id", "video_id", "photo_id"):
        if value.get(key):
            return str(value[key])
    raise MalformedPayloadError("a feed change without comment_id or post_id")


def author_of(value: dict, known: bool = True) -> Author:
    """`from` in most versions, sender_id and sender_name in some. A mention of the page comes
    without its writer (`known=False`): it is looked up with the post."""
    sender = value.get("from")
    if isinstance(sender, dict) and sender.get("id") is not None:
        return Author(handle=str(sender["id"]), name=str(sender.get("name") or ""))
    if value.get("sender_id") is not None:
        return Author(handle=str(value["sender_id"]), name=str(value.get("sender_name") or ""))
    if not known:
        return Author(handle="")
    raise MalformedPayloadError("no author: neither from.id nor sender_id")


def media_of(value: dict) -> tuple[str, ...]:
    links = [value.get(key) for key in ("photo", "video", "link")]
    links += [str(url) for url in value.get("photos") or []]
    return tuple(str(link) for link in links if link)


def comment(page: str, value: dict, verb: str) -> Event:
    post_id = text_of(value, "post_id")
    parent = str(value.get("parent_id") or post_id)
    kind = "comment" if parent == post_id else "reply"
    return feed_item(page, value, verb, kind, text_of(value, "comment_id"), parent)


def post(page: str, value: dict, verb: str) -> Event:
    # A post by someone else is a visitor post to the page: the customer centre's.
    return feed_item(page, value, verb, "post", text_of(value, "post_id"), "")


def feed_item(page: str, value: dict, verb: str, kind: str, item_id: str, parent: str) -> Event:
    """A comment or post added, edited or removed; other verbs are said and set aside."""
    if verb == "remove":
        return Removed("facebook", item_id)
    if verb not in ("add", "edited"):
        return Ignored(f"a {kind} {verb!r}, not a new or edited one", {"id": item_id})
    author = author_of(value)
    return Incoming(
        platform="facebook",
        kind=kind,
        external_id=item_id,
        author=author,
        text=str(value.get("message") or ""),
        received_at=from_unix(required(value, "created_time")),
        thread=text_of(value, "post_id"),
        in_reply_to=parent,
        media=media_of(value),
        ours=author.handle == page,
        edited=verb == "edited",
    )


def mention(page: str, value: dict) -> Event:
    """The page was @mentioned in someone's post or comment."""
    verb = required(value, "verb")
    external_id = str(value.get("comment_id") or text_of(value, "post_id"))
    if verb == "remove":
        return Removed("facebook", external_id)
    return Incoming(
        platform="facebook",
        kind="mention",
        external_id=external_id,
        author=author_of(value, known=False),
        text=str(value.get("message") or ""),
        received_at=from_unix(required(value, "created_time")),
        thread=text_of(value, "post_id"),
        in_reply_to=text_of(value, "post_id") if value.get("comment_id") else "",
    )


def ratings_change(page: str, value: dict) -> list[Event]:
    """Recommendations (reviews) of the page, and comments on them."""
    item, verb = required(value, "item"), required(value, "verb")
    if item in QUIET_ITEMS:
        return [Ignored(QUIET_ITEMS[item], {"item": item, "verb": verb})]
    if item == "comment":  # on a recommendation, which some versions name only as post_id
        story = str(value.get("open_graph_story_id") or text_of(value, "post_id"))
        event = comment(page, {**value, "post_id": story}, verb)
        return [event]
    if item != "rating":
        return [Ignored(f"a ratings change about {item!r}")]
    story = text_of(value, "open_graph_story_id")
    if verb == "remove":
        return [Removed("facebook", story)]
    reviewer = Author(
        handle=text_of(value, "reviewer_id"), name=str(value.get("reviewer_name") or "")
    )
    text = str(value.get("review_text") or "")
    if value.get("recommendation_type"):
        text = text or f"({value['recommendation_type']})"
    return [
        Incoming(
            platform="facebook",
            kind="review",
            external_id=story,
            author=reviewer,
            text=text or f"({value.get('rating', '')}★)",
            received_at=from_unix(required(value, "created_time")),
            thread=story,
            edited=verb == "edit",
        )
    ]


def attachment_url(attachment: object) -> str:
    if not isinstance(attachment, dict):
        raise MalformedPayloadError("message.attachments must hold objects")
    payload = attachment.get("payload")
    inner = payload.get("url") if isinstance(payload, dict) else None
    return str(inner or attachment.get("url") or "")


def messaging(platform: str, page: str, event: dict) -> list[Event]:
    """One Messenger (or Instagram Direct) event: a message, an edit, a deletion, or a receipt."""
    if "message" not in event and "message_edit" not in event:
        kind = next((key for key in QUIET_MESSAGING if key in event), None)
        if kind is None:
            return [Ignored("a messaging event that carries no message", {"keys": sorted(event)})]
        return [Ignored(QUIET_MESSAGING[kind])]
    sender = text_of(event, "sender", "id")
    recipient = text_of(event, "recipient", "id")
    if "message_edit" in event:
        edit = required(event, "message_edit")
        return [
            Incoming(
                platform=platform,
                kind="message",
                external_id=text_of(edit, "mid"),
                author=Author(handle=sender),
                text=str(edit.get("text") or ""),
                received_at=from_unix(required(event, "timestamp")),
                thread=f"dm:{recipient if sender == page else sender}",
                edited=True,
            )
        ]
    message = required(event, "message")
    mid = text_of(message, "mid")
    if message.get("is_deleted"):
        return [Removed(platform, mid, "unsent by its writer")]
    ours = bool(message.get("is_echo")) or sender == page
    citizen = recipient if ours else sender
    attachments = message.get("attachments") or []
    media = tuple(url for url in map(attachment_url, attachments) if url)
    text = str(message.get("text") or "")
    if not text and not media:
        if message.get("is_unsupported"):
            return [Ignored("a message of a kind the platform does not pass on", {"mid": mid})]
        text = "(" + ", ".join(str(a.get("type", "attachment")) for a in attachments) + ")"
    reply_to = message.get("reply_to") or {}
    return [
        Incoming(
            platform=platform,
            kind="message",
            external_id=mid,
            author=Author(handle=sender),
            text=text if text != "()" else "",
            received_at=from_unix(required(event, "timestamp")),
            thread=f"dm:{citizen}",
            in_reply_to=str(reply_to.get("mid") or ""),
            media=media,
            ours=ours,
        )
    ]


@contextmanager
def graph_for(channel) -> Iterator[httpx.Client]:
    token = channel.secrets().get("access_token")
    if not token:
        raise RefusedError("the page has no access token: connect it again")
    with httpx.Client(base_url=GRAPH, timeout=30, params={"access_token": token}) as graph:
        yield graph


def total(node: dict, edge: str) -> int | None:
    summary = (node.get(edge) or {}).get("summary") or {}
    return summary.get("total_count")


def insight(graph: httpx.Client, node: str, metric: str) -> int | None:
    """One lifetime insight; None where the platform keeps it from us (too few viewers,
    a permission not granted)."""
    try:
        found = call(graph, "GET", f"/{node}/insights", params={"metric": metric}).get("data")
    except RefusedError:
        return None
    for entry in found or []:
        values = entry.get("values") or [{}]
        return values[-1].get("value")
    return None


def user_token(graph: httpx.Client, app: dict, code: str, return_to: str) -> str:
    """The sign-in's code traded for a user token, and that for a long-lived one (60 days),
    from which page tokens that never lapse are read."""
    trade = app | {"redirect_uri": return_to, "code": code}
    short = call(graph, "GET", "/oauth/access_token", params=trade)["access_token"]
    extend = app | {"grant_type": "fb_exchange_token", "fb_exchange_token": short}
    return call(graph, "GET", "/oauth/access_token", params=extend)["access_token"]


def chosen_page(accounts: dict, wanted: str) -> dict:
    pages = [page for page in accounts.get("data") or [] if page.get("access_token")]
    if wanted:
        pages = [page for page in pages if str(page.get("id")) == wanted]
        if not pages:
            raise RefusedError(f"the sign-in gave no access to the page {wanted}")
    if len(pages) != 1:
        named = ", ".join(f"{page.get('name')} ({page.get('id')})" for page in pages)
        raise RefusedError(
            f"choose one of the pages, by id: {named}" if pages else "the sign-in gave no pages"
        )
    return pages[0]


class OutcomeUnknownError(RetryLaterError):
    """The request went out and no answer came back: it may or may not have been done."""


def call(graph: httpx.Client, method: str, path: str, **request) -> dict:
    """One Graph API call, its failures sorted into wait-and-retry and will-not-work."""
    try:
        response = graph.request(method, path, **request)
    except (httpx.ConnectError, httpx.ConnectTimeout) as error:
        raise RetryLaterError(f"the Graph API could not be reached: {error}") from None
    except httpx.TransportError as error:
        raise OutcomeUnknownError(f"the Graph API did not answer: {error!r}") from None
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if response.is_success:
        return answer
    error = answer.get("error") or {} if isinstance(answer, dict) else {}
    reason = f"{response.status_code} {error.get('message') or response.reason_phrase}"
    retry_after = response.headers.get("Retry-After")
    if response.status_code == 429 or error.get("code") in THROTTLED:
        seconds = float(retry_after) if retry_after and retry_after.isdigit() else None
        raise RetryLaterError(f"rate limited: {reason}", seconds)
    if error.get("code") == EXPIRED_TOKEN or response.status_code == 401:
        raise RefusedError(f"the page's access token was refused: {reason}; connect it again")
    if response.status_code >= 500:
        raise OutcomeUnknownError(f"the Graph API failed: {reason}")
    raise RefusedError(f"Meta refused it: {reason}")


def earlier_answer(graph: httpx.Client, comment_id: str, page: str, text: str) -> str:
    """The id of the page's own comment with this very text under the comment, if any."""
    fields = {"fields": "id,message,from", "order": "reverse_chronological", "limit": 50}
    found = call(graph, "GET", f"/{comment_id}/comments", params=fields).get("data") or []
    for comment in found:
        if str((comment.get("from") or {}).get("id")) == page and comment.get("message") == text:
            return str(comment["id"])
    return ""


def send_message(graph: httpx.Client, recipient: str, text: str) -> Sent:
    body = {"recipient": {"id": recipient}, "messaging_type": "RESPONSE", "message": {"text": text}}
    try:
        answer = call(graph, "POST", "/me/messages", json=body)
    except OutcomeUnknownError:  # sent or not, nobody knows: so not again
        raise RefusedError(
            "the connection broke while sending: check the conversation in Messenger "
            "before sending again"
        ) from None
    return Sent(str(answer.get("message_id", "")), "")


connector = FacebookConnector()
