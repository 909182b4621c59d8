import pytest

from conftest import count_queries, join
from torget.accounts.actions.tokens import do_create_token
from torget.orgs.actions.calendars import do_create_calendar
from torget.orgs.actions.invitations import do_create_invitation
from torget.orgs.actions.teams import do_create_team
from torget.orgs.models import DutyCalendar, Role

WEEK_FORM = {
    "name": "Kveldsvakt",
    "timezone": "Europe/Oslo",
    "follows_holidays": "on",
    "holiday_hours": "",
    "mon": "16:00–22:00",
    "tue": "16:00-22:00",
    "wed": "",
    "thu": "",
    "fri": "",
    "sat": "",
    "sun": "",
}


def test_it_shows_the_week_with_hours_holidays_and_exceptions(cast):
    cast.calendar.exceptions = [
        {"date": "2026-12-24", "hours": [["08:00", "12:00"]], "note": "Julaften"}
    ]
    cast.calendar.save()
    page = (
        cast.client_for(cast.bob)
        .get(f"/calendars/{cast.calendar.pk}/?week=2026-W52")
        .content.decode()
    )
    assert 'data-date="2026-12-21"' in page and 'data-date="2026-12-27"' in page
    assert "08:00–12:00" in page and "Julaften" in page
    assert "Første juledag" in page


def test_it_answers_htmx_week_navigation_with_only_the_week(cast):
    response = cast.client_for(cast.bob).get(
        f"/calendars/{cast.calendar.pk}/?week=2026-W14", headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "<html" not in page
    assert "Skjærtorsdag" in page


def test_it_falls_back_to_this_week_for_an_unreadable_week(cast):
    response = cast.client_for(cast.bob).get(f"/calendars/{cast.calendar.pk}/?week=banana")
    assert response.status_code == 200


def test_it_creates_a_calendar_from_the_form(cast):
    response = cast.client_for(cast.alice).post("/calendars/new/", WEEK_FORM)
    calendar = DutyCalendar.objects.get(name="Kveldsvakt")
    assert response.status_code == 302
    assert calendar.weekly["mon"] == [["16:00", "22:00"]]
    assert calendar.weekly["tue"] == [["16:00", "22:00"]]
    assert calendar.weekly["wed"] == []
    assert calendar.holidays == "NO"


def test_it_keeps_what_was_typed_when_hours_are_wrong(cast):
    response = cast.client_for(cast.alice).post(
        "/calendars/new/", WEEK_FORM | {"mon": "22:00–16:00"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "must end after it starts" in page
        or "etter at det begynner" in page
        or "etter at det byrjar" in page
    )
    assert 'value="22:00–16:00"' in page
    assert not DutyCalendar.objects.filter(name="Kveldsvakt").exists()


def test_it_saves_weekly_hours_and_keeps_exceptions(cast):
    cast.calendar.exceptions = [{"date": "2026-12-24", "hours": [], "note": ""}]
    cast.calendar.save()
    client = cast.client_for(cast.alice)
    client.post(
        f"/calendars/{cast.calendar.pk}/edit/",
        WEEK_FORM | {"name": "Kontortid", "follows_holidays": ""},
    )
    cast.calendar.refresh_from_db()
    assert cast.calendar.weekly["mon"] == [["16:00", "22:00"]]
    assert cast.calendar.holidays == ""
    assert cast.calendar.exceptions[0]["date"] == "2026-12-24"


def test_it_adds_and_removes_an_exception_with_htmx(cast):
    client = cast.client_for(cast.alice)
    url = f"/calendars/{cast.calendar.pk}/exceptions/"
    response = client.post(
        url + "?week=2026-W52",
        {"date": "2026-12-24", "hours": "08:00–12:00", "note": "Julaften"},
        headers={"HX-Request": "true"},
    )
    assert "<html" not in response.content.decode()
    assert "08:00–12:00" in response.content.decode()
    cast.calendar.refresh_from_db()
    assert cast.calendar.exceptions == [
        {"date": "2026-12-24", "hours": [["08:00", "12:00"]], "note": "Julaften"}
    ]
    client.post(url + "2026-12-24/remove/", headers={"HX-Request": "true"})
    cast.calendar.refresh_from_db()
    assert cast.calendar.exceptions == []


def test_it_reports_a_bad_exception_in_the_form(cast):
    response = cast.client_for(cast.alice).post(
        f"/calendars/{cast.calendar.pk}/exceptions/",
        {"date": "not a date", "hours": "08:00"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    cast.calendar.refresh_from_db()
    assert cast.calendar.exceptions == []


def test_it_forbids_editing_for_responders(cast):
    client = cast.client_for(cast.bob)
    assert client.get("/calendars/new/").status_code == 403
    assert client.get(f"/calendars/{cast.calendar.pk}/edit/").status_code == 403
    assert client.post(f"/calendars/{cast.calendar.pk}/edit/", WEEK_FORM).status_code == 403
    assert client.post(f"/calendars/{cast.calendar.pk}/delete/").status_code == 403
    page = client.get(f"/calendars/{cast.calendar.pk}/").content.decode()
    assert f"/calendars/{cast.calendar.pk}/edit/" not in page


def test_it_deletes_a_calendar(cast):
    response = cast.client_for(cast.alice).post(f"/calendars/{cast.calendar.pk}/delete/")
    assert response.status_code == 302
    assert not DutyCalendar.objects.filter(pk=cast.calendar.pk).exists()


@pytest.mark.parametrize("url", ["/", "/calendars/", "/people/", "/account/tokens/"])
def test_it_keeps_list_pages_at_a_fixed_number_of_queries(cast, url):
    client = cast.client_for(cast.alice)
    before = count_queries(client, url)
    for n in range(5):
        calendar = do_create_calendar(cast.alice, {"name": f"Vakt {n}", "weekly": {}})
        team = do_create_team(cast.alice, f"Team {n}", calendar=calendar)
        join(cast.alice, f"person{n}", Role.RESPONDER, [team])
        do_create_invitation(cast.alice, f"ny{n}@example.org", Role.MEMBER, [team])
        do_create_token(cast.alice, f"token {n}")
    assert count_queries(client, url) == before


@pytest.mark.parametrize("week", ["0001-W01", "9999-W52"])
def test_it_shows_this_week_for_a_week_out_of_range(cast, week):
    response = cast.client_for(cast.bob).get(f"/calendars/{cast.calendar.pk}/?week={week}")
    assert response.status_code == 200
