"""The sandbox steered from its channel's page: failures, delays, rate limits and refusals
on demand, and a citizen's comment that arrives as any platform's does."""

import pytest

from torget.channels.actions.outbox import do_deliver
from torget.channels.actions.receiving import do_read_received
from torget.channels.models import Channel, Outbound
from torget.inbox.actions.items import do_reply_item
from torget.inbox.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def sandbox(cast) -> Channel:
    return Channel.objects.create(
        organization=cast.alice.organization, key="sandbox", platform="sandbox", name="Sandbox"
    )


def steer(cast, sandbox, member=None, **fields):
    prefixed = {f"sandbox-{sandbox.pk}-{key}": value for key, value in fields.items()}
    client = cast.client_for(member or cast.alice)
    url = f"/channels/{sandbox.pk}/sandbox/behaviour/"
    return client.post(url, prefixed, headers={"Accept-Language": "en"})


def write(cast, sandbox, member=None, **fields):
    given = {"name": "Kari", "text": "Når kommer bossbilen?", "page": "https://sandbox.invalid/a"}
    prefixed = {f"citizen-{sandbox.pk}-{key}": value for key, value in (given | fields).items()}
    client = cast.client_for(member or cast.alice)
    return client.post(f"/channels/{sandbox.pk}/sandbox/citizen/", prefixed)


def test_a_citizens_comment_arrives_in_the_inbox(cast, sandbox):
    assert write(cast, sandbox).status_code == 302
    do_read_received(sandbox)
    item = Item.objects.get(channel="sandbox")
    assert item.text == "Når kommer bossbilen?" and item.author.name == "Kari"


def test_the_sandbox_fails_then_delivers_as_told(cast, sandbox):
    steer(cast, sandbox, fail_next=1, delay_ms=0)
    sandbox.refresh_from_db()
    assert sandbox.settings == {"fail_next": 1}
    write(cast, sandbox)
    do_read_received(sandbox)
    reply = do_reply_item(cast.alice, Item.objects.get(channel="sandbox"), "Tirsdag!")
    assert do_deliver(reply.outbound.pk).state == Outbound.State.RETRYING
    Outbound.objects.filter(pk=reply.outbound.pk).update(next_attempt_at=reply.outbound.created_at)
    assert do_deliver(reply.outbound.pk).state == Outbound.State.SENT


def test_a_refusal_set_on_the_page_is_what_the_reply_fails_with(cast, sandbox):
    steer(cast, sandbox, refuse="Kontoen er stengt")
    write(cast, sandbox)
    do_read_received(sandbox)
    reply = do_reply_item(cast.alice, Item.objects.get(channel="sandbox"), "Hei")
    outbound = do_deliver(reply.outbound.pk)
    assert outbound.state == Outbound.State.FAILED and outbound.last_error == "Kontoen er stengt"


def test_clearing_the_fields_returns_the_sandbox_to_normal(cast, sandbox):
    steer(cast, sandbox, rate_limit_per_minute=5, refuse="nei")
    steer(cast, sandbox)
    sandbox.refresh_from_db()
    assert sandbox.settings == {}


def test_bad_values_are_said_and_change_nothing(cast, sandbox):
    client = cast.client_for(cast.alice)
    url = f"/channels/{sandbox.pk}/sandbox/behaviour/"
    english = {"Accept-Language": "en"}
    answer = client.post(url, {f"sandbox-{sandbox.pk}-delay_ms": "-5"}, headers=english)
    sandbox.refresh_from_db()
    assert sandbox.settings == {}
    page = client.get(answer["Location"], headers=english)
    assert "greater than or equal to 0" in page.content.decode()


def test_only_admins_steer_and_only_their_own_sandbox(cast, sandbox):
    assert steer(cast, sandbox, cast.bob, fail_next=3).status_code == 403
    assert write(cast, sandbox, cast.bob).status_code == 403
    assert steer(cast, sandbox, cast.mallory, fail_next=3).status_code == 404
    sandbox.refresh_from_db()
    assert sandbox.settings == {} and not sandbox.deliveries.exists()


def test_a_real_platform_cannot_be_steered(cast):
    mastodon = Channel.objects.create(
        organization=cast.alice.organization, key="m", platform="mastodon", name="M"
    )
    write(cast, mastodon)
    assert not mastodon.deliveries.exists()


def test_the_page_shows_the_controls_to_admins(cast, sandbox):
    page = cast.client_for(cast.alice).get("/channels/", headers={"Accept-Language": "en"})
    assert "Steer the sandbox" in page.content.decode()
    assert "Steer the sandbox" not in cast.client_for(cast.bob).get("/channels/").content.decode()
