"""Following an invitation link: sign up or accept, once, while the link is still good."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD
from torget.orgs.actions.invitations import do_create_invitation
from torget.orgs.middleware import SESSION_KEY
from torget.orgs.models import Invitation, Membership, Role


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def invite(owner, email="erin@example.org", role=Role.RESPONDER, teams=()):
    """An invitation and the path of its link."""
    invitation, link = do_create_invitation(owner, email, role, list(teams))
    return invitation, "/invite/" + link.rsplit("/invite/", 1)[1]


def sign_up(client, path, username="erin", password=PASSWORD, full_name="Erin Berg"):
    return client.post(path, {"username": username, "full_name": full_name, "password": password})


def test_it_shows_the_invitation(cast):
    _invitation, path = invite(cast.alice)
    response = Client().get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Join Bymiljøetaten" in page
    assert "erin@example.org" in page


def test_it_signs_up_an_anonymous_person_into_the_organization(cast):
    invitation, path = invite(cast.alice, teams=[cast.team])
    client = Client()
    response = sign_up(client, path)
    assert response.status_code == 302
    assert response.url == "/"
    erin = get_user_model().objects.get(username="erin")
    assert erin.email == "erin@example.org"
    assert erin.get_full_name() == "Erin Berg"
    assert erin.check_password(PASSWORD)
    membership = Membership.objects.get(user=erin)
    assert membership.organization == cast.alice.organization
    assert membership.role == Role.RESPONDER
    assert list(membership.teams.all()) == [cast.team]
    assert client.session[USER_SESSION_KEY] == str(erin.pk)
    home = client.get("/")
    assert home.status_code == 200
    assert "Welcome to Bymiljøetaten." in home.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_by == erin
    assert invitation.accepted_at is not None


def test_it_lets_the_new_person_log_in_later(cast):
    _invitation, path = invite(cast.alice)
    sign_up(Client(), path)
    response = Client().post("/login/", {"username": "erin@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/"


@pytest.mark.parametrize(
    ("weak", "message"),
    [
        ("password", "This password is too common."),
        ("12345678", "This password is entirely numeric."),
        ("erin", "This password is too short."),
        ("erin@example.org", "The password is too similar to the email address."),
        ("solbergmann", "The password is too similar to the last name."),
    ],
)
def test_it_refuses_a_weak_password(cast, weak, message):
    _invitation, path = invite(cast.alice)
    client = Client()
    response = sign_up(client, path, password=weak, full_name="Erin Solbergmann")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username="erin").exists()
    assert USER_SESSION_KEY not in client.session


@pytest.mark.parametrize("taken", ["bob", "Bob"])
def test_it_refuses_a_taken_username(cast, taken):
    invitation, path = invite(cast.alice)
    response = sign_up(Client(), path, username=taken)
    assert response.status_code == 200
    assert "That username is taken." in response.content.decode()
    assert get_user_model().objects.filter(username__iexact="bob").count() == 1
    cast.bob.user.refresh_from_db()
    assert cast.bob.user.check_password(PASSWORD)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_it_lets_a_logged_in_person_accept_with_one_click(cast):
    _invitation, path = invite(cast.alice, email="mallory@example.org", role=Role.EDITOR)
    client = cast.client_for(cast.mallory)
    page = client.get(path).content.decode()
    assert "You are logged in as mallory." in page
    assert 'name="password"' not in page
    response = client.post(path)
    assert response.status_code == 302
    membership = Membership.objects.get(
        organization=cast.alice.organization, user=cast.mallory.user
    )
    assert membership.role == Role.EDITOR
    assert Membership.objects.filter(user=cast.mallory.user).count() == 2


def test_it_makes_the_invited_organization_the_current_one(cast):
    # alice's own organization sorts first, so without the switch she would land there.
    _invitation, path = invite(cast.mallory, email="alice@example.org")
    client = cast.client_for(cast.alice)
    client.post(path)
    assert client.session[SESSION_KEY] == cast.mallory.organization_id
    page = client.get("/teams/").content.decode()
    assert "Hemmelig team" in page
    assert "Kundesenter" not in page


def test_it_works_only_once(cast):
    _invitation, path = invite(cast.alice)
    assert sign_up(Client(), path).status_code == 302
    second = Client()
    assert second.get(path).status_code == 410
    response = sign_up(second, path, username="eve")
    assert response.status_code == 410
    assert "This invitation cannot be used" in response.content.decode()
    assert not get_user_model().objects.filter(username="eve").exists()
    assert cast.client_for(cast.mallory).post(path).status_code == 410
    assert not Membership.objects.filter(
        organization=cast.alice.organization, user=cast.mallory.user
    ).exists()


def test_it_refuses_an_expired_invitation(cast):
    invitation, path = invite(cast.alice)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert Client().get(path).status_code == 410
    assert sign_up(Client(), path).status_code == 410
    assert not get_user_model().objects.filter(username="erin").exists()


def test_it_refuses_a_withdrawn_invitation(cast):
    invitation, path = invite(cast.alice)
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    assert Client().get(path).status_code == 410
    assert sign_up(Client(), path).status_code == 410
    assert cast.client_for(cast.mallory).post(path).status_code == 410
    assert not get_user_model().objects.filter(username="erin").exists()


def test_it_refuses_an_unknown_token(cast):
    invite(cast.alice)
    response = Client().get("/invite/not-a-real-token/")
    assert response.status_code == 410
    assert "This invitation cannot be used" in response.content.decode()
