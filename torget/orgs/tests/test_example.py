"""A teaching test file: how Torget's tests are written. Read this first.

- Ask for the `cast` fixture (conftest.py) to get an organization with alice (owner), bob
  (responder on the Kundesenter team), carol (member) and mallory from another organization.
- Pages: `cast.client_for(member)` gives a logged-in Django test client acting as that member.
- API: `cast.api_for(member)` gives a client that sends a fresh bearer token for that member.
- Name tests `test_it_<does_something>` so the file reads as a specification.
- On list pages, count queries with one row and with several: the counts must be equal, so
  a missing select_related or prefetch shows up at once.
"""

from conftest import count_queries, join
from torget.orgs.actions.teams import do_create_team
from torget.orgs.models import Role, Team


def test_it_shows_the_teams_of_the_members_organization(cast):
    response = cast.client_for(cast.bob).get("/teams/")
    assert response.status_code == 200
    assert "Kundesenter" in response.content.decode()
    assert "Hemmelig team" not in response.content.decode()


def test_it_creates_a_team_through_the_api(cast):
    response = cast.api_for(cast.alice).post(
        "/api/v1/teams", {"name": "Kommunikasjon"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert Team.objects.filter(organization=cast.alice.organization, name="Kommunikasjon").exists()


def test_it_lists_teams_in_the_same_number_of_queries_however_many_there_are(cast):
    client = cast.client_for(cast.alice)
    with_one_team = count_queries(client, "/teams/")
    for n in range(5):
        team = do_create_team(cast.alice, f"Team {n}", calendar=cast.calendar)
        join(cast.alice, f"person{n}", Role.RESPONDER, [team])
    assert count_queries(client, "/teams/") == with_one_team
