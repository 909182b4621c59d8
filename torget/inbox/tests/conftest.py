from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from torget.inbox.actions.classes import do_create_default_classes
from torget.inbox.models import TriageRule
from torget.orgs.actions.calendars import do_create_calendar
from torget.orgs.actions.teams import do_create_team

OSLO = ZoneInfo("Europe/Oslo")
DAY_EVENING_WEEKEND = {
    **{day: [["08:00", "22:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
    "sat": [["10:00", "18:00"]],
    "sun": [["10:00", "18:00"]],
}


@pytest.fixture(autouse=True)
def english(settings):
    """Inbox tests read the English interface; the catalogs are checked elsewhere."""
    settings.LANGUAGE_CODE = "en"


def oslo(*args) -> datetime:
    return datetime(*args, tzinfo=OSLO)


@pytest.fixture
def inbox(cast):
    """The agency's inbox: Kommunikasjon answers day, evening and weekend; Kundesenter (the
    cast's team, office hours 08–16) takes direct messages; the three default classes."""
    communications_calendar = do_create_calendar(
        cast.alice, {"name": "Dag, kveld og helg", "weekly": DAY_EVENING_WEEKEND}
    )
    communications = do_create_team(cast.alice, "Kommunikasjon", "", communications_calendar)
    at_once, during_day, next_day = do_create_default_classes(
        cast.alice.organization, communications_calendar, cast.calendar
    )
    TriageRule.objects.create(
        organization=cast.alice.organization,
        name="Direktemeldinger til Kundesenter",
        position=1,
        conditions={"kinds": ["message", "email"]},
        team=cast.team,
    )
    TriageRule.objects.create(
        organization=cast.alice.organization,
        name="Kommentarer på våre innlegg",
        position=2,
        conditions={"on_our_post": True},
        team=communications,
    )
    cast.communications = communications
    cast.at_once, cast.during_day, cast.next_day = at_once, during_day, next_day
    return cast


def body(external_id="c1", **overrides) -> dict:
    return {
        "channel": "facebook",
        "external_id": external_id,
        "kind": "comment",
        "author": {"name": "Kari Nordmann", "handle": "kari.n"},
        "text": "Når blir søppelet hentet i Tøyengata?",
        "received_at": "2026-11-20T10:00:00+01:00",
    } | overrides


def receive(inbox, *bodies):
    """Items arriving as a channel would deliver them; returns the stored items."""
    from torget.inbox.actions.ingest import do_receive_items
    from torget.inbox.api import known_ids
    from torget.inbox.ingest import check_item

    checked = [check_item(b, *known_ids(inbox.alice)) for b in bodies]
    return [r.item for r in do_receive_items(inbox.alice.organization, checked)]
