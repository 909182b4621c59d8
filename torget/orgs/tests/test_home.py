from datetime import datetime
from zoneinfo import ZoneInfo

from torget.orgs.calendars import status_at

OSLO = ZoneInfo("Europe/Oslo")


def test_it_says_until_when_an_open_team_is_staffed(cast):
    status = status_at(cast.calendar, datetime(2026, 11, 20, 10, 0, tzinfo=OSLO))
    assert status.is_open
    assert status.changes_at == datetime(2026, 11, 20, 16, 0, tzinfo=OSLO)


def test_it_says_when_a_closed_team_opens(cast):
    status = status_at(cast.calendar, datetime(2026, 11, 20, 17, 0, tzinfo=OSLO))
    assert not status.is_open
    assert status.changes_at == datetime(2026, 11, 23, 8, 0, tzinfo=OSLO)


def test_it_shows_each_teams_duty_on_the_overview(cast):
    page = cast.client_for(cast.bob).get("/").content.decode()
    assert "Kundesenter" in page
    assert "Kontortid" in page


def test_it_explains_when_a_person_has_no_organization(db, client):
    from conftest import make_user

    client.force_login(make_user("newcomer"))
    response = client.get("/")
    assert response.status_code == 403
    assert (
        "invitation" in response.content.decode().lower()
        or "invitasjon" in response.content.decode()
    )


def test_it_sends_anonymous_visitors_to_the_login(client):
    response = client.get("/calendars/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
