"""Items dealt out among those on duty; held items return when someone goes off duty."""

import pytest

from conftest import join
from torget.inbox.actions.assignment import do_deal_out, do_set_on_duty
from torget.inbox.models import Item
from torget.inbox.tests.conftest import body, oslo, receive
from torget.orgs.models import Assignment


def auto(inbox, strategy):
    inbox.team.assignment = strategy
    inbox.team.save()
    dana = join(inbox.alice, "dana", "responder", [inbox.team])
    return dana


def messages(inbox, n):
    return [body(f"m{i}", kind="message", author={"handle": f"p{i}"}) for i in range(n)]


def test_it_deals_round_robin_among_people_on_duty(inbox):
    dana = auto(inbox, Assignment.ROUND_ROBIN)
    receive(inbox, *messages(inbox, 4))
    do_deal_out(inbox.team, oslo(2026, 11, 20, 10, 0))
    counts = {
        m.user.username: Item.objects.filter(assigned_to=m).count() for m in (inbox.bob, dana)
    }
    assert counts == {"bob": 2, "dana": 2}


def test_it_gives_the_next_item_to_the_least_loaded(inbox):
    dana = auto(inbox, Assignment.LEAST_LOADED)
    first = receive(inbox, *messages(inbox, 3))
    Item.objects.filter(pk__in=[i.pk for i in first]).update(assigned_to=inbox.bob)
    receive(inbox, body("m9", kind="message", author={"handle": "p9"}))
    do_deal_out(inbox.team, oslo(2026, 11, 20, 10, 0))
    assert Item.objects.get(external_id="m9").assigned_to == dana


@pytest.mark.parametrize("strategy", [Assignment.ROUND_ROBIN, Assignment.LEAST_LOADED])
def test_it_deals_nothing_while_the_team_is_closed(inbox, strategy):
    auto(inbox, strategy)
    receive(inbox, *messages(inbox, 2))
    Item.objects.update(assigned_to=None)
    assert do_deal_out(inbox.team, oslo(2026, 11, 21, 12, 0)) == 0


def test_it_returns_held_items_to_colleagues_when_someone_goes_off_duty(inbox):
    dana = auto(inbox, Assignment.LEAST_LOADED)
    items = receive(inbox, *messages(inbox, 2))
    Item.objects.filter(pk__in=[i.pk for i in items]).update(assigned_to=inbox.bob)
    returned = do_set_on_duty(inbox.bob, False, oslo(2026, 11, 20, 10, 0))
    assert returned == 2
    assert set(Item.objects.values_list("assigned_to", flat=True)) == {dana.pk}
