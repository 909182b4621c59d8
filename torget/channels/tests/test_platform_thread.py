"""An item's whole conversation as its platform holds it, shown on the item's page when asked
for and never taken into the inbox (old comments would become work)."""

import httpx
import pytest
import responses

from torget.channels.models import Channel
from torget.channels.tests.bluesky_fakes import OURS, bluesky_channel, signed_in_xrpc
from torget.channels.tests.test_mastodon_polling import INSTANCE, mastodon_channel
from torget.inbox.models import Item
from torget.inbox.tests.conftest import body, receive

pytestmark = pytest.mark.django_db


def status(status_id: str, text: str, reply_to=None, acct="kari@fjord.social") -> dict:
    return {
        "id": status_id,
        "created_at": f"2026-11-20T15:{int(status_id) % 60:02d}:00.000Z",
        "content": f"<p>{text}</p>",
        "visibility": "public",
        "in_reply_to_id": reply_to,
        "account": {"id": "7", "acct": acct, "display_name": acct.split("@")[0].title()},
        "media_attachments": [],
    }


def item_on(cast, channel: str, external_id: str):
    [item] = receive(cast, body(external_id, channel=channel, kind="reply"))
    return item


@responses.activate
def test_a_mastodon_item_shows_its_thread_on_request_without_taking_it_in(cast):
    mastodon_channel(cast.alice.organization)
    item = item_on(cast, "mastodon", "12")
    responses.get(f"{INSTANCE}/api/v1/statuses/12", json=status("12", "Og når kommer bilen?", "11"))
    responses.get(
        f"{INSTANCE}/api/v1/statuses/12/context",
        json={
            "ancestors": [status("11", "Ny tømmeplan fra mandag", acct="bymiljo")],
            "descendants": [status("13", "Lurer på det samme", "12", "ola@norden.social")],
        },
    )
    client = cast.client_for(cast.bob)
    page = client.get(f"/inbox/{item.pk}/", headers={"Accept-Language": "en"}).content.decode()
    assert "Show the whole conversation on the platform" in page
    shown = client.get(
        f"/channels/items/{item.pk}/platform-thread/", headers={"Accept-Language": "en"}
    )
    text = shown.content.decode()
    assert text.index("Ny tømmeplan") < text.index("Og når kommer bilen?") < text.index("Lurer på")
    assert text.count("in the inbox") == 1  # only the item itself is in the inbox
    assert Item.objects.count() == 1


def test_a_bluesky_thread_is_read_with_its_parents(cast):
    bluesky_channel(cast.alice.organization)
    uri = "at://did:plc:kari/app.bsky.feed.post/3kari"
    root = f"at://{OURS}/app.bsky.feed.post/3root"
    item = item_on(cast, "bluesky", uri)

    def view(at: str, text: str, minute: int, did="did:plc:kari") -> dict:
        record = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": f"2026-11-20T15:{minute:02d}:00Z",
        }
        return {
            "uri": at,
            "cid": "bafyrei1",
            "author": {"did": did, "handle": "x.bsky.social"},
            "record": record,
            "indexedAt": f"2026-11-20T15:{minute:02d}:00Z",
        }

    thread = {
        "thread": {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": view(uri, "Når hentes glasset?", 5),
            "parent": {
                "$type": "app.bsky.feed.defs#threadViewPost",
                "post": view(root, "Glass og metall fra i dag", 1, OURS),
            },
            "replies": [],
        }
    }
    with signed_in_xrpc() as mock:
        mock.get("/app.bsky.feed.getPostThread").mock(return_value=httpx.Response(200, json=thread))
        shown = cast.client_for(cast.bob).get(f"/channels/items/{item.pk}/platform-thread/")
    text = shown.content.decode()
    assert text.index("Glass og metall") < text.index("Når hentes glasset?")


@responses.activate
def test_a_platform_that_cannot_be_asked_is_said(cast):
    mastodon_channel(cast.alice.organization)
    item = item_on(cast, "mastodon", "12")
    responses.get(f"{INSTANCE}/api/v1/statuses/12", status=503, json={"error": "down"})
    shown = cast.client_for(cast.bob).get(
        f"/channels/items/{item.pk}/platform-thread/", headers={"Accept-Language": "en"}
    )
    assert "could not be asked" in shown.content.decode()


def test_no_button_where_the_channel_is_not_connected_or_cannot_tell(cast):
    Channel.objects.create(
        organization=cast.alice.organization, key="facebook", platform="facebook"
    )
    item = item_on(cast, "facebook", "104_1_2")
    page = cast.client_for(cast.bob).get(f"/inbox/{item.pk}/").content.decode()
    assert "platform-thread" not in page


def test_another_organizations_member_sees_nothing(cast):
    mastodon_channel(cast.alice.organization)
    item = item_on(cast, "mastodon", "12")
    assert (
        cast.client_for(cast.mallory).get(f"/channels/items/{item.pk}/platform-thread/").status_code
        == 404
    )
