"""The channels page: connect, see each channel's health, read again; admins only act."""

import json

import pytest

from torget.channels.actions.receiving import do_read_received
from torget.channels.models import Channel, WebhookDelivery
from torget.channels.webhooks import signature_of
from torget.inbox.models import Item

pytestmark = pytest.mark.django_db
SECRET = "0123456789abcdef0123456789abcdef"


def connect(cast, **fields):
    form = {
        "platform": "facebook",
        "name": "Bymiljøetaten på Facebook",
        "key": "facebook",
        "account": "104543",
        "app_secret": SECRET,
    } | fields
    return cast.client_for(cast.alice).post("/channels/", form, headers={"Accept-Language": "en"})


def test_an_admin_connects_a_page_and_sees_what_to_enter_at_meta(cast):
    assert connect(cast).status_code == 302
    channel = Channel.objects.get()
    assert (channel.platform, channel.key, channel.settings) == (
        "facebook",
        "facebook",
        {"account": "104543"},
    )
    page = cast.client_for(cast.alice).get("/channels/", headers={"Accept-Language": "en"})
    text = page.content.decode()
    assert f"/hooks/{channel.hook_token}/" in text
    assert channel.secrets()["verify_token"] in text
    assert SECRET not in text and "stored encrypted" in text


def test_the_form_names_what_is_missing_or_taken(cast):
    missing = connect(cast, app_secret="")
    assert missing.status_code == 200 and "sign every webhook" in missing.content.decode()
    connect(cast)
    taken = connect(cast, name="Another")
    assert "already has this key" in taken.content.decode()
    assert Channel.objects.count() == 1


def test_responders_see_health_but_cannot_connect(cast):
    connect(cast)
    bob = cast.client_for(cast.bob)
    page = bob.get("/channels/").content.decode()
    assert "Bymiljøetaten på Facebook" in page and "/hooks/" not in page
    refused = bob.post("/channels/", {"platform": "sandbox", "name": "X", "key": "x"})
    assert refused.status_code == 403 and Channel.objects.count() == 1


def test_health_counts_today_and_read_again_takes_in_what_was_refused(cast):
    connect(cast)
    channel = Channel.objects.get()
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "104543",
                    "time": 1763650800,
                    "changes": [
                        {
                            "field": "feed",
                            "value": {
                                "item": "comment",
                                "verb": "add",
                                "comment_id": "1_2",
                                "post_id": "1",
                                "from": {"id": "9"},
                                "message": "Hei",
                            },
                        }
                    ],
                }
            ],
        }
    ).encode()
    WebhookDelivery.objects.create(
        organization=channel.organization,
        channel=channel,
        body=body,
        state="rejected",
        error="an old parser failed",
    )
    client = cast.client_for(cast.alice)
    page = client.get("/channels/", headers={"Accept-Language": "en"}).content.decode()
    assert "an old parser failed" in page
    client.post(f"/channels/{channel.pk}/read-again/")
    assert WebhookDelivery.objects.get().state == "accepted"
    assert Item.objects.filter(organization=channel.organization, external_id="1_2").count() == 1
    signed = client.post(
        f"/hooks/{channel.hook_token}/",
        body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature_of(SECRET, body)},
    )
    assert signed.status_code == 200  # the same comment again: still one item
    do_read_received(channel)
    assert Item.objects.count() == 1
    page = client.get("/channels/", headers={"Accept-Language": "en"}).content.decode()
    assert "<dt>Items received today</dt><dd>2</dd>" in page.replace("\n", "")


def test_another_organizations_channel_cannot_be_seen_or_touched(cast):
    connect(cast)
    channel = Channel.objects.get()
    mallory = cast.client_for(cast.mallory)
    assert "Bymiljøetaten på Facebook" not in mallory.get("/channels/").content.decode()
    assert mallory.post(f"/channels/{channel.pk}/read-again/").status_code == 404
