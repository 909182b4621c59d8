"""API tokens: made on the tokens page or the command line, shown once, stored only as a hash."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from torget.accounts.actions.tokens import do_create_token
from torget.accounts.models import ApiToken, hash_token
from torget.orgs.models import Membership, Role


def created_secret(client, name="Dashboard"):
    response = client.post("/account/tokens/", {"name": name})
    assert response.status_code == 200
    return re.search(r'<p class="secret">(tg_[^<]+)</p>', response.content.decode()).group(1)


def api_with(secret):
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_it_shows_the_secret_once(cast):
    client = cast.client_for(cast.bob)
    secret = created_secret(client)
    page = client.get("/account/tokens/").content.decode()
    assert "Dashboard" in page
    assert secret not in page
    assert secret[:10] in page


def test_it_makes_a_secret_that_works_against_the_api(cast):
    secret = created_secret(cast.client_for(cast.bob))
    response = api_with(secret).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "bob"
    assert response.json()["organization_slug"] == cast.bob.organization.slug


def test_it_stores_only_a_hash(cast):
    secret = created_secret(cast.client_for(cast.bob))
    row = ApiToken.objects.filter(membership=cast.bob).values().get()
    assert row["token_hash"] == hash_token(secret)
    for value in row.values():
        assert secret not in str(value)


def test_it_revokes_a_token(cast):
    client = cast.client_for(cast.bob)
    secret = created_secret(client)
    token = ApiToken.objects.get(membership=cast.bob)
    response = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert response.url == "/account/tokens/"
    assert api_with(secret).get("/api/v1/me").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_does_not_let_a_member_revoke_someone_elses_token(cast):
    token, secret = do_create_token(cast.bob, "bob's script")
    response = cast.client_for(cast.carol).post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_with(secret).get("/api/v1/me").status_code == 200


def test_it_lists_only_the_members_own_tokens(cast):
    do_create_token(cast.bob, "bob's script")
    page = cast.client_for(cast.carol).get("/account/tokens/").content.decode()
    assert "bob&#x27;s script" not in page
    assert "bob's script" not in page


# The command line.


def run(*args):
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_it_prints_a_working_token_from_the_command_line(cast):
    secret = run("create", "--user", "bob").strip()
    response = api_with(secret).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "bob"


def test_it_asks_which_organization_when_the_user_has_several(cast):
    Membership.objects.create(
        organization=cast.mallory.organization, user=cast.bob.user, role=Role.MEMBER
    )
    with pytest.raises(CommandError) as error:
        run("create", "--user", "bob")
    assert cast.bob.organization.slug in str(error.value)
    assert cast.mallory.organization.slug in str(error.value)
    assert not ApiToken.objects.exists()


def test_it_creates_for_the_chosen_organization(cast):
    Membership.objects.create(
        organization=cast.mallory.organization, user=cast.bob.user, role=Role.MEMBER
    )
    secret = run("create", "--user", "bob", "--org", cast.mallory.organization.slug).strip()
    response = api_with(secret).get("/api/v1/me")
    assert response.json()["organization_slug"] == cast.mallory.organization.slug


def test_it_lists_a_users_tokens(cast):
    token, _secret = do_create_token(cast.bob, "Dashboard")
    do_create_token(cast.carol, "Carol's script")
    output = run("list", "--user", "bob")
    assert f"{token.pk}\t{token.hint}" in output
    assert "Dashboard" in output
    assert "active" in output
    assert "Carol's script" not in output


def test_it_revokes_from_the_command_line(cast):
    token, secret = do_create_token(cast.bob, "Dashboard")
    assert f"Revoked token {token.pk}." in run("revoke", str(token.pk))
    assert api_with(secret).get("/api/v1/me").status_code == 401
    assert "revoked" in run("list", "--user", "bob")


def test_it_explains_an_unknown_token_id(cast):
    with pytest.raises(CommandError, match="No token with id 999"):
        run("revoke", "999")
