import pytest

from torget.orgs.models import DutyCalendar

BODY = {
    "name": "Kommunikasjon",
    "timezone": "Europe/Oslo",
    "weekly": {
        "mon": [["08:00", "22:00"]],
        "tue": [["08:00", "22:00"]],
        "wed": [["08:00", "22:00"]],
        "thu": [["08:00", "22:00"]],
        "fri": [["08:00", "22:00"]],
        "sat": [["10:00", "18:00"]],
        "sun": [["10:00", "18:00"]],
    },
    "holidays": "NO",
    "holiday_hours": [],
    "exceptions": [{"date": "2026-12-24", "hours": [["08:00", "12:00"]]}],
}


def post(client, body, path="/api/v1/calendars"):
    return client.post(path, body, content_type="application/json")


def test_it_creates_a_calendar_and_returns_it_as_sent(cast):
    response = post(cast.api_for(cast.alice), BODY)
    assert response.status_code == 201
    data = response.json()
    assert data["weekly"]["mon"] == [["08:00", "22:00"]]
    assert data["weekly"]["sun"] == [["10:00", "18:00"]]
    assert data["holidays"] == "NO"
    assert data["exceptions"][0]["date"] == "2026-12-24"
    assert DutyCalendar.objects.get(pk=data["id"]).organization == cast.alice.organization


def test_it_lists_only_the_organizations_calendars(cast):
    names = [c["name"] for c in cast.api_for(cast.alice).get("/api/v1/calendars").json()]
    assert names == ["Kontortid"]


def test_it_replaces_a_calendar_with_put(cast):
    client = cast.api_for(cast.alice)
    response = client.put(
        f"/api/v1/calendars/{cast.calendar.pk}",
        BODY | {"holidays": None},
        content_type="application/json",
    )
    assert response.status_code == 200
    cast.calendar.refresh_from_db()
    assert cast.calendar.name == "Kommunikasjon"
    assert cast.calendar.holidays == ""
    assert response.json()["team_ids"] == [cast.team.pk]


def test_it_deletes_a_calendar_and_leaves_the_team_without_one(cast):
    response = cast.api_for(cast.alice).delete(f"/api/v1/calendars/{cast.calendar.pk}")
    assert response.status_code == 204
    cast.team.refresh_from_db()
    assert cast.team.calendar is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"weekly": {"mon": [["08:00", "25:00"]]}}, "weekly.mon"),
        ({"weekly": {"mon": [["16:00", "08:00"]]}}, "must end after it starts"),
        ({"weekly": {"mon": [["08:00", "12:00"], ["11:00", "14:00"]]}}, "overlap"),
        ({"weekly": {"monday": [["08:00", "12:00"]]}}, "unknown days"),
        ({"timezone": "Europe/Atlantis"}, "Unknown time zone"),
        ({"holidays": "SE"}, "public-holiday"),
        ({"exceptions": [{"date": "2026-02-30", "hours": []}]}, "not a date"),
        ({"exceptions": [{"date": "2026-12-24"}, {"date": "2026-12-24"}]}, "listed twice"),
    ],
)
def test_it_rejects_a_bad_calendar_with_a_clear_message(cast, change, message):
    response = post(cast.api_for(cast.alice), BODY | change)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert DutyCalendar.objects.filter(organization=cast.alice.organization).count() == 1


def test_it_rejects_a_body_that_does_not_match_the_schema(cast):
    response = post(cast.api_for(cast.alice), {"weekly": {"mon": [["08:00"]]}})
    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["errors"]]
    assert ["body", "body", "name"] in locations


def test_it_answers_malformed_json_with_a_json_error(cast):
    response = cast.api_for(cast.alice).post(
        "/api/v1/calendars", "{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


def test_it_refuses_calendar_changes_below_admin(cast):
    response = post(cast.api_for(cast.bob), BODY)
    assert response.status_code == 403
    assert "Administrator" in response.json()["detail"]


def test_it_lets_a_responder_read_calendars(cast):
    response = cast.api_for(cast.bob).get(f"/api/v1/calendars/{cast.calendar.pk}")
    assert response.status_code == 200


def test_it_computes_staffed_time_for_a_calendar(cast):
    # Friday 2026-11-20 15:30 Oslo, office hours 08–16: 60 staffed minutes end Monday 08:30.
    response = cast.api_for(cast.bob).get(
        f"/api/v1/calendars/{cast.calendar.pk}/times",
        {"at": "2026-11-20T15:30:00+01:00", "minutes": 60},
    )
    data = response.json()
    assert response.status_code == 200
    assert data["is_open"] is True
    assert data["after_open_minutes"].startswith("2026-11-23T08:30:00")
    assert data["next_working_day_close"].startswith("2026-11-23T16:00:00")


def test_it_rejects_negative_minutes(cast):
    response = cast.api_for(cast.bob).get(
        f"/api/v1/calendars/{cast.calendar.pk}/times", {"minutes": -5}
    )
    assert response.status_code == 422


def test_it_publishes_an_openapi_document_and_docs(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/calendars" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.parametrize("at", ["9999-12-31T10:00:00Z", "0001-01-01T00:00:00"])
def test_it_refuses_instants_outside_working_years(cast, at):
    response = cast.api_for(cast.bob).get(f"/api/v1/calendars/{cast.calendar.pk}/times", {"at": at})
    assert response.status_code == 422
    assert "years" in response.json()["detail"]


def test_it_refuses_an_exception_in_year_one(cast):
    response = post(cast.api_for(cast.alice), BODY | {"exceptions": [{"date": "0001-01-01"}]})
    assert response.status_code == 422
    assert "outside the years" in response.json()["detail"]


def test_it_refuses_nul_characters_instead_of_failing_in_the_database(cast):
    response = post(cast.api_for(cast.alice), BODY | {"name": "Vakt\u0000"})
    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]
