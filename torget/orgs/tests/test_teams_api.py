def test_it_creates_a_team_with_a_calendar(cast):
    response = cast.api_for(cast.alice).post(
        "/api/v1/teams",
        {"name": "Kommunikasjon", "description": "Kommentarfelt", "calendar_id": cast.calendar.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["calendar_id"] == cast.calendar.pk


def test_it_refuses_a_second_team_with_the_same_name(cast):
    response = cast.api_for(cast.alice).post(
        "/api/v1/teams", {"name": "kundesenter"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "already a team" in response.json()["detail"]


def test_it_renames_and_deletes_a_team(cast):
    client = cast.api_for(cast.alice)
    url = f"/api/v1/teams/{cast.team.pk}"
    renamed = client.put(url, {"name": "Kundeservice"}, content_type="application/json")
    assert renamed.json()["name"] == "Kundeservice"
    assert renamed.json()["calendar_id"] is None
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


def test_it_refuses_team_changes_by_a_member(cast):
    response = cast.api_for(cast.carol).delete(f"/api/v1/teams/{cast.team.pk}")
    assert response.status_code == 403


def test_it_tells_the_token_holder_who_they_are(cast):
    data = cast.api_for(cast.bob).get("/api/v1/me").json()
    assert data == {
        "username": "bob",
        "organization": "Bymiljøetaten",
        "organization_slug": cast.alice.organization.slug,
        "role": "responder",
    }


def test_it_refuses_requests_without_a_valid_token(client, db):
    assert client.get("/api/v1/teams").status_code == 401
    wrong = client.get("/api/v1/teams", headers={"Authorization": "Bearer tg_nonsense"})
    assert wrong.status_code == 401
    assert "Bearer" in wrong.json()["detail"]


def test_it_refuses_nul_characters_in_a_team_name(cast):
    response = cast.api_for(cast.alice).post(
        "/api/v1/teams", {"name": "a\u0000b"}, content_type="application/json"
    )
    assert response.status_code == 422


def test_it_answers_json_for_a_method_the_path_does_not_take(cast):
    response = cast.api_for(cast.alice).patch(f"/api/v1/teams/{cast.team.pk}", {})
    assert response.status_code == 405
    assert response.json()["detail"] == "Method Not Allowed"
    assert "PUT" in response["Allow"]


def test_it_answers_json_for_an_unknown_api_path(cast):
    response = cast.api_for(cast.alice).get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_it_answers_json_for_a_body_that_is_too_large(cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = cast.api_for(cast.alice).post(
        "/api/v1/teams", {"name": "x" * 2000}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_it_serves_the_api_docs_without_a_cdn(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in page
