"""E-mail: one message as it came from the server (RFC 5322), threaded by its headers.

The thread is the first message of the References chain (or what it replies to); HTML-only mail
is reduced to its text, and attachments are listed by name, type and size, never opened here.
"""

import hashlib
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from torget.channels.connectors.base import Connector, Limits
from torget.channels.events import Author, Event, Incoming, MalformedPayloadError
from torget.inbox.sanitize import html_to_text


class EmailConnector(Connector):
    platform = "email"
    name = "E-mail"
    limits = Limits(text=100_000, media=10, can_hide=False, can_delete=False, direct_messages=True)

    def read_raw(self, body: bytes) -> list[Event]:
        message = BytesParser(policy=policy.default).parsebytes(body)
        if not message.keys() or message["From"] is None:
            raise MalformedPayloadError("not an e-mail message: it has no From header")
        return [incoming(message, body)]

    def parse(self, payload: object) -> list[Event]:
        if not isinstance(payload, bytes | str):
            raise MalformedPayloadError("an e-mail is parsed from its raw text")
        return self.parse_raw(payload.encode() if isinstance(payload, str) else payload)


def incoming(message: EmailMessage, raw: bytes) -> Incoming:
    addresses = getaddresses([str(message["From"])])
    name, address = addresses[0] if addresses else ("", "")
    if "@" not in address:
        raise MalformedPayloadError(f"the From header {str(message['From'])!r} holds no address")
    # Without a Message-ID the same mail fetched twice must still be one item.
    own_id = ids(message["Message-ID"]) or [f"sha256:{hashlib.sha256(raw).hexdigest()[:32]}"]
    replies_to = ids(message["In-Reply-To"])
    chain = ids(message["References"]) or replies_to
    subject = str(message["Subject"] or "").strip()
    text = body_text(message)
    return Incoming(
        platform="email",
        kind="email",
        external_id=own_id[0],
        author=Author(handle=address.lower(), name=name),
        text=f"{subject}\n\n{text}".strip() if subject else text,
        received_at=sent_at(message),
        thread=chain[0] if chain else own_id[0],
        in_reply_to=replies_to[-1] if replies_to else "",
        media=tuple(attachments(message)),
    )


def ids(header: object) -> list[str]:
    return [part.strip("<>") for part in str(header or "").split() if part.strip("<>")]


def sent_at(message: EmailMessage) -> datetime:
    try:
        moment = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError):
        return datetime.now(UTC)  # no usable Date: the time it was fetched
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    return html_to_text(content) if part.get_content_subtype() == "html" else content.strip()


def attachments(message: EmailMessage) -> list[str]:
    listed = []
    for part in message.iter_attachments():
        size = len(part.get_payload(decode=True) or b"")
        listed.append(f"{part.get_filename() or 'unnamed'} ({part.get_content_type()}, {size} B)")
    return listed


connector = EmailConnector()
