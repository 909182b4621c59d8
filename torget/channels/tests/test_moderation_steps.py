"""Moderation steps on their way out: hide, show again, delete, block and lifting the block go
through the outbox to each platform's API, at least once, and a platform that allows none such
says why."""

import json
from datetime import timedelta
from urllib.parse import parse_qs

import httpx
import pytest
import responses
import respx
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from torget.channels.actions.outbox import claim, do_deliver, do_deliver_due, do_queue_step
from torget.channels.connectors import connector_for, connectors
from torget.channels.connectors.base import MODERATION_VERBS
from torget.channels.connectors.facebook import GRAPH
from torget.channels.connectors.sandbox import moderated
from torget.channels.models import Channel, Outbound
from torget.channels.tests.bluesky_fakes import OURS, bluesky_channel, signed_in_xrpc
from torget.channels.tests.test_mastodon_polling import INSTANCE, mastodon_channel
from torget.channels.tests.test_meta_actions import ACCOUNT, PAGE, connected
from torget.moderation.models import AuditEntry

pytestmark = pytest.mark.django_db
KARI = "did:plc:kari"


@pytest.fixture(autouse=True)
def english(settings):
    """These tests read what platforms refuse in English; the catalogs are checked elsewhere."""
    settings.LANGUAGE_CODE = "en"


def sandbox(cast, **behaviour) -> Channel:
    return Channel.objects.create(
        organization=cast.alice.organization,
        key="sandbox",
        platform="sandbox",
        name="Sandkassen",
        settings=behaviour,
    )


def step(channel: Channel, action: str, target: str) -> Outbound:
    return do_deliver(do_queue_step(channel, action, target, None).pk)


def form(call) -> dict:
    return {key: values[0] for key, values in parse_qs(call.request.content.decode()).items()}


def test_each_platform_says_what_it_lets_an_account_do():
    allowed = {platform: set(found.moderates) for platform, found in connectors().items()}
    assert allowed == {
        "facebook": {"hide", "unhide", "delete", "block", "unblock"},
        "instagram": {"hide", "unhide", "delete"},
        "mastodon": {"block", "unblock"},
        "bluesky": {"block", "unblock"},
        "website": {"hide", "unhide", "delete"},
        "email": set(),
        "sandbox": {"hide", "unhide", "delete", "block", "unblock"},
    }


@pytest.mark.parametrize("platform", sorted(connectors()))
def test_what_a_platform_allows_agrees_with_its_limits(platform):
    found = connector_for(platform)
    assert found.moderates <= MODERATION_VERBS
    assert ("hide" in found.moderates) == found.limits.can_hide
    assert ("delete" in found.moderates) == found.limits.can_delete
    # A ban lifted in Torget is lifted on every platform that took the block.
    assert ("unblock" in found.moderates) == ("block" in found.moderates)


def test_what_a_platform_will_not_take_is_explained_and_the_rest_is_not():
    mastodon = connector_for("mastodon")
    assert mastodon.explain("block") == ""
    assert "report it to the server's moderators" in mastodon.explain("hide")
    assert connector_for("email").explain("delete") == (
        "E-mail cannot be hidden or deleted at the sender; Torget hides it here."
    )
    assert "Instagram app" in connector_for("instagram").explain("block")
    assert connector_for("facebook").explain("unblock") == ""
    assert "lifts the ban here" in connector_for("website").explain("unblock")
    for platform, found in connectors().items():
        for verb in MODERATION_VERBS - found.moderates:
            assert found.explain(verb), (platform, verb)


def test_a_step_is_queued_and_sent_for_delivery_once_the_moderators_work_is_saved(
    cast, django_capture_on_commit_callbacks
):
    channel = sandbox(cast)
    entry = AuditEntry.objects.create(
        organization=cast.alice.organization, actor_name="Bob", action=AuditEntry.Action.HIDE
    )
    with django_capture_on_commit_callbacks() as callbacks:
        outbound = do_queue_step(channel, "hide", "sandbox-c1", entry)
    assert len(callbacks) == 1
    assert (outbound.state, outbound.action, outbound.target) == ("queued", "hide", "sandbox-c1")
    assert outbound.reply is None and list(entry.steps.all()) == [outbound]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("restore_signal_handlers")
def test_the_worker_delivers_a_step_queued_with_the_moderators_work(cast):
    channel = sandbox(cast)
    with transaction.atomic():
        outbound = do_queue_step(channel, "block", "Ola Nordmann", None)
    call_command("worker", "--batch", "--no-startup-delay")
    outbound.refresh_from_db()
    channel.refresh_from_db()
    assert outbound.state == Outbound.State.SENT
    assert moderated(channel)["blocked"] == ["Ola Nordmann"]


def test_a_reply_is_not_a_step(cast):
    with pytest.raises(ValueError):
        do_queue_step(sandbox(cast), "reply", "c1", None)


def test_the_sandbox_hides_shows_again_deletes_and_blocks_so_the_demo_can_show_it(cast):
    channel = sandbox(cast)
    for action, target in [("hide", "c1"), ("hide", "c2"), ("unhide", "c1"), ("delete", "c3"),
                           ("block", "Ola Nordmann"), ("block", "Ola Nordmann")]:  # fmt: skip
        assert step(channel, action, target).state == Outbound.State.SENT
    channel.refresh_from_db()
    assert moderated(channel) == {"hidden": ["c2"], "deleted": ["c3"], "blocked": ["Ola Nordmann"]}


def test_the_sandbox_lifts_a_block_and_lifting_it_again_changes_nothing(cast):
    channel = sandbox(cast)
    for action, target in [("block", "Ola Nordmann"), ("block", "Kari"),
                           ("unblock", "Ola Nordmann"), ("unblock", "Ola Nordmann"),
                           ("unblock", "never blocked")]:  # fmt: skip
        assert step(channel, action, target).state == Outbound.State.SENT
    channel.refresh_from_db()
    assert moderated(channel)["blocked"] == ["Kari"]


def test_a_block_delivered_after_a_later_unblock_of_the_same_writer_is_not_taken(cast):
    channel = sandbox(cast)
    late_block = do_queue_step(channel, "block", "Ola Nordmann", None)
    other_writer = do_queue_step(channel, "block", "Kari", None)
    assert step(channel, "unblock", "Ola Nordmann").state == Outbound.State.SENT
    assert do_deliver(late_block.pk).state == Outbound.State.SUPERSEDED
    assert do_deliver(other_writer.pk).state == Outbound.State.SENT
    channel.refresh_from_db()
    assert moderated(channel)["blocked"] == ["Kari"]


def test_a_sandbox_refusing_fails_the_step_with_its_reason(cast):
    channel = sandbox(cast, refuse="The account is suspended")
    outbound = step(channel, "block", "Ola")
    assert outbound.state == Outbound.State.FAILED
    assert outbound.last_error == "The account is suspended"


def test_a_step_a_worker_left_half_done_is_simply_taken_again(cast):
    outbound = do_queue_step(sandbox(cast), "delete", "c9", None)
    now = timezone.now()
    assert claim(outbound.pk, now) is not None  # and then the worker died
    assert do_deliver_due(now + timedelta(minutes=10)) == 1
    outbound.refresh_from_db()
    assert outbound.state == Outbound.State.SENT and outbound.attempts == 1
    assert moderated(outbound.channel)["deleted"] == ["c9"]


@respx.mock
@pytest.mark.parametrize(("action", "hidden"), [("hide", "true"), ("unhide", "false")])
def test_a_facebook_comment_is_hidden_and_shown_again_through_the_outbox(cast, action, hidden):
    route = respx.post(f"{GRAPH}/{PAGE}_1_2").mock(httpx.Response(200, json={"success": True}))
    outbound = step(connected(cast, "facebook", PAGE), action, f"{PAGE}_1_2")
    assert outbound.state == Outbound.State.SENT and outbound.sent_at is not None
    assert form(route.calls.last) == {"is_hidden": hidden}


@respx.mock
def test_a_facebook_comment_is_deleted_through_the_outbox(cast):
    route = respx.delete(f"{GRAPH}/{PAGE}_1_2").mock(httpx.Response(200, json={"success": True}))
    assert step(connected(cast, "facebook", PAGE), "delete", f"{PAGE}_1_2").state == "sent"
    assert route.call_count == 1


@respx.mock
def test_a_writer_is_blocked_from_the_facebook_page_by_their_page_scoped_id(cast):
    route = respx.post(f"{GRAPH}/{PAGE}/blocked").mock(httpx.Response(200, json={"7001": True}))
    outbound = step(connected(cast, "facebook", PAGE), "block", "7001")
    assert outbound.state == Outbound.State.SENT
    assert form(route.calls.last) == {"user": "7001"}
    assert route.calls.last.request.url.params["access_token"] == "page-token"


@respx.mock
def test_a_writers_block_on_the_facebook_page_is_lifted_and_lifting_again_is_harmless(cast):
    route = respx.delete(f"{GRAPH}/{PAGE}/blocked").mock(
        httpx.Response(200, json={"success": True})
    )
    page = connected(cast, "facebook", PAGE)
    assert [step(page, "unblock", "7001").state for _ in range(2)] == ["sent", "sent"]
    assert route.call_count == 2
    params = route.calls.last.request.url.params
    assert (params["user"], params["access_token"]) == ("7001", "page-token")


@respx.mock
def test_a_step_meta_refuses_fails_with_metas_reason(cast):
    respx.post(f"{GRAPH}/{PAGE}/blocked").mock(
        httpx.Response(400, json={"error": {"message": "Invalid user id", "code": 100}})
    )
    outbound = step(connected(cast, "facebook", PAGE), "block", "nobody")
    assert outbound.state == Outbound.State.FAILED
    assert "Invalid user id" in outbound.last_error


@respx.mock
def test_a_rate_limited_step_waits_as_meta_asks_then_goes_through(cast):
    page = connected(cast, "facebook", PAGE)
    route = respx.delete(f"{GRAPH}/{PAGE}_1_2").mock(
        side_effect=[
            httpx.Response(
                400,
                json={"error": {"message": "Application request limit reached", "code": 4}},
                headers={"Retry-After": "120"},
            ),
            httpx.Response(200, json={"success": True}),
        ]
    )
    outbound = step(page, "delete", f"{PAGE}_1_2")
    assert outbound.state == Outbound.State.RETRYING and "rate limited" in outbound.last_error
    wait = (outbound.next_attempt_at - timezone.now()).total_seconds()
    assert 100 <= wait <= 120
    page.refresh_from_db()
    assert "request limit" in page.trouble
    again = do_deliver(outbound.pk, outbound.next_attempt_at + timedelta(seconds=1))
    assert (again.state, again.attempts, route.call_count) == (Outbound.State.SENT, 2, 2)


@respx.mock
def test_an_instagram_comment_is_hidden_with_its_own_field_through_the_outbox(cast):
    route = respx.post(f"{GRAPH}/1790").mock(httpx.Response(200, json={"success": True}))
    assert step(connected(cast, "instagram", ACCOUNT), "hide", "1790").state == "sent"
    assert form(route.calls.last) == {"hide": "true"}


@respx.mock(assert_all_called=False)
def test_instagram_cannot_block_and_the_step_says_so_without_asking(cast):
    blocked = respx.post(f"{GRAPH}/{ACCOUNT}/blocked")
    outbound = step(connected(cast, "instagram", ACCOUNT), "block", "17841")
    assert outbound.state == Outbound.State.FAILED
    assert outbound.last_error == connector_for("instagram").explain("block")
    assert not blocked.called


@responses.activate
def test_a_mastodon_writer_is_looked_up_and_blocked(cast):
    lookup = responses.get(
        f"{INSTANCE}/api/v1/accounts/lookup",
        json={"id": "4242", "acct": "kari@fjord.social", "username": "kari"},
    )
    block = responses.post(
        f"{INSTANCE}/api/v1/accounts/4242/block", json={"id": "4242", "blocking": True}
    )
    outbound = step(mastodon_channel(cast.alice.organization), "block", "@kari@fjord.social")
    assert outbound.state == Outbound.State.SENT
    assert lookup.calls[0].request.params == {"acct": "kari@fjord.social"}
    assert block.call_count == 1


@responses.activate
def test_a_mastodon_writer_is_looked_up_and_unblocked_and_again_is_harmless(cast):
    lookup = responses.get(
        f"{INSTANCE}/api/v1/accounts/lookup",
        json={"id": "4242", "acct": "kari@fjord.social", "username": "kari"},
    )
    unblock = responses.post(
        f"{INSTANCE}/api/v1/accounts/4242/unblock", json={"id": "4242", "blocking": False}
    )
    channel = mastodon_channel(cast.alice.organization)
    for _ in range(2):
        assert step(channel, "unblock", "@kari@fjord.social").state == Outbound.State.SENT
    assert lookup.calls[0].request.params == {"acct": "kari@fjord.social"}
    assert unblock.call_count == 2


@responses.activate
def test_a_mastodon_writer_the_server_does_not_know_fails_the_block(cast):
    responses.get(
        f"{INSTANCE}/api/v1/accounts/lookup", status=404, json={"error": "Record not found"}
    )
    outbound = step(mastodon_channel(cast.alice.organization), "block", "ghost@nowhere.social")
    assert outbound.state == Outbound.State.FAILED and "404" in outbound.last_error


@pytest.mark.parametrize("action", ["hide", "unhide", "delete"])
def test_mastodon_cannot_hide_or_delete_others_posts_and_the_step_says_why(cast, action):
    outbound = step(mastodon_channel(cast.alice.organization), action, "1101")
    assert outbound.state == Outbound.State.FAILED
    assert outbound.last_error.startswith("Mastodon does not let an account")


def profile(**viewer) -> httpx.Response:
    return httpx.Response(200, json={"did": KARI, "handle": "kari.bsky.social", "viewer": viewer})


def test_a_bluesky_writer_is_blocked_with_a_block_record(cast):
    with signed_in_xrpc() as xrpc:
        xrpc.get("/com.atproto.identity.resolveHandle").mock(
            httpx.Response(200, json={"did": KARI})
        )
        xrpc.get("/app.bsky.actor.getProfile").mock(profile())
        created = xrpc.post("/com.atproto.repo.createRecord").mock(
            httpx.Response(200, json={"uri": f"at://{OURS}/app.bsky.graph.block/3b", "cid": "b"})
        )
        outbound = step(bluesky_channel(cast.alice.organization), "block", "kari.bsky.social")
    assert outbound.state == Outbound.State.SENT
    body = created.calls.last.request.content.replace(b" ", b"")
    assert b'"collection":"app.bsky.graph.block"' in body and f'"repo":"{OURS}"'.encode() in body
    assert f'"subject":"{KARI}"'.encode() in body


def test_a_bluesky_writer_already_blocked_gets_no_second_block_record(cast):
    with signed_in_xrpc() as xrpc:
        xrpc.get("/app.bsky.actor.getProfile").mock(
            profile(blocking=f"at://{OURS}/app.bsky.graph.block/3b")
        )
        created = xrpc.post("/com.atproto.repo.createRecord")
        outbound = step(bluesky_channel(cast.alice.organization), "block", KARI)
    assert outbound.state == Outbound.State.SENT and not created.called


def block_records(*records, cursor=None) -> httpx.Response:
    """What listRecords answers for the account's app.bsky.graph.block collection."""
    page = {
        "records": [
            {
                "uri": f"at://{OURS}/app.bsky.graph.block/{rkey}",
                "cid": f"c{rkey}",
                "value": {
                    "$type": "app.bsky.graph.block",
                    "subject": subject,
                    "createdAt": "2026-11-30T10:00:00.000Z",
                },
            }
            for rkey, subject in records
        ]
    }
    return httpx.Response(200, json=page | ({"cursor": cursor} if cursor else {}))


def test_a_bluesky_writers_block_records_are_all_deleted_to_lift_the_block(cast):
    with signed_in_xrpc() as xrpc:
        xrpc.get("/com.atproto.identity.resolveHandle").mock(
            httpx.Response(200, json={"did": KARI})
        )
        listed = xrpc.get("/com.atproto.repo.listRecords").mock(
            side_effect=[
                block_records(("3a", KARI), ("3b", "did:plc:ola"), cursor="3b"),
                block_records(("3c", KARI)),
            ]
        )
        deleted = xrpc.post("/com.atproto.repo.deleteRecord").mock(httpx.Response(200, json={}))
        outbound = step(bluesky_channel(cast.alice.organization), "unblock", "@kari.bsky.social")
    assert outbound.state == Outbound.State.SENT
    first, second = (call.request.url.params for call in listed.calls)
    assert (first["repo"], first["collection"]) == (OURS, "app.bsky.graph.block")
    assert second["cursor"] == "3b"
    bodies = [json.loads(call.request.content) for call in deleted.calls]
    assert [(body["repo"], body["collection"], body["rkey"]) for body in bodies] == [
        (OURS, "app.bsky.graph.block", "3a"),
        (OURS, "app.bsky.graph.block", "3c"),
    ]


def test_a_bluesky_writer_not_blocked_is_left_as_is_when_the_block_is_lifted(cast):
    with signed_in_xrpc() as xrpc:
        xrpc.get("/com.atproto.repo.listRecords").mock(block_records(("3b", "did:plc:ola")))
        deleted = xrpc.post("/com.atproto.repo.deleteRecord")
        outbound = step(bluesky_channel(cast.alice.organization), "unblock", KARI)
    assert outbound.state == Outbound.State.SENT and not deleted.called


@pytest.mark.parametrize("platform", ["instagram", "website", "email"])
def test_a_platform_that_cannot_block_fails_the_unblock_with_what_to_do_instead(cast, platform):
    with respx.mock(assert_all_called=False) as platform_api:
        outbound = step(connected(cast, platform, ACCOUNT), "unblock", "17841")
    assert outbound.state == Outbound.State.FAILED
    assert outbound.last_error == connector_for(platform).explain("unblock")
    assert "lifts the ban here" in outbound.last_error
    assert not platform_api.calls


def test_bluesky_cannot_delete_others_posts_and_the_step_says_why(cast):
    outbound = step(bluesky_channel(cast.alice.organization), "delete", "at://x/post/1")
    assert outbound.state == Outbound.State.FAILED
    assert outbound.last_error == connector_for("bluesky").explain("delete")
