"""Nobody reaches another organization's data, through pages or the API."""

import pytest

from torget.orgs.middleware import SESSION_KEY


@pytest.mark.parametrize(
    "path",
    ["/teams/{team}/", "/calendars/{calendar}/", "/calendars/{calendar}/edit/"],
)
def test_it_hides_another_organizations_pages(cast, path):
    url = path.format(team=cast.team.pk, calendar=cast.calendar.pk)
    response = cast.client_for(cast.mallory).get(url)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/teams/{team}/delete/",
        "/calendars/{calendar}/delete/",
        "/calendars/{calendar}/exceptions/",
        "/people/{bob}/role/",
        "/people/{bob}/remove/",
    ],
)
def test_it_refuses_writes_to_another_organization(cast, path):
    url = path.format(team=cast.team.pk, calendar=cast.calendar.pk, bob=cast.bob.pk)
    response = cast.client_for(cast.mallory).post(url, {"role": "owner", "date": "2026-12-24"})
    assert response.status_code == 404
    cast.team.refresh_from_db()
    cast.calendar.refresh_from_db()
    cast.bob.refresh_from_db()
    assert cast.bob.role == "responder"
    assert cast.calendar.exceptions == []


def test_it_keeps_other_organizations_out_of_lists(cast):
    client = cast.client_for(cast.mallory)
    for url in ["/", "/teams/", "/calendars/", "/people/"]:
        page = client.get(url).content.decode()
        assert "Kundesenter" not in page and "Kontortid" not in page and "bob" not in page


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/teams/{team}"),
        ("put", "/api/v1/teams/{team}"),
        ("delete", "/api/v1/teams/{team}"),
        ("get", "/api/v1/calendars/{calendar}"),
        ("put", "/api/v1/calendars/{calendar}"),
        ("delete", "/api/v1/calendars/{calendar}"),
        ("get", "/api/v1/calendars/{calendar}/times"),
    ],
)
def test_it_answers_404_for_another_organizations_rows_in_the_api(cast, method, path):
    url = path.format(team=cast.team.pk, calendar=cast.calendar.pk)
    body = {"name": "Kapret"}
    response = getattr(cast.api_for(cast.mallory), method)(
        url, body, content_type="application/json"
    )
    assert response.status_code == 404
    cast.team.refresh_from_db()
    assert cast.team.name == "Kundesenter"


def test_it_refuses_to_attach_another_organizations_calendar(cast):
    response = cast.api_for(cast.mallory).post(
        "/api/v1/teams",
        {"name": "Ny", "calendar_id": cast.calendar.pk},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_it_ignores_a_switch_to_an_organization_one_is_not_in(cast):
    client = cast.client_for(cast.mallory)
    client.post("/organization/switch/", {"organization": cast.alice.organization_id})
    assert client.session.get(SESSION_KEY) is None
    assert "Kundesenter" not in client.get("/teams/").content.decode()


def test_it_scopes_a_token_to_the_organization_it_was_made_for(cast):
    cast.bob.user.memberships.create(organization=cast.mallory.organization, role="owner")
    names = [team["name"] for team in cast.api_for(cast.bob).get("/api/v1/teams").json()]
    assert names == ["Kundesenter"]


@pytest.mark.parametrize("chosen", ["abc", "", "99999"])
def test_it_ignores_an_unreadable_organization_choice(cast, chosen):
    client = cast.client_for(cast.alice)
    response = client.post("/organization/switch/", {"organization": chosen})
    assert response.status_code == 302
    assert client.session.get(SESSION_KEY) is None


def test_it_sends_an_anonymous_switch_to_the_login(client, db):
    response = client.post("/organization/switch/", {"organization": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_switches_and_starts_on_the_overview(cast):
    cast.mallory.user.memberships.create(organization=cast.alice.organization, role="member")
    client = cast.client_for(cast.mallory)
    response = client.post("/organization/switch/", {"organization": cast.alice.organization_id})
    assert response["Location"] == "/"
    assert "Kundesenter" in client.get("/teams/").content.decode()


def test_it_refuses_rows_of_another_organization_inside_actions(cast):
    from django.core.exceptions import PermissionDenied

    from torget.orgs.actions.teams import do_update_team

    with pytest.raises(PermissionDenied):
        do_update_team(cast.alice, cast.team, "Kundesenter", "", cast.other_calendar)
    with pytest.raises(PermissionDenied):
        do_update_team(cast.alice, cast.other_team, "Kapret", "", None)
