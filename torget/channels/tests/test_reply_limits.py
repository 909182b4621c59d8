"""The reply box counts down from what the item's platform takes, as its connector declares."""

import pytest

from torget.channels.models import Channel
from torget.inbox.models import Reply
from torget.inbox.tests.conftest import body, receive

pytestmark = pytest.mark.django_db


def item_on(cast, key: str):
    [item] = receive(cast, body("c1", channel=key, author={"name": "Kari", "handle": "kari"}))
    return item


def test_an_item_on_a_connected_mastodon_account_takes_500_characters(cast):
    Channel.objects.create(
        organization=cast.alice.organization, key="social", platform="mastodon", name="M"
    )
    item = item_on(cast, "social")
    client = cast.client_for(cast.alice)
    assert 'maxlength="500"' in client.get(f"/inbox/{item.pk}/").content.decode()
    client.post(f"/inbox/{item.pk}/reply/", {"text": "x" * 501, "replies_seen": 0})
    assert not Reply.objects.exists()
    client.post(f"/inbox/{item.pk}/reply/", {"text": "x" * 500, "replies_seen": 0})
    assert Reply.objects.count() == 1


def test_the_same_key_in_another_organization_says_nothing_here(cast):
    Channel.objects.create(
        organization=cast.mallory.organization, key="facebook", platform="bluesky", name="B"
    )
    item = item_on(cast, "facebook")
    page = cast.client_for(cast.alice).get(f"/inbox/{item.pk}/").content.decode()
    assert 'maxlength="8000"' in page
