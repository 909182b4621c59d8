"""The reply box counts down from what the item's platform takes, as its connector declares."""

import pytest

from torget.channels.models import Channel
from torget.inbox.models import Reply
from torget.inbox.tests.conftest import body, receive

pytestmark = pytest.mark.django_db


def item_on(cast, key: str, handle="kari"):
    [item] = receive(cast, body("c1", channel=key, author={"name": "Kari", "handle": handle}))
    return item


def test_a_mastodon_reply_takes_500_characters_less_the_writers_name_put_before_it(cast):
    Channel.objects.create(
        organization=cast.alice.organization, key="social", platform="mastodon", name="M"
    )
    item = item_on(cast, "social", handle="kari@fjord.social")
    client = cast.client_for(cast.alice)
    # "@kari@fjord.social " goes before the text, and Mastodon counts it as "@kari ".
    assert 'maxlength="494"' in client.get(f"/inbox/{item.pk}/").content.decode()
    client.post(f"/inbox/{item.pk}/reply/", {"text": "x" * 495, "replies_seen": 0})
    assert not Reply.objects.exists()
    client.post(f"/inbox/{item.pk}/reply/", {"text": "x" * 494, "replies_seen": 0})
    assert Reply.objects.count() == 1


def test_the_same_key_in_another_organization_says_nothing_here(cast):
    Channel.objects.create(
        organization=cast.mallory.organization, key="facebook", platform="bluesky", name="B"
    )
    item = item_on(cast, "facebook")
    page = cast.client_for(cast.alice).get(f"/inbox/{item.pk}/").content.decode()
    assert 'maxlength="8000"' in page
