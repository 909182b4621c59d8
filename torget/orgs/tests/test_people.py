"""The people page: roles, removal, and invitations, with owners protected from lock-out."""

import re

import pytest
from django.core import mail

from conftest import join
from torget.orgs.actions.invitations import do_create_invitation
from torget.orgs.actions.teams import do_create_team
from torget.orgs.models import Invitation, Membership, Role


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def dave(cast):
    """An administrator of alice's organization."""
    return join(cast.alice, "dave", Role.ADMIN)


def role_of(member):
    member.refresh_from_db()
    return member.role


def shown_link(response):
    match = re.search(r'<p class="secret">([^<]*/invite/[^<]+)</p>', response.content.decode())
    return match and match.group(1)


def test_it_shows_the_invite_form_to_admins(cast, dave):
    page = cast.client_for(dave).get("/people/").content.decode()
    assert "Create invitation" in page
    assert "Set role" in page


def test_it_hides_the_invite_form_from_members(cast):
    response = cast.client_for(cast.carol).get("/people/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bob" in page
    assert "Create invitation" not in page
    assert "Set role" not in page


def test_it_lets_an_admin_change_a_role(cast, dave):
    response = cast.client_for(dave).post(f"/people/{cast.carol.pk}/role/", {"role": "editor"})
    assert response.status_code == 302
    assert response.url == "/people/"
    assert role_of(cast.carol) == Role.EDITOR


def test_it_does_not_let_an_admin_make_an_owner(cast, dave):
    response = cast.client_for(dave).post(f"/people/{cast.carol.pk}/role/", {"role": "owner"})
    assert response.status_code == 403
    assert role_of(cast.carol) == Role.MEMBER


def test_it_does_not_let_an_admin_demote_an_owner(cast, dave):
    response = cast.client_for(dave).post(f"/people/{cast.alice.pk}/role/", {"role": "member"})
    assert response.status_code == 403
    assert role_of(cast.alice) == Role.OWNER


def test_it_lets_an_owner_make_an_owner(cast):
    client = cast.client_for(cast.alice)
    assert client.post(f"/people/{cast.carol.pk}/role/", {"role": "owner"}).status_code == 302
    assert role_of(cast.carol) == Role.OWNER
    # With a second owner, the first may step down.
    assert client.post(f"/people/{cast.alice.pk}/role/", {"role": "admin"}).status_code == 302
    assert role_of(cast.alice) == Role.ADMIN


def test_it_keeps_the_last_owner_from_stepping_down(cast):
    response = cast.client_for(cast.alice).post(
        f"/people/{cast.alice.pk}/role/", {"role": "admin"}, follow=True
    )
    assert "An organization must keep at least one owner." in response.content.decode()
    assert role_of(cast.alice) == Role.OWNER


def test_it_keeps_the_last_owner_from_being_removed(cast):
    response = cast.client_for(cast.alice).post(f"/people/{cast.alice.pk}/remove/", follow=True)
    assert "An organization must keep at least one owner." in response.content.decode()
    assert Membership.objects.filter(pk=cast.alice.pk).exists()


def test_it_lets_an_admin_remove_a_member(cast, dave):
    response = cast.client_for(dave).post(f"/people/{cast.carol.pk}/remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=cast.carol.pk).exists()


def test_it_refuses_role_changes_from_a_member(cast):
    client = cast.client_for(cast.carol)
    assert client.post(f"/people/{cast.bob.pk}/role/", {"role": "member"}).status_code == 403
    assert client.post(f"/people/{cast.carol.pk}/role/", {"role": "admin"}).status_code == 403
    assert role_of(cast.bob) == Role.RESPONDER
    assert role_of(cast.carol) == Role.MEMBER


def test_it_refuses_removal_by_a_member(cast):
    response = cast.client_for(cast.carol).post(f"/people/{cast.bob.pk}/remove/")
    assert response.status_code == 403
    assert Membership.objects.filter(pk=cast.bob.pk).exists()


def test_it_creates_an_invitation_and_emails_the_link_once(
    cast, dave, django_capture_on_commit_callbacks
):
    client = cast.client_for(dave)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/people/", {"email": "Erin@Example.org", "role": "responder"})
    assert response.status_code == 200
    link = shown_link(response)
    assert link
    invitation = Invitation.objects.get(organization=cast.alice.organization)
    assert invitation.email == "erin@example.org"
    assert invitation.role == Role.RESPONDER
    assert invitation.token_hash == Invitation.hash(link.rsplit("/invite/", 1)[1].strip("/"))
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erin@example.org"]
    assert link in mail.outbox[0].body
    page = client.get("/people/")
    assert shown_link(page) is None
    assert link not in page.content.decode()
    assert "erin@example.org" in page.content.decode()


def test_it_refuses_to_invite_an_existing_member(cast, dave, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = cast.client_for(dave).post(
            "/people/", {"email": "CAROL@example.org", "role": "member"}
        )
    assert response.status_code == 200
    assert "carol@example.org is already a member." in response.content.decode()
    assert shown_link(response) is None
    assert not Invitation.objects.exists()
    assert callbacks == []
    assert mail.outbox == []


def test_it_refuses_invitations_from_a_member(cast):
    response = cast.client_for(cast.carol).post(
        "/people/", {"email": "erin@example.org", "role": "member"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_it_does_not_let_an_admin_invite_an_owner(cast, dave):
    response = cast.client_for(dave).post(
        "/people/", {"email": "erin@example.org", "role": "owner"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_it_withdraws_an_invitation(cast, dave):
    invitation, link = do_create_invitation(cast.alice, "erin@example.org", Role.MEMBER)
    client = cast.client_for(dave)
    response = client.post(f"/invitations/{invitation.pk}/revoke/", follow=True)
    assert "Invitation withdrawn." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "erin@example.org" not in client.get("/people/").content.decode()
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{path}").status_code == 410


def test_it_refuses_withdrawal_by_a_member(cast):
    invitation, _link = do_create_invitation(cast.alice, "erin@example.org", Role.MEMBER)
    response = cast.client_for(cast.carol).post(f"/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_it_invites_into_the_chosen_teams_from_the_page(cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = cast.client_for(cast.alice)
    client.post(
        "/people/",
        {"email": "ny@example.org", "role": "responder", "teams": [cast.team.pk]},
    )
    invitation = Invitation.objects.get(email="ny@example.org")
    assert list(invitation.teams.all()) == [cast.team]


def test_it_offers_only_the_organizations_own_teams(cast):
    page = cast.client_for(cast.alice).get("/people/").content.decode()
    assert "Kundesenter" in page
    assert "Hemmelig team" not in page


def test_it_changes_a_persons_teams_and_role_on_their_page(cast):
    other_team = do_create_team(cast.alice, "Kommunikasjon")
    client = cast.client_for(cast.alice)
    response = client.post(
        f"/people/{cast.carol.pk}/", {"role": "responder", "teams": [cast.team.pk, other_team.pk]}
    )
    assert response.status_code == 302
    cast.carol.refresh_from_db()
    assert cast.carol.role == "responder"
    assert set(cast.carol.teams.all()) == {cast.team, other_team}


def test_it_refuses_another_organizations_team_on_a_persons_page(cast):
    client = cast.client_for(cast.alice)
    response = client.post(
        f"/people/{cast.carol.pk}/", {"role": "member", "teams": [cast.other_team.pk]}
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not cast.carol.teams.exists()


def test_it_shows_a_person_read_only_to_members(cast):
    client = cast.client_for(cast.carol)
    page = client.get(f"/people/{cast.bob.pk}/").content.decode()
    assert "Kundesenter" in page and '<form method="post" class="card"' not in page
    assert client.post(f"/people/{cast.bob.pk}/", {"role": "owner"}).status_code == 403
