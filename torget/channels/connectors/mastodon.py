"""Mastodon, from its REST and streaming APIs: notifications, statuses, conversations.

Mentions and replies reach the account as notifications ({"type": "mention", "status": {...}});
direct messages are statuses with visibility "direct"; the streaming API wraps each of these as
{"event": "notification" | "update" | "status.update" | "delete" | "conversation", "payload":
"<JSON text>"}. Any of those, or a list of them, or a status context ({"ancestors",
"descendants"}), can be parsed.

Moderating, the account can block a writer (POST /api/v1/accounts/:id/block) and lift it
(POST /api/v1/accounts/:id/unblock), but not hide or delete anyone else's status: that is for
the moderators of the writer's server.
"""

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.utils.translation import gettext_lazy as _
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from torget.channels.connectors.base import (
    Authorized,
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
    required,
    text_of,
)
from torget.channels.servers import check_public_url
from torget.inbox.sanitize import html_to_text

QUIET_NOTIFICATIONS = {
    "favourite": "a favourite: counted in metrics, nothing to answer",
    "reblog": "a boost: counted in metrics, nothing to answer",
    "follow": "a new follower",
    "follow_request": "a request to follow",
    "poll": "a poll has ended",
    "status": "a post by an account we get notified about, not addressed to us",
    "admin.sign_up": "a sign-up on the server",
    "admin.report": "a report to the server's moderators",
    "severed_relationships": "follows cut by a server block",
    "moderation_warning": "a warning from the server's moderators",
    "annual_report": "the account's year in review",
    "quoted_update": "a quoted post was edited",
}
ADDRESSED = {"mention", "quote"}
# Reading notifications and posting replies; nothing of the account's follows or settings.
SCOPES = ["read", "write"]
# Mastodon's largest notifications page.
PAGE = 40


class MastodonConnector(Connector):
    platform = "mastodon"
    name = "Mastodon"
    # 500 characters is Mastodon's default; servers may allow more (read from the instance).
    limits = Limits(text=500, media=4, can_hide=False, can_delete=False, direct_messages=True)
    moderates = frozenset({"block", "unblock"})
    refusals = {
        "hide": _(
            "Mastodon does not let an account hide others' replies. Torget hides it here; you "
            "can report it to the server's moderators."
        ),
        "unhide": _(
            "Mastodon does not let an account hide others' replies, so nothing is hidden "
            "there. Torget shows it here again."
        ),
        "delete": _(
            "Mastodon does not let an account delete others' posts. Torget hides it here; you "
            "can report it to the server's moderators."
        ),
    }
    polls = True  # notifications; the streaming API would need a connection held open
    offers_context = True
    signs_in = True

    def client(self, channel) -> Mastodon:
        """The account's client: its instance in the channel's settings, its token sealed."""
        check_public_url(channel.settings.get("instance") or "")
        return Mastodon(
            access_token=channel.secrets().get("access_token"),
            api_base_url=channel.settings.get("instance"),
            ratelimit_method="throw",  # the outbox waits, not the worker
            request_timeout=30,
            user_agent="Torget",
        )

    def begin_authorization(self, server: str, return_to: str, state: str) -> tuple[str, dict]:
        """Registers Torget as an app on the admin's server (each server is its own), then
        sends them to the server's own page to grant it access."""
        check_public_url(server)
        with spoken_to(None, "registration"), not_mastodon(server):
            client_id, client_secret = Mastodon.create_app(
                "Torget",
                scopes=SCOPES,
                redirect_uris=return_to,
                api_base_url=server,
                request_timeout=30,
                user_agent="Torget",
            )
            api = Mastodon(
                client_id=client_id,
                client_secret=client_secret,
                api_base_url=server,
                request_timeout=30,
            )
            url = api.auth_request_url(
                redirect_uris=return_to, scopes=SCOPES, state=state, force_login=True
            )
        return url, {"server": server, "client_id": client_id, "client_secret": client_secret}

    def finish_authorization(self, pending: dict, code: str, return_to: str) -> Authorized:
        check_public_url(pending["server"])
        api = Mastodon(
            client_id=pending["client_id"],
            client_secret=pending["client_secret"],
            api_base_url=pending["server"],
            request_timeout=30,
            user_agent="Torget",
            # Known, so the sign-in does not ask the server's version afterwards: a server
            # that will not say (limited federation) sends Mastodon.py round in circles.
            mastodon_version="4.0.0",
        )
        with spoken_to(api, "sign-in"):
            try:
                token = api.log_in(code=code, redirect_uri=return_to, scopes=SCOPES)
            except MastodonIllegalArgumentError:
                raise RefusedError("the server did not accept the sign-in; try again") from None
            account = api.account_verify_credentials()
        server = pending["server"]
        return Authorized(
            account=f"{account['acct']}@{server.split('//')[-1].strip('/')}",
            settings={"instance": server},
            secrets={k: pending[k] for k in ("client_id", "client_secret")}
            | {"access_token": token},
        )

    def verify(self, channel) -> str:
        """The account the token speaks for, as user@server; a refused token says why."""
        api = self.client(channel)
        try:
            account = api.account_verify_credentials()
        except MastodonUnauthorizedError:
            raise RefusedError("the server refused the access token (401)") from None
        except (MastodonAPIError, MastodonNetworkError) as error:
            raise RefusedError(f"the server could not be asked: {error}") from None
        return f"{account['acct']}@{channel.settings['instance'].split('//')[-1].strip('/')}"

    def fetch(self, channel, cursor: str) -> Fetched:
        """Mentions, direct messages, quotes and edits since the last notification seen.
        `min_id` pages forward from the cursor without a gap; with no cursor yet, the latest
        page is where the channel starts."""
        api = self.client(channel)
        with spoken_to(api, "fetch"):
            # Not "update": Mastodon sends it for edits of statuses the account boosted,
            # which are nobody's question to us.
            page = api.notifications(min_id=cursor or None, limit=PAGE, types=sorted(ADDRESSED))
        if not page:
            return Fetched([], cursor)
        newest = max((entry["id"] for entry in page), key=int)
        # As Mastodon.py read it off the wire; dates back to the ISO text they came as.
        body = json.dumps(list(page), default=as_iso).encode()
        return Fetched([body], str(newest), more=bool(cursor) and len(page) == PAGE)

    def context(self, channel, external_id: str) -> list[Event]:
        api = self.client(channel)
        with spoken_to(api, "conversation"):
            found, around = api.status(external_id), api.status_context(external_id)
        thread = {"ancestors": [*around["ancestors"], found], "descendants": around["descendants"]}
        return self.parse(json.loads(json.dumps(thread, default=as_iso)))

    def reply_prefix(self, item) -> str:
        return f"@{item.author.handle} " if item.author_id else ""

    def prefix_room(self, item) -> int:
        # Mastodon counts a mention of a remote account by its user name alone.
        prefix = self.reply_prefix(item)
        return len(prefix.split("@")[1]) + 2 if prefix else 0

    def reply(self, channel, item, text: str, key: str) -> Sent:
        """A status in reply, naming its writer (a direct message reaches only those it
        names), direct when answering a direct message; Idempotency-Key makes a second
        attempt with the same key return the first status instead of posting again."""
        api = self.client(channel)
        mention = self.reply_prefix(item).strip()
        status = text if not mention or mention in text else f"{mention} {text}"
        with spoken_to(api, "reply"):
            posted = api.status_post(
                status,
                in_reply_to_id=item.external_id,
                visibility="direct" if item.kind == "message" else "public",
                idempotency_key=key,
            )
        return Sent(str(posted["id"]), str(posted.get("url") or ""))

    def send_message(self, channel, to: str, text: str, key: str) -> Sent:
        """A direct status: Mastodon's direct messages reach exactly those they name."""
        api = self.client(channel)
        mention = f"@{to.lstrip('@')}"
        status = text if mention in text else f"{mention} {text}"
        with spoken_to(api, "message"):
            posted = api.status_post(status, visibility="direct", idempotency_key=key)
        return Sent(str(posted["id"]), str(posted.get("url") or ""))

    def delete(self, channel, external_id: str) -> None:
        """Only the account's own statuses: others' are for their server's moderators."""
        api = self.client(channel)
        with spoken_to(api, "deletion"):
            api.status_delete(external_id)

    def block(self, channel, author_handle: str) -> None:
        """The writer, as the server knows them (user@server, or user for its own), blocked:
        their posts no longer reach the account. Blocking again changes nothing."""
        api = self.client(channel)
        with spoken_to(api, "block"):
            api.account_block(api.account_lookup(author_handle.lstrip("@")))

    def unblock(self, channel, author_handle: str) -> None:
        """The writer, looked up as for the block, unblocked: their posts reach the account
        again. Unblocking someone not blocked changes nothing."""
        api = self.client(channel)
        with spoken_to(api, "unblock"):
            api.account_unblock(api.account_lookup(author_handle.lstrip("@")))

    def metrics(self, channel, external_id: str = "") -> Metrics:
        api = self.client(channel)
        with spoken_to(api, "count"):
            if not external_id:
                return Metrics(followers=api.account_verify_credentials()["followers_count"])
            found = api.status(external_id)
        return Metrics(
            reactions=found["favourites_count"],
            shares=found["reblogs_count"],
            replies=found["replies_count"],
        )

    def parse(self, payload: object) -> list[Event]:
        if isinstance(payload, list):
            if payload and all(isinstance(entry, str) for entry in payload):
                return [Ignored(f"a list of {len(payload)} names, not statuses")]
            return [event for entry in payload for event in self.parse(entry)]
        if not isinstance(payload, dict):
            raise MalformedPayloadError("expected a JSON object or a list of them")
        if not payload:
            return [Ignored("an empty response")]
        if "event" in payload and "payload" in payload:
            return streamed(payload)
        if "error" in payload and len(payload) <= 2:
            return [Ignored(f"an error response: {payload['error']}")]
        if "notification_groups" in payload:
            return grouped(payload)
        if "ancestors" in payload or "descendants" in payload:
            return self.parse([*payload.get("ancestors", []), *payload.get("descendants", [])])
        if "type" in payload and "account" in payload and "created_at" in payload:
            return notification(payload)
        if "notifications_count" in payload and "last_status" in payload:
            return [
                Ignored(
                    "a notification request: messages the account's filters held back until "
                    "the request is accepted",
                    {"request": str(payload.get("id", ""))},
                )
            ]
        if "last_status" in payload and "accounts" in payload:
            last = payload["last_status"]
            return [status(last)] if last else [Ignored("a conversation with no messages yet")]
        if ("content" in payload or "text" in payload) and "account" in payload:
            if "id" not in payload:
                return [Ignored("an earlier version of a status, from its edit history")]
            return [status(payload)]
        return [Ignored(f"a Mastodon {shape_of(payload)}, not a status or notification")]


KNOWN_SHAPES = {
    ("code", "name"): "language",
    ("shortcode", "url"): "custom emoji",
    ("name", "url", "history"): "hashtag",
    ("id", "title", "replies_policy"): "list",
    ("id", "type", "url", "preview_url"): "media attachment",
    ("access_token", "token_type"): "access token",
    ("client_id", "client_secret"): "app registration",
    ("id", "keyword", "whole_word"): "filter keyword",
    ("id", "status_id"): "filtered status",
    ("id", "title", "context", "filter_action"): "filter",
    ("id", "action_taken", "category"): "report",
}


@contextmanager
def spoken_to(api: Mastodon | None, what: str) -> Iterator[None]:
    """Mastodon's answers as the outbox and the poller understand them: wait, or give up."""
    try:
        yield
    except MastodonRatelimitError:
        wait = api.ratelimit_reset - time.time() if api and api.ratelimit_reset else None
        raise RetryLaterError("429 Too Many Requests", max(wait, 1.0) if wait else None) from None
    except MastodonUnauthorizedError:
        raise RefusedError("the access token was refused (401): connect again") from None
    except MastodonNotFoundError:
        gone = "the status to answer is gone" if what == "reply" else f"nothing to {what}"
        raise RefusedError(f"{gone} (404)") from None
    except (MastodonServerError, MastodonNetworkError) as error:
        raise RetryLaterError(f"the server did not answer: {error}") from None
    except MastodonAPIError as error:
        raise RefusedError(f"Mastodon refused the {what}: {error}") from None
    except MastodonError as error:  # the library's own complaints (a version, an argument)
        raise RefusedError(f"Mastodon.py could not do the {what}: {error}") from None


@contextmanager
def not_mastodon(server: str) -> Iterator[None]:
    """A server that answers, but not as Mastodon does (a web page, another platform)."""
    try:
        yield
    except (KeyError, TypeError, ValueError):
        raise RefusedError(f"{server} does not answer as a Mastodon server") from None


def as_iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def shape_of(payload: dict) -> str:
    for keys, name in KNOWN_SHAPES.items():
        if all(key in payload for key in keys):
            return name
    if "acct" in payload:
        return "account"
    if "following" in payload and "followed_by" in payload:
        return "relationship"
    if "uri" in payload and ("title" in payload or "domain" in payload):
        return "server description"
    return "object with " + ", ".join(sorted(payload)[:5])


def streamed(event: dict) -> list[Event]:
    name, body = event["event"], event["payload"]
    if name == "delete":
        return [Removed("mastodon", str(body))]
    if name not in ("update", "status.update", "notification", "conversation"):
        return [Ignored(f"a streaming {name!r} event")]
    try:
        inner = json.loads(body) if isinstance(body, str) else body
    except ValueError:
        raise MalformedPayloadError(f"the payload of a {name!r} event is not JSON") from None
    if name == "notification":
        return notification(inner)
    if name == "conversation":
        last = required(inner, "last_status")
        return [status(last)]
    return [status(inner, edited=name == "status.update")]


def notification(payload: dict) -> list[Event]:
    kind = required(payload, "type")
    if kind in ADDRESSED:
        return [status(required(payload, "status"), kind="mention")]
    if kind == "update":
        return [status(required(payload, "status"), edited=True)]
    reason = QUIET_NOTIFICATIONS.get(kind, f"a {kind!r} notification")
    return [Ignored(reason, {"notification": str(payload.get("id", ""))})]


def grouped(payload: dict) -> list[Event]:
    """Grouped notifications (API v2): statuses travel beside the groups that name them."""
    statuses = {str(s.get("id")): s for s in payload.get("statuses") or []}
    events: list[Event] = []
    for group in required(payload, "notification_groups"):
        kind = required(group, "type")
        if kind in ADDRESSED or kind == "update":
            found = statuses.get(str(group.get("status_id")))
            if found is None:
                raise MalformedPayloadError(
                    f"group {group.get('group_key')} names a missing status"
                )
            events.append(status(found, kind="mention", edited=kind == "update"))
        else:
            events.append(Ignored(QUIET_NOTIFICATIONS.get(kind, f"a {kind!r} notification")))
    return events


def status(payload: dict, kind: str = "", edited: bool = False) -> Incoming:
    account = required(payload, "account")
    direct = payload.get("visibility") == "direct"
    reply_to = str(payload.get("in_reply_to_id") or "")
    if direct:
        kind = "message"
    elif reply_to:
        kind = "reply"
    return Incoming(
        platform="mastodon",
        kind=kind or "mention",
        external_id=text_of(payload, "id"),
        author=Author(
            handle=text_of(account, "acct"),
            name=str(account.get("display_name") or account.get("username") or ""),
            url=str(account.get("url") or ""),
        ),
        # A deleted status comes back with its source `text` in place of the HTML `content`.
        text=html_to_text(str(payload["content"]))
        if payload.get("content")
        else str(payload.get("text") or ""),
        received_at=from_iso(
            (edited and payload.get("edited_at")) or required(payload, "created_at")
        ),
        thread=f"dm:{account['acct']}" if direct else "",
        in_reply_to=reply_to,
        media=tuple(
            str(media.get("url"))
            for media in payload.get("media_attachments") or []
            if isinstance(media, dict) and media.get("url")
        ),
        edited=edited or bool(payload.get("edited_at")),
    )


connector = MastodonConnector()
