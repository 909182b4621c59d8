"""The connector interface: one module per platform, found by the registry in __init__.

A connector declares what its platform allows (Limits, shown by the reply box and the API) and
turns the platform's webhook bodies and API responses into events (channels.events). The
outbound side (reply, message, publish, hide, delete, metrics) and account authorization join
this interface as each platform's client is built; pages ask `limits` before offering them.
"""

import json
from dataclasses import dataclass

from torget.channels.events import Event, MalformedPayloadError


@dataclass(frozen=True)
class Limits:
    text: int  # the longest reply or post, in characters (graphemes on Bluesky)
    media: int  # attachments in one post
    can_hide: bool  # hide a citizen's comment without deleting it
    can_delete: bool  # delete a citizen's comment
    direct_messages: bool


class Connector:
    platform: str = ""
    name: str = ""
    limits: Limits

    def parse_raw(self, body: bytes) -> list[Event]:
        """A raw webhook body or API response, as it came over the wire."""
        try:
            payload = json.loads(body)
        except (UnicodeDecodeError, ValueError) as error:
            raise MalformedPayloadError(f"not JSON: {error}") from None
        return self.parse(payload)

    def parse(self, payload: object) -> list[Event]:
        raise NotImplementedError
