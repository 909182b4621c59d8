"""Bluesky sessions: kept sealed between uses, refreshed before the access token lapses, and
signed in anew with the app password when the refresh token itself has lapsed."""

import httpx
import pytest
from atproto import Client

from torget.channels.connectors.bluesky import signed_in
from torget.channels.tests.bluesky_fakes import bluesky_channel, session, signed_in_xrpc

pytestmark = pytest.mark.django_db


def session_string(access_expires_in: int) -> str:
    """A session as the SDK exports it, with an access token lapsing when asked."""
    client = Client()
    with signed_in_xrpc() as mock:
        mock.routes["com.atproto.server.createSession"].mock(
            return_value=session(access_expires_in)
        )
        client.login("bymiljo.bsky.social", "abcd-efgh-ijkl-mnop", fetch_bsky_profile=False)
    return client.export_session_string()


@pytest.fixture
def channel(cast):
    return bluesky_channel(cast.alice.organization)


def test_a_kept_session_is_used_without_signing_in_again(channel):
    channel.set_secrets(channel.secrets() | {"session": session_string(3600)})
    channel.save()
    with signed_in_xrpc() as mock:
        signed_in(channel)
        assert not mock.routes["com.atproto.server.createSession"].called


def test_an_access_token_about_to_lapse_is_refreshed_and_the_new_session_kept(channel):
    old = session_string(60)  # within the SDK's 15 minutes of margin
    channel.set_secrets(channel.secrets() | {"session": old})
    channel.save()
    with signed_in_xrpc() as mock:
        refresh = mock.post("/com.atproto.server.refreshSession").mock(return_value=session())
        signed_in(channel)
        assert refresh.called and not mock.routes["com.atproto.server.createSession"].called
    channel.refresh_from_db()
    assert channel.secrets()["session"] != old


def test_a_lapsed_session_signs_in_anew_with_the_app_password(channel):
    channel.set_secrets(channel.secrets() | {"session": session_string(60)})
    channel.save()
    with signed_in_xrpc() as mock:
        mock.post("/com.atproto.server.refreshSession").mock(
            return_value=httpx.Response(
                400, json={"error": "ExpiredToken", "message": "Token has expired"}
            )
        )
        signed_in(channel)
        assert mock.routes["com.atproto.server.createSession"].called
