"""Servers an organization names itself (a Mastodon server, a mail server, a Bluesky PDS) are
asked by Torget's own machines, so they must be out on the internet: an address inside the
network Torget runs in (loopback, private ranges, link-local, cloud metadata) is refused, or an
organization could make Torget read, and show it, what only Torget's own network should see.
TORGET_ALLOW_PRIVATE_SERVERS lifts this for installations inside a closed network.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

from torget.channels.connectors.base import RefusedError


def check_public_host(host: str) -> None:
    if settings.ALLOW_PRIVATE_SERVERS:
        return
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise RefusedError(f"the server {host} cannot be found") from None
    for _family, _type, _proto, _name, address in found:
        if not ipaddress.ip_address(address[0].split("%")[0]).is_global:
            raise RefusedError(
                f"{host} is an address inside Torget's own network, which Torget does not "
                "ask on an organization's behalf"
            )


def check_public_url(url: str) -> None:
    host = urlsplit(url).hostname
    if not host:
        raise RefusedError(f"{url!r} names no server")
    check_public_host(host)
