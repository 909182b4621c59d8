"""E-mail: a mailbox read over IMAP, replies sent over SMTP.

One message as it came from the server (RFC 5322) is threaded by its headers: the thread is the
first message of the References chain (or what it replies to); HTML-only mail is reduced to its
text, and attachments are listed by name, type and size, never opened here.
The conversations with the servers are in channels.mail: imap (reading, with its cursor) and
smtp (answering, each attempt under the same Message-ID).
"""

import hashlib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

from django.utils.translation import gettext_lazy as _

from torget.channels.connectors.base import (
    Connector,
    Fetched,
    Limits,
    RefusedError,
    RetryLaterError,
    Sent,
)
from torget.channels.events import Author, Event, Incoming, MalformedPayloadError
from torget.channels.mail.headers import ids, parse_message
from torget.channels.mail.imap import (
    bodies_of,
    imap_session,
    open_mailbox,
    original_headers,
    page_of,
    starting_point,
)
from torget.channels.mail.smtp import check_smtp, our_message_id, reply_message, send
from torget.inbox.ingest import MAX_TEXT
from torget.inbox.sanitize import html_to_text

PAGE = 50  # messages per fetch
CUT = "\n[…]"


class EmailConnector(Connector):
    platform = "email"
    name = "E-mail"
    limits = Limits(text=100_000, media=10, can_hide=False, can_delete=False, direct_messages=True)
    # A mail, once sent, is the sender's and the recipient's: nothing to take back or hide.
    refusals = {
        "hide": _("E-mail cannot be hidden or deleted at the sender; Torget hides it here."),
        "unhide": _("E-mail cannot be hidden at the sender; Torget shows it here again."),
        "delete": _("E-mail cannot be hidden or deleted at the sender; Torget hides it here."),
        "block": _(
            "Torget cannot block a sender at the mail server. Torget bans the writer here: what "
            "they send is hidden. Your mail provider's filters can refuse their mail."
        ),
        "unblock": _(
            "Torget cannot block a sender at the mail server, so nothing is blocked there. "
            "Torget lifts the ban here; a filter at your mail provider that refuses their mail "
            "is lifted there."
        ),
    }
    polls = True
    poll_every = 60

    def read_raw(self, body: bytes) -> list[Event]:
        message = parse_message(body)
        if not message.keys() or message["From"] is None:
            raise MalformedPayloadError("not an e-mail message: it has no From header")
        return [incoming(message, body)]

    def parse(self, payload: object) -> list[Event]:
        if not isinstance(payload, bytes | str):
            raise MalformedPayloadError("an e-mail is parsed from its raw text")
        return self.parse_raw(payload.encode() if isinstance(payload, str) else payload)

    def fetch(self, channel, cursor: str) -> Fetched:
        with imap_session(channel) as client:
            validity, last = starting_point(client, open_mailbox(client, channel), cursor)
            waiting = sorted(uid for uid in client.search(["UID", f"{last + 1}:*"]) if uid > last)
            page = page_of(client, waiting, PAGE)
            bodies = bodies_of(client, page)
        cursor = f"{validity}:{page[-1] if page else last}"
        return Fetched(bodies, cursor, more=len(waiting) > len(page))

    def repeats_safely(self, item) -> bool:
        return False  # an SMTP server cannot be asked whether a message went out

    def reply(self, channel, item, text: str, key: str) -> Sent:
        message_id = our_message_id(channel, key)
        original = original_headers(channel, item)
        send(channel, reply_message(channel, item, text, message_id, original))
        return Sent(external_id=message_id)

    def verify(self, channel) -> str:
        """Logs in to both servers, so a wrong password or host is said while connecting."""
        try:
            with imap_session(channel) as client:
                open_mailbox(client, channel)
            check_smtp(channel)
        except RetryLaterError as error:  # the admin is waiting for an answer now
            raise RefusedError(str(error)) from None
        return channel.settings["address"]


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
    text = f"{subject}\n\n{text}".strip() if subject else text
    return Incoming(
        platform="email",
        kind="email",
        external_id=own_id[0],
        author=Author(handle=address.lower(), name=name),
        text=within_limit(text),
        received_at=sent_at(message),
        thread=chain[0] if chain else own_id[0],
        in_reply_to=replies_to[-1] if replies_to else "",
        media=tuple(attachments(message)),
    )


def within_limit(text: str) -> str:
    """A long mail (a whole thread quoted, a newsletter) is cut to what an item holds; the
    mail itself stays in the mailbox."""
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - len(CUT)] + CUT


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
    # Mail travels with CRLF line ends (as IMAP serves it); the inbox keeps plain newlines.
    content = part.get_content().replace("\r\n", "\n")
    return html_to_text(content) if part.get_content_subtype() == "html" else content.strip()


def attachments(message: EmailMessage) -> list[str]:
    listed = []
    for part in message.iter_attachments():
        size = len(part.get_payload(decode=True) or b"")
        listed.append(f"{part.get_filename() or 'unnamed'} ({part.get_content_type()}, {size} B)")
    return listed


connector = EmailConnector()
