"""Servers an organization names must be out on the internet: Torget does not ask addresses
inside its own network on an organization's behalf."""

import socket

import pytest

from torget.channels.connectors.base import RefusedError
from torget.channels.servers import check_public_host, check_public_url
from torget.channels.tests.test_mastodon_sign_in import begin

ADDRESSES = {
    "norden.social": "195.201.1.10",
    "metadata.internal": "169.254.169.254",
    "intranet.kommune.no": "10.20.30.40",
    "ipv6-local.example": "fd00::1",
}


@pytest.fixture(autouse=True)
def guarded(settings, monkeypatch):
    settings.ALLOW_PRIVATE_SERVERS = False

    def resolve(host, *args, **kwargs):
        if host in ("localhost", "127.0.0.1"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 0))]
        if host not in ADDRESSES:
            raise socket.gaierror(-2, "Name or service not known")
        family = socket.AF_INET6 if ":" in ADDRESSES[host] else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (ADDRESSES[host], 0))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


def test_a_server_on_the_internet_is_asked():
    check_public_host("norden.social")
    check_public_url("https://norden.social/api/v1")


@pytest.mark.parametrize(
    "host",
    ["localhost", "127.0.0.1", "metadata.internal", "intranet.kommune.no", "ipv6-local.example"],
)
def test_addresses_inside_the_network_are_refused(host):
    with pytest.raises(RefusedError, match="inside Torget's own network"):
        check_public_host(host)


def test_a_name_that_does_not_resolve_is_said():
    with pytest.raises(RefusedError, match="cannot be found"):
        check_public_url("https://ingen.example")


def test_closed_networks_may_allow_them(settings):
    settings.ALLOW_PRIVATE_SERVERS = True
    check_public_host("intranet.kommune.no")


@pytest.mark.django_db
def test_signing_in_to_a_mastodon_server_inside_the_network_asks_nothing(cast):
    _client, answer = begin(cast, **{"signin-server": "http://127.0.0.1:8080/admin?x="})
    assert (
        answer.status_code == 200 and "inside Torget&#x27;s own network" in answer.content.decode()
    )
