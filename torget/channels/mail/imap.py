"""Reading a mailbox over IMAP: opened read-only and fetched with BODY.PEEK, so mail stays
unread for the people who also read it in their mail program. The cursor is
"<UIDVALIDITY>:<last UID>": a UID means the same message only while the mailbox keeps its
UIDVALIDITY, so a new value starts again from the last week's mail, which the inbox, keeping
one item per Message-ID, does not double."""

import imaplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from torget.channels.connectors.base import DeliveryError, RefusedError, RetryLaterError
from torget.channels.mail.headers import ids, parse_message
from torget.channels.servers import check_public_host

# A mailbox connected (or renumbered) brings in its last week, not years of old mail.
FIRST_DAYS = 7
TIMEOUT = 20  # seconds per server operation; a reply talks to two servers within one lease
# One fetch takes in at most this many bytes, and a single message at most LARGEST of them, so
# a few messages with large attachments cannot exhaust the worker's memory.
PAGE_BYTES = 20 * 1024 * 1024
LARGEST = 5 * 1024 * 1024
# IMAP response codes (RFC 5530) that say the refusal will pass: try again later.
PASSING = ("[UNAVAILABLE]", "[INUSE]", "[LIMIT]", "[SERVERBUG]")


@contextmanager
def imap_session(channel) -> Iterator[IMAPClient]:
    """A logged-in client, logged out afterwards whatever happened; the server's and the
    network's failures are said as RetryLaterError or RefusedError."""
    server = f"{channel.settings['imap_host']}:{channel.settings['imap_port']}"
    username, password = credentials(channel)
    client = None
    try:
        client = imap_client(channel)
        client.login(username, password)
        yield client
    except (imaplib.IMAP4.error, OSError) as error:
        raise imap_trouble(error, server) from error
    finally:
        if client is not None:
            log_out(client)


def imap_client(channel) -> IMAPClient:
    check_public_host(channel.settings["imap_host"])
    security = channel.settings.get("imap_security", "ssl")
    client = IMAPClient(
        channel.settings["imap_host"],
        port=int(channel.settings["imap_port"]),
        ssl=security == "ssl",
        timeout=TIMEOUT,
    )
    if security == "starttls":
        try:
            client.starttls()
        except (imaplib.IMAP4.error, OSError):
            log_out(client)
            raise
    return client


def credentials(channel) -> tuple[str, str]:
    secrets = channel.secrets()
    if not secrets.get("password"):
        raise RefusedError("the mailbox has no password stored: connect it again")
    return secrets.get("username") or channel.settings["address"], secrets["password"]


def log_out(client: IMAPClient) -> None:
    # imaplib closes the socket even when the server does not answer the LOGOUT.
    with suppress(imaplib.IMAP4.error, OSError):
        client.logout()


def imap_trouble(error: Exception, server: str) -> DeliveryError:
    said = words_of(error)
    if isinstance(error, OSError):
        return connection_trouble(error, server)
    if isinstance(error, imaplib.IMAP4.abort) or any(code in said for code in PASSING):
        return RetryLaterError(f"the mail server {server} did not answer: {said}")
    if isinstance(error, LoginError):
        return RefusedError(f"the mail server {server} refused the user name or password: {said}")
    return RefusedError(f"the mail server {server} refused: {said}")


def connection_trouble(error: OSError, server: str) -> DeliveryError:
    """A certificate or an encryption that does not fit will not pass by waiting; a timeout or
    a refused connection may."""
    if isinstance(error, ssl.SSLCertVerificationError):
        why = error.verify_message or error
        return RefusedError(f"the mail server {server} has a certificate we cannot trust: {why}")
    if isinstance(error, ssl.SSLError):
        return RefusedError(
            f"the mail server {server} and Torget could not agree on encryption; check the port "
            f"and the encryption chosen: {error.reason or error}"
        )
    return RetryLaterError(f"the mail server {server} did not answer: {error}")


def words_of(error: Exception) -> str:
    """What the server said, without the b'…' imaplib wraps its replies in."""
    said = str(error) or type(error).__name__
    if said[:2] in ("b'", 'b"') and said[-1:] == said[1]:
        return said[2:-1]
    return said


def open_mailbox(client: IMAPClient, channel) -> dict:
    return client.select_folder(channel.settings.get("mailbox") or "INBOX", readonly=True)


def starting_point(client: IMAPClient, status: dict, cursor: str) -> tuple[int, int]:
    """The mailbox's UIDVALIDITY and the UID after which to read."""
    validity = int(status[b"UIDVALIDITY"])
    kept_validity, _, last = cursor.partition(":")
    if kept_validity == str(validity) and last.isdigit():
        return validity, int(last)
    # SINCE compares the day each message arrived; a message moved in later from an old
    # folder keeps its day, and is read only if its UID comes after the first recent one.
    since = (datetime.now(UTC) - timedelta(days=FIRST_DAYS)).date()
    recent = client.search(["SINCE", since])
    return validity, min(recent) - 1 if recent else newest_uid(client, status)


def newest_uid(client: IMAPClient, status: dict) -> int:
    if b"UIDNEXT" in status:
        return int(status[b"UIDNEXT"]) - 1
    return max(client.search(["ALL"]), default=0)


def page_of(client: IMAPClient, uids: list[int], most: int) -> list[int]:
    """The first messages waiting, as many as fit in one fetch's bytes (at least one)."""
    sizes = client.fetch(uids[:most], ["RFC822.SIZE"]) if uids else {}
    page, total = [], 0
    for uid in uids[:most]:
        size = min(int(sizes.get(uid, {}).get(b"RFC822.SIZE", 0)), LARGEST)
        if page and total + size > PAGE_BYTES:
            break
        page.append(uid)
        total += size
    return page


def bodies_of(client: IMAPClient, uids: list[int]) -> list[bytes]:
    """Each message whole; a very large one (attachments, mostly) cut after LARGEST bytes, which
    keeps its headers and text and lists what attachments fit."""
    if not uids:
        return []
    fetched = client.fetch(uids, [f"BODY.PEEK[]<0.{LARGEST}>"])
    # A message deleted between the search and the fetch is simply not there any more.
    return [body_in(fetched[uid]) for uid in uids if uid in fetched]


def body_in(data: dict) -> bytes:
    for key, value in data.items():
        if key.startswith(b"BODY[]"):  # b"BODY[]<0>" when the server cut it
            return value
    raise KeyError("BODY[]")


def original_headers(channel, item) -> EmailMessage | None:
    """The headers of the mail `item` was made from, if it is still in the mailbox."""
    if item.external_id.startswith("sha256:"):  # it had no Message-ID to look it up by
        return None
    with imap_session(channel) as client:
        open_mailbox(client, channel)
        found = client.search(["HEADER", "Message-ID", f"<{item.external_id}>"])
        fetched = client.fetch(found[:10], ["BODY.PEEK[HEADER]"]) if found else {}
    for data in fetched.values():
        headers = parse_message(data[b"BODY[HEADER]"])
        if ids(headers["Message-ID"])[:1] == [item.external_id]:
            return headers
    return None
