"""A Bluesky account as the tests meet it: a connected channel and a PDS (respx) that signs it
in, at the XRPC endpoints the atproto SDK calls."""

import base64
import json
import time
from contextlib import contextmanager

import httpx
import respx

from torget.channels.models import Channel

XRPC = "https://bsky.social/xrpc"
OURS = "did:plc:bymiljo"
HANDLE = "bymiljo.bsky.social"


def jwt(**claims) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    payload = {"sub": OURS, "exp": int(time.time()) + 3600, "iat": int(time.time())} | claims
    return f"{part({'alg': 'ES256K', 'typ': 'JWT'})}.{part(payload)}.c2ln"


def session(access_expires_in: int = 3600) -> httpx.Response:
    """What createSession and refreshSession answer."""
    access = jwt(scope="com.atproto.appPass", exp=int(time.time()) + access_expires_in)
    tokens = {"accessJwt": access, "refreshJwt": jwt(scope="refresh")}
    return httpx.Response(200, json={"did": OURS, "handle": HANDLE} | tokens)


def bluesky_channel(organization) -> Channel:
    channel = Channel(
        organization=organization,
        key="bluesky",
        platform="bluesky",
        name="Bluesky",
        settings={"account": HANDLE},
    )
    channel.set_secrets({"app_password": "abcd-efgh-ijkl-mnop"})
    channel.save()
    return channel


@contextmanager
def signed_in_xrpc():
    with respx.mock(base_url=XRPC, assert_all_called=False) as mock:
        mock.get("/com.atproto.server.getSession").mock(
            return_value=httpx.Response(200, json={"did": OURS, "handle": HANDLE})
        )
        mock.post(
            "/com.atproto.server.createSession", name="com.atproto.server.createSession"
        ).mock(return_value=session())
        yield mock
