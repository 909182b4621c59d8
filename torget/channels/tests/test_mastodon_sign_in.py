"""Connecting a Mastodon account through its server's own sign-in (OAuth), tested at the HTTP
level against POST /api/v1/apps, /oauth/authorize, POST /oauth/token and verify_credentials."""

from urllib.parse import parse_qs, urlparse

import pytest
import responses

from torget.channels.models import Channel

pytestmark = pytest.mark.django_db
SERVER = "https://norden.social"
RETURN = "http://testserver/channels/signed-in/"


@pytest.fixture
def server():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(
            f"{SERVER}/api/v1/apps", json={"client_id": "cid-1", "client_secret": "csecret-1"}
        )
        mock.get(f"{SERVER}/.well-known/oauth-authorization-server", status=404, json={})
        mock.post(
            f"{SERVER}/oauth/token",
            json={"access_token": "tok-granted", "token_type": "Bearer", "scope": "read write"},
        )
        mock.get(
            f"{SERVER}/api/v1/accounts/verify_credentials",
            json={"id": "1", "acct": "bymiljo", "username": "bymiljo", "display_name": "BYM"},
        )

        yield mock


def begin(cast, member=None, **fields):
    form = {
        "signin-platform": "mastodon",
        "signin-server": SERVER,
        "signin-name": "@bymiljo@norden.social",
        "signin-key": "mastodon",
    }
    client = cast.client_for(member or cast.alice)
    answer = client.post("/channels/sign-in/", form | fields, headers={"Accept-Language": "en"})
    return client, answer


def come_back(client, answer, **overrides):
    query = parse_qs(urlparse(answer["Location"]).query)
    params = {"code": "code-from-server", "state": query["state"][0]} | overrides
    return client.get("/channels/signed-in/", params, headers={"Accept-Language": "en"})


def test_it_registers_on_the_server_and_sends_the_admin_to_grant_access(cast, server):
    _client, answer = begin(cast)
    assert answer.status_code == 302
    sent_to = urlparse(answer["Location"])
    query = parse_qs(sent_to.query)
    assert f"{sent_to.scheme}://{sent_to.netloc}{sent_to.path}" == f"{SERVER}/oauth/authorize"
    assert query["client_id"] == ["cid-1"] and query["redirect_uri"] == [RETURN]
    assert query["scope"] == ["read write"] and len(query["state"][0]) > 20
    registration = parse_qs(server.calls[0].request.body)
    assert registration["redirect_uris"] == [RETURN] and registration["scopes"] == ["read write"]
    assert not Channel.objects.exists()
    assert "csecret-1" not in str(_client.session.items())  # sealed while it waits


def test_coming_back_with_the_code_connects_the_account(cast, server):
    client, answer = begin(cast)
    back = come_back(client, answer)
    assert back.status_code == 302
    channel = Channel.objects.get()
    assert channel.settings == {"instance": SERVER, "account": "bymiljo@norden.social"}
    assert channel.secrets()["access_token"] == "tok-granted"
    token_request = parse_qs(
        next(c for c in server.calls if "/oauth/token" in c.request.url).request.body
    )
    assert token_request["code"] == ["code-from-server"]
    assert token_request["redirect_uri"] == [RETURN]
    page = client.get("/channels/", headers={"Accept-Language": "en"}).content.decode()
    assert "is connected" in page and "tok-granted" not in page and "csecret-1" not in page


def test_a_return_with_the_wrong_state_connects_nothing(cast, server):
    client, answer = begin(cast)
    back = come_back(client, answer, state="forged")
    assert back.status_code == 302 and not Channel.objects.exists()
    page = client.get("/channels/", headers={"Accept-Language": "en"}).content.decode()
    assert "not started here" in page


def test_a_return_cannot_be_replayed(cast, server):
    client, answer = begin(cast)
    come_back(client, answer)
    Channel.objects.all().delete()
    come_back(client, answer)
    assert not Channel.objects.exists()


def test_access_refused_on_the_server_is_said(cast, server):
    client, answer = begin(cast)
    query = parse_qs(urlparse(answer["Location"]).query)
    given = {"error": "access_denied", "state": query["state"][0]}
    client.get("/channels/signed-in/", given, headers={"Accept-Language": "en"})
    page = client.get("/channels/", headers={"Accept-Language": "en"}).content.decode()
    assert "Access was not granted" in page and not Channel.objects.exists()


def test_a_server_that_is_not_mastodon_is_named(cast):
    with responses.RequestsMock() as mock:
        mock.post(f"{SERVER}/api/v1/apps", body="<html>Not here</html>", status=200)
        _client, answer = begin(cast)
    assert answer.status_code == 200
    assert "could not be asked" in answer.content.decode() and not Channel.objects.exists()


def test_a_code_the_server_refuses_connects_nothing(cast, server):
    server.replace(
        responses.POST, f"{SERVER}/oauth/token", status=400, json={"error": "invalid_grant"}
    )
    client, answer = begin(cast)
    come_back(client, answer)
    page = client.get("/channels/", headers={"Accept-Language": "en"}).content.decode()
    assert "did not accept the sign-in" in page and not Channel.objects.exists()


def test_only_admins_sign_in_and_a_taken_key_is_said_first(cast, server):
    _client, refused = begin(cast, cast.bob)
    assert refused.status_code == 403
    Channel.objects.create(organization=cast.alice.organization, key="mastodon", platform="sandbox")
    _client, taken = begin(cast)
    assert taken.status_code == 200 and "already has this key" in taken.content.decode()
    assert not any("/api/v1/apps" in call.request.url for call in server.calls)


def test_a_sign_in_begun_in_one_organization_cannot_finish_in_another(cast, server):
    client, answer = begin(cast)
    session = client.session
    pending = session["channel-authorization"]
    thief = cast.client_for(cast.mallory)
    thief_session = thief.session
    thief_session["channel-authorization"] = pending
    thief_session.save()
    come_back(thief, answer)
    assert not Channel.objects.exists()
