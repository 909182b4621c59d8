"""Each connector turns the platform's documented payloads into items, removals or a reason.

The payloads are written from the platforms' references (Graph API webhooks, Mastodon's
entities, AT Protocol lexicons, RFC 5322), so these tests hold without any recorded files.
"""

import json
from datetime import UTC, datetime

import pytest

from torget.channels.connectors import connector_for, connectors
from torget.channels.events import Ignored, Incoming, MalformedPayloadError, Removed

PAGE = "104543"


def parse(platform: str, payload) -> list:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return connector_for(platform).parse_raw(body)


def page_change(field: str, value: dict, time: int = 1763650800) -> dict:
    return {
        "object": "page",
        "entry": [{"id": PAGE, "time": time, "changes": [{"field": field, "value": value}]}],
    }


def comment(verb: str = "add", **extra) -> dict:
    return {
        "item": "comment",
        "verb": verb,
        "comment_id": f"{PAGE}_1_2",
        "post_id": f"{PAGE}_1",
        "parent_id": f"{PAGE}_1",
        "from": {"id": "777", "name": "Kari Nordmann"},
        "created_time": 1763650800,
        "message": "Når kommer bossbilen? 🗑️",
    } | extra


def test_every_platform_of_the_issue_has_a_module():
    expected = {"mastodon", "bluesky", "facebook", "instagram", "email", "website", "sandbox"}
    assert set(connectors()) == expected
    assert connector_for("bluesky").limits.text == 300


def test_a_facebook_comment_is_an_item_on_its_post():
    [item] = parse("facebook", page_change("feed", comment()))
    assert isinstance(item, Incoming) and not item.edited and not item.ours
    assert (item.kind, item.external_id, item.thread) == ("comment", f"{PAGE}_1_2", f"{PAGE}_1")
    assert item.author.name == "Kari Nordmann" and item.text.endswith("🗑️")
    assert item.received_at == datetime(2025, 11, 20, 15, 0, tzinfo=UTC)


def test_facebook_replies_edits_removals_and_the_pages_own_comments():
    reply = comment(comment_id=f"{PAGE}_1_3", parent_id=f"{PAGE}_1_2")
    [answer] = parse("facebook", page_change("feed", reply))
    assert (answer.kind, answer.in_reply_to) == ("reply", f"{PAGE}_1_2")
    [edit] = parse("facebook", page_change("feed", comment("edited", message="Rettet")))
    assert edit.edited and edit.text == "Rettet"
    [gone] = parse("facebook", page_change("feed", comment("remove")))
    assert gone == Removed("facebook", f"{PAGE}_1_2")
    ours = comment(**{"from": {"id": PAGE, "name": "Bymiljøetaten"}})
    assert parse("facebook", page_change("feed", ours))[0].ours


def test_facebook_visitor_posts_reviews_and_what_is_only_counted():
    post = {"item": "status", "verb": "add", "post_id": f"{PAGE}_9", "message": "Hull i veien"}
    [visitor] = parse("facebook", page_change("feed", post | {"from": {"id": "8"}}))
    assert visitor.kind == "post" and visitor.received_at.year == 2025  # the delivery's time
    like = {"item": "reaction", "verb": "add", "post_id": f"{PAGE}_9", "reaction_type": "like"}
    [counted] = parse("facebook", page_change("feed", like))
    assert isinstance(counted, Ignored) and "metrics" in counted.reason
    review = {
        "item": "rating",
        "verb": "add",
        "open_graph_story_id": "55",
        "reviewer_id": "9",
        "review_text": "Rask hjelp!",
        "created_time": 1763650800,
    }
    assert parse("facebook", page_change("ratings", review))[0].kind == "review"


def test_messenger_messages_echoes_edits_and_receipts():
    def event(**fields):
        base = {"sender": {"id": "55"}, "recipient": {"id": PAGE}, "timestamp": 1763650800123}
        return {"object": "page", "entry": [{"id": PAGE, "time": 1, "messaging": [base | fields]}]}

    [message] = parse("facebook", event(message={"mid": "m.1", "text": "Hei!"}))
    assert (message.kind, message.thread, message.ours) == ("message", "dm:55", False)
    assert message.received_at.microsecond == 123000  # milliseconds, not seconds
    echo = event(sender={"id": PAGE}, recipient={"id": "55"})
    echo["entry"][0]["messaging"][0]["message"] = {"mid": "m.2", "text": "Svar", "is_echo": True}
    [ours] = parse("facebook", echo)
    assert ours.ours and ours.thread == "dm:55"
    [edit] = parse("facebook", event(message_edit={"mid": "m.1", "text": "Hei igjen"}))
    assert edit.edited and edit.text == "Hei igjen"
    [unsent] = parse("facebook", event(message={"mid": "m.1", "is_deleted": True}))
    assert isinstance(unsent, Removed)
    [read] = parse("facebook", event(read={"watermark": 1}))
    assert read == Ignored("a read receipt")


@pytest.mark.parametrize(
    "body",
    [
        {"entry": []},
        {"object": "page", "entry": {"id": 1}},
        {"object": "page", "entry": [{"changes": []}]},
        page_change("feed", {"item": "comment", "verb": "add", "comment_id": "1"}),
        page_change("feed", comment(created_time="yesterday")),
    ],
)
def test_a_malformed_graph_body_is_refused_with_what_is_wrong(body):
    with pytest.raises(MalformedPayloadError):
        parse("facebook", body)


def test_instagram_comments_replies_and_mentions():
    def change(field, value):
        return {
            "object": "instagram",
            "entry": [
                {"id": "17841", "time": 1763650800, "changes": [{"field": field, "value": value}]}
            ],
        }

    base = {
        "id": "c1",
        "text": "Flott!",
        "from": {"id": "42", "username": "ola"},
        "media": {"id": "m1"},
    }
    [top] = parse("instagram", change("comments", base))
    assert (top.kind, top.thread, top.author.name) == ("comment", "m1", "ola")
    [reply] = parse("instagram", change("comments", base | {"id": "c2", "parent_id": "c1"}))
    assert (reply.kind, reply.in_reply_to) == ("reply", "c1")
    [mention] = parse("instagram", change("mentions", {"media_id": "m9", "comment_id": "c9"}))
    assert isinstance(mention, Ignored) and mention.details["comment_id"] == "c9"
    assert isinstance(parse("facebook", change("comments", base))[0], Ignored)  # not a page


def mastodon_status(**extra) -> dict:
    return {
        "id": "1101",
        "created_at": "2026-11-20T15:00:00.000Z",
        "in_reply_to_id": None,
        "visibility": "public",
        "content": '<p><span class="h-card"><a href="https://x">@<span>bym</span></a></span> '
        "Hull i veien &amp; ingen svar<br>Hilsen Kari</p>",
        "account": {"id": "9", "acct": "kari@norden.social", "display_name": "Kari"},
        "media_attachments": [{"type": "image", "url": "https://x/1.jpg"}],
    } | extra


def test_mastodon_mentions_replies_and_direct_messages():
    mention = {
        "id": "5",
        "type": "mention",
        "created_at": "2026-11-20T15:00:01Z",
        "account": {"acct": "kari@norden.social"},
        "status": mastodon_status(),
    }
    [item] = parse("mastodon", mention)
    assert item.kind == "mention" and item.text == "@bym Hull i veien & ingen svar\nHilsen Kari"
    assert item.media == ("https://x/1.jpg",) and item.author.handle == "kari@norden.social"
    [reply] = parse("mastodon", mastodon_status(in_reply_to_id="1000"))
    assert (reply.kind, reply.in_reply_to) == ("reply", "1000")
    [direct] = parse("mastodon", mastodon_status(visibility="direct"))
    assert (direct.kind, direct.thread) == ("message", "dm:kari@norden.social")


def test_mastodon_streaming_events_lists_and_quiet_notifications():
    stream = {"event": "update", "payload": json.dumps(mastodon_status())}
    assert parse("mastodon", stream)[0].external_id == "1101"
    deleted = {"event": "delete", "payload": "1101"}
    assert parse("mastodon", deleted) == [Removed("mastodon", "1101")]
    favourite = {
        "id": "6",
        "type": "favourite",
        "created_at": "2026-11-20T15:00:00Z",
        "account": {"acct": "a"},
        "status": mastodon_status(),
    }
    events = parse("mastodon", [favourite, mastodon_status(id="1102")])
    assert isinstance(events[0], Ignored) and events[1].external_id == "1102"
    assert "account" in parse("mastodon", {"id": "1", "acct": "a", "username": "a"})[0].reason
    with pytest.raises(MalformedPayloadError):
        parse("mastodon", {"event": "update", "payload": "{not json"})
    with pytest.raises(MalformedPayloadError):
        parse("mastodon", mastodon_status(created_at="noon"))


DID = "did:plc:kari"
ROOT = "at://did:plc:bym/app.bsky.feed.post/1"


def jetstream(operation: str, collection: str = "app.bsky.feed.post", record=None) -> dict:
    commit = {"rev": "r", "operation": operation, "collection": collection, "rkey": "3k"}
    return {"did": DID, "time_us": 1763650800000000, "kind": "commit"} | {
        "commit": commit | ({"record": record} if record else {})
    }


def test_bluesky_replies_from_jetstream_deletes_and_likes():
    record = {
        "$type": "app.bsky.feed.post",
        "text": "Når åpner gjenbruksstasjonen? 🙏",
        "createdAt": "2026-11-20T15:00:00.000Z",
        "reply": {"root": {"uri": ROOT}, "parent": {"uri": ROOT}},
    }
    [item] = parse("bluesky", jetstream("create", record=record))
    assert (item.kind, item.thread, item.in_reply_to) == ("comment", ROOT, ROOT)
    assert item.external_id == f"at://{DID}/app.bsky.feed.post/3k" and item.text.endswith("🙏")
    deleted = parse("bluesky", jetstream("delete"))
    assert deleted == [Removed("bluesky", f"at://{DID}/app.bsky.feed.post/3k")]
    like = parse("bluesky", jetstream("create", "app.bsky.feed.like", {"subject": {}}))
    assert isinstance(like[0], Ignored)
    lines = b"\n".join(json.dumps(jetstream("delete")).encode() for _ in range(3))
    assert len(parse("bluesky", lines)) == 3
    with pytest.raises(MalformedPayloadError):
        parse("bluesky", jetstream("create", record={"$type": "app.bsky.feed.like"}))


def test_bluesky_notifications_name_the_author_by_handle():
    listing = {
        "notifications": [
            {
                "uri": "at://did:plc:kari/app.bsky.feed.post/9",
                "reason": "mention",
                "author": {"did": DID, "handle": "kari.bsky.social", "displayName": "Kari"},
                "record": {
                    "$type": "app.bsky.feed.post",
                    "text": "@bym.no hei",
                    "createdAt": "2026-11-20T15:00:00Z",
                },
                "indexedAt": "2026-11-20T15:00:01Z",
            }
        ]
    }
    [item] = parse("bluesky", listing)
    assert (item.kind, item.author.handle) == ("mention", "kari.bsky.social")


MAIL = b"""From: "Kari Nordmann" <Kari@Example.org>
To: post@bym.example
Subject: =?utf-8?q?S=C3=B8ppel?= ikke hentet
Date: Fri, 20 Nov 2026 16:05:00 +0100
In-Reply-To: <first@bym.example>
References: <root@example.org> <first@bym.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/html; charset=utf-8

<p>Hei,<br>bossbilen kom ikke &amp; det lukter.</p><script>alert(1)</script>
--b
Content-Type: image/jpeg
Content-Disposition: attachment; filename="dunk.jpg"
Content-Transfer-Encoding: base64

/9j/4AAQ
--b--
"""


def test_an_email_is_threaded_by_its_headers_and_reduced_to_text():
    [mail] = parse("email", MAIL)
    assert mail.text == "Søppel ikke hentet\n\nHei,\nbossbilen kom ikke & det lukter."
    assert (mail.thread, mail.in_reply_to) == ("root@example.org", "first@bym.example")
    assert mail.author.handle == "kari@example.org" and mail.media == (
        "dunk.jpg (image/jpeg, 6 B)",
    )
    assert mail.external_id.startswith("sha256:")  # no Message-ID: the same mail, the same id
    assert parse("email", MAIL)[0].external_id == mail.external_id
    with pytest.raises(MalformedPayloadError):
        parse("email", b"just some text")


def test_a_website_comment_and_a_refused_one():
    body = {
        "page": "https://bym.example/ryddeaksjon",
        "id": "w1",
        "text": "<b>Takk</b>!",
        "author": {"name": "Kari"},
        "created_at": "2026-11-20T15:00:00+01:00",
    }
    [item] = parse("website", body)
    assert (item.kind, item.thread, item.author.handle) == ("comment", body["page"], "Kari")
    with pytest.raises(MalformedPayloadError):
        parse("website", body | {"author": {"name": " "}})
