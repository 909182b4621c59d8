"""Meta's webhooks end to end: handshake, signature, the inbox, and nothing lost or doubled."""

import json
import logging
import time

import pytest
from django.test import Client

from torget.channels.actions.receiving import READ_EVERY, do_read_received
from torget.channels.models import Channel, WebhookDelivery
from torget.channels.secrets import masked
from torget.channels.webhooks import signature_of
from torget.inbox.models import Item, ItemRevision, Status

pytestmark = pytest.mark.django_db
APP_SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
PAGE = "104543"


@pytest.fixture
def page(cast) -> Channel:
    channel = Channel(
        organization=cast.alice.organization, key="facebook", platform="facebook", name="Siden"
    )
    channel.set_secrets({"app_secret": APP_SECRET, "verify_token": "fjord-2026"})
    channel.save()
    return channel


def feed(verb: str, comment_id: str = f"{PAGE}_1_2", **value) -> bytes:
    change = {
        "item": "comment",
        "verb": verb,
        "comment_id": comment_id,
        "post_id": f"{PAGE}_1",
        "parent_id": f"{PAGE}_1",
        "from": {"id": "777", "name": "Kari Nordmann"},
        "created_time": 1763650800,
        "message": "Når kommer bossbilen?",
    } | value
    entry = {"id": PAGE, "time": 1763650800, "changes": [{"field": "feed", "value": change}]}
    return json.dumps({"object": "page", "entry": [entry]}).encode()


def deliver(channel: Channel, body: bytes, signature: str | None = None):
    """Meta posts; Torget answers at once and the worker reads what it kept."""
    signature = signature_of(APP_SECRET, body) if signature is None else signature
    response = Client().post(
        f"/hooks/{channel.hook_token}/",
        body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature},
    )
    do_read_received(channel)
    return response


def test_the_subscription_handshake_answers_only_the_right_token(page):
    url = f"/hooks/{page.hook_token}/"
    ok = Client().get(
        url,
        {"hub.mode": "subscribe", "hub.verify_token": "fjord-2026", "hub.challenge": "1158201444"},
    )
    assert (ok.status_code, ok.content) == (200, b"1158201444")
    wrong = Client().get(
        url, {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"}
    )
    assert wrong.status_code == 403
    assert Client().get("/hooks/not-a-channel/").status_code == 404


def test_a_signed_comment_lands_in_the_inbox_once_however_often_it_comes(page):
    first = deliver(page, feed("add"))
    assert first.status_code == 200 and first.json()["state"] == "received"
    assert deliver(page, feed("add")).status_code == 200  # Meta delivers again after a timeout
    item = Item.objects.get()
    assert (item.channel, item.external_id, item.kind) == ("facebook", f"{PAGE}_1_2", "comment")
    assert item.author.name == "Kari Nordmann" and item.status == Status.OPEN
    assert WebhookDelivery.objects.filter(state="accepted").count() == 2


def test_edits_keep_history_and_removals_close_without_losing_the_item(page):
    deliver(page, feed("add"))
    deliver(page, feed("edited", message="Når kommer bossbilen? Det er tirsdag nå."))
    item = Item.objects.get()
    assert item.text.endswith("tirsdag nå.")
    assert ItemRevision.objects.get(item=item).text == "Når kommer bossbilen?"
    deliver(page, feed("remove"))
    item.refresh_from_db()
    assert (item.status, item.no_reply_reason) == (Status.NO_REPLY, "removed")


def test_a_reply_that_arrives_before_its_parent_is_threaded_when_the_parent_comes(page):
    reply = feed("add", comment_id=f"{PAGE}_1_3", parent_id=f"{PAGE}_1_2", message="Enig!")
    deliver(page, reply)
    deliver(page, feed("add"))
    parent = Item.objects.get(external_id=f"{PAGE}_1_2")
    assert Item.objects.get(external_id=f"{PAGE}_1_3").parent == parent


@pytest.mark.parametrize("signature", ["", "sha256=00", "sha1=abc"])
def test_unsigned_or_wrongly_signed_bodies_are_refused_logged_and_not_kept(page, signature, caplog):
    with caplog.at_level(logging.WARNING, logger="torget.channels.webhooks"):
        response = deliver(page, feed("add"), signature=signature)
    assert response.status_code == 403
    assert not Item.objects.exists() and not WebhookDelivery.objects.exists()
    assert "wrongly signed" in caplog.text and APP_SECRET not in caplog.text


def test_a_body_signed_with_another_apps_secret_is_refused(page):
    body = feed("add")
    assert deliver(page, body, signature=signature_of("another-app", body)).status_code == 403


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"object": "page", "entry": [{"time": 1}]}', "missing field id"),
        (b'{"object": "page", "entry": [{"id": "1", "messaging": {"a": 1}}]}', "TypeError"),
        (b"not json at all", "not JSON"),
    ],
)
def test_a_signed_body_that_is_not_understood_is_kept_and_named(page, body, reason):
    response = deliver(page, body)
    # Taken, so the platform does not resend it for hours; kept, to be read again later.
    assert response.status_code == 200 and reason in response.json()["error"]
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "rejected" and bytes(delivery.body) == body
    assert reason in delivery.error and not Item.objects.exists()


def test_a_channel_whose_secrets_cannot_be_read_turns_webhooks_away_to_come_again(page):
    Channel.objects.filter(pk=page.pk).update(sealed_secrets="gAAAAA-sealed-with-another-key")
    response = deliver(page, feed("add"))
    assert response.status_code == 503 and not WebhookDelivery.objects.exists()


def test_a_channels_webhook_writes_only_into_its_own_organization(page, cast):
    other = Channel(
        organization=cast.mallory.organization,
        key="facebook",
        platform="facebook",
        name="Annen side",
    )
    other.set_secrets({"app_secret": APP_SECRET})
    other.save()
    deliver(other, feed("add"))
    assert Item.objects.get().organization == cast.mallory.organization
    assert not Item.objects.filter(organization=cast.alice.organization).exists()


def test_secrets_are_sealed_at_rest_and_shown_masked(page):
    stored = Channel.objects.values_list("sealed_secrets", flat=True).get(pk=page.pk)
    assert APP_SECRET not in stored and "fjord-2026" not in stored
    assert Channel.objects.get(pk=page.pk).secrets()["app_secret"] == APP_SECRET
    assert masked(APP_SECRET) == "••••••••b1a0"


@pytest.mark.django_db(transaction=True)
def test_the_worker_reads_what_was_kept_into_the_inbox(page, restore_signal_handlers):
    from django.core.management import call_command

    response = Client().post(
        f"/hooks/{page.hook_token}/",
        feed("add"),
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature_of(APP_SECRET, feed("add"))},
    )
    assert response.status_code == 200 and not Item.objects.exists()
    assert WebhookDelivery.objects.get().state == "received"
    time.sleep(READ_EVERY + 0.1)  # the reading task runs at the end of the second
    call_command("worker", "--batch", "--no-startup-delay")
    assert Item.objects.get().external_id == f"{PAGE}_1_2"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.items) == ("accepted", 1)


def test_many_kept_bodies_are_read_in_one_batch_and_a_bad_item_holds_back_no_other(page):
    bodies = [feed("add", comment_id=f"{PAGE}_1_{n}") for n in range(5)]
    bodies.insert(2, feed("add", comment_id=f"{PAGE}_1_x", message="\u0000"))  # NUL: refused
    for body in bodies:
        Client().post(
            f"/hooks/{page.hook_token}/",
            body,
            content_type="application/json",
            headers={"X-Hub-Signature-256": signature_of(APP_SECRET, body)},
        )
    assert do_read_received(page) == 5
    assert Item.objects.count() == 5
    refused = WebhookDelivery.objects.get(state="rejected")
    assert "text" in refused.error and b"_1_x" in bytes(refused.body)
