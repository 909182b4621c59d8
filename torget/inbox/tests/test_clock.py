"""Warnings before items fall due, breaches when they do, and nobody woken at night."""

from torget.inbox.actions.clock import do_check_due_items
from torget.inbox.models import Alert
from torget.inbox.tests.conftest import body, oslo, receive


def test_it_warns_once_shortly_before_and_records_the_breach_at_the_due_time(inbox):
    inbox.team.lead = inbox.alice
    inbox.team.save()
    item = receive(inbox, body("m1", kind="message", response_class=inbox.at_once.pk))[0]
    assert item.due_at == oslo(2026, 11, 20, 10, 30)
    assert do_check_due_items(oslo(2026, 11, 20, 10, 20)) == (1, 0)
    assert do_check_due_items(oslo(2026, 11, 20, 10, 25)) == (0, 0)
    assert do_check_due_items(oslo(2026, 11, 20, 10, 41)) == (0, 1)
    item.refresh_from_db()
    assert item.breached_at == oslo(2026, 11, 20, 10, 30)
    assert list(Alert.objects.values_list("kind", flat=True).order_by("created_at")) == [
        "warning",
        "breach",
    ]


def test_it_never_breaches_an_answered_item(inbox):
    item = receive(inbox, body("m1", kind="message", response_class=inbox.at_once.pk))[0]
    inbox.client_for(inbox.bob).post(f"/inbox/{item.pk}/reply/", {"text": "Hei!"})
    assert do_check_due_items(oslo(2026, 11, 21, 12, 0)) == (0, 0)


def test_it_holds_a_night_alert_for_a_day_team_until_its_shift(inbox):
    inbox.team.lead = inbox.alice
    inbox.team.save()
    # Due on the office calendar at Monday 08:30; the clock notices at 23:00 on Monday night.
    item = receive(
        inbox,
        body(
            "m1",
            kind="message",
            response_class=inbox.at_once.pk,
            received_at="2026-11-23T07:00:00+01:00",
        ),
    )[0]
    do_check_due_items(oslo(2026, 11, 23, 23, 0))
    breach = Alert.objects.get(item=item, kind="breach")
    assert breach.show_after == oslo(2026, 11, 24, 8, 0)
