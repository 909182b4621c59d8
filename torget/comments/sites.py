"""Where a comment field may be used: its public widget id and the sites allowed to embed it.

A channel's settings hold both: {"widget_id": "…", "origins": ["https://www.example.no"],
"hold": "links"}. The widget id is public (it is in every page that embeds the field) but
unguessable, unlike the channel's key, which is only unique within its organization.
"""

import secrets
from urllib.parse import urlsplit, urlunsplit

from torget.channels.models import Channel

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_PAGE = 500


def new_widget_id() -> str:
    return secrets.token_urlsafe(18)


def widget_id_of(channel: Channel) -> str:
    return str((channel.settings or {}).get("widget_id", ""))


def origins_of(channel: Channel) -> list[str]:
    return list((channel.settings or {}).get("origins", []))


def origin_of(address: str) -> str | None:
    """scheme://host[:port] as a browser sends it in Origin, or None if it is no web address."""
    try:
        parts = urlsplit(address.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    shown_host = f"[{host}]" if ":" in host else host
    shown_port = f":{port}" if port and port != DEFAULT_PORTS[scheme] else ""
    return f"{scheme}://{shown_host}{shown_port}"


def is_allowed(channel: Channel, origin: str | None) -> bool:
    return bool(origin) and origin_of(origin or "") in origins_of(channel)


def page_address(address: str) -> str | None:
    """A page's address as comments are filed under it: without the #fragment, so a link
    to one comment and the page itself are one page."""
    origin = origin_of(address)
    if origin is None or len(address) > MAX_PAGE:
        return None
    parts = urlsplit(address.strip())
    return origin + urlunsplit(("", "", parts.path or "/", parts.query, ""))
