"""Answering over SMTP, through Django's mail, to the channel's own server. Every attempt of a
reply carries the same Message-ID, made from its idempotency key; whether an attempt got
through cannot be asked of an SMTP server."""

import smtplib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from email.message import EmailMessage
from email.utils import formataddr

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from torget.channels.connectors.base import DeliveryError, RefusedError, RetryLaterError
from torget.channels.mail.headers import ids
from torget.channels.mail.imap import TIMEOUT, connection_trouble, credentials
from torget.channels.servers import check_public_host

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def our_message_id(channel, key: str) -> str:
    return f"{key}@{channel.settings['address'].rpartition('@')[2]}"


def reply_message(
    channel, item, text: str, message_id: str, original: EmailMessage | None
) -> mail.EmailMessage:
    return mail.EmailMessage(
        subject=reply_subject(subject_of(item, original)),
        body=text,
        from_email=channel.settings["address"],
        to=[formataddr((one_line(item.author.name), item.author.handle))],
        headers={"Message-ID": f"<{message_id}>"} | thread_headers(item, original),
    )


def subject_of(item, original: EmailMessage | None) -> str:
    if original is not None:
        return one_line(str(original["Subject"] or ""))
    # The mail has left the mailbox: its item's text begins with the subject line and a blank
    # line (see incoming). A mail without a subject that begins with a one-line paragraph reads
    # the same way, so this is the best guess, not a certainty.
    first, _, rest = item.text.partition("\n\n")
    return one_line(first) if rest and "\n" not in first else ""


def one_line(words: str) -> str:
    """A header value without the line breaks an encoded word can smuggle in."""
    return " ".join(words.split())


def reply_subject(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}".strip()


def thread_headers(item, original: EmailMessage | None) -> dict[str, str]:
    """In-Reply-To the item's message, References its chain and then it (RFC 5322 3.6.4)."""
    if item.external_id.startswith("sha256:"):
        return {}
    if original is not None:
        chain = ids(original["References"]) or ids(original["In-Reply-To"])
    else:
        chain = [item.in_reply_to] if item.in_reply_to else []
    references = " ".join(f"<{one}>" for one in [*chain, item.external_id])
    return {"In-Reply-To": f"<{item.external_id}>", "References": references}


def smtp_connection(channel) -> BaseEmailBackend:
    # Always SMTP to the channel's own server, whatever the site sends its own mail with.
    check_public_host(channel.settings["smtp_host"])
    username, password = credentials(channel)
    security = channel.settings.get("smtp_security", "ssl")
    return mail.get_connection(
        SMTP_BACKEND,
        host=channel.settings["smtp_host"],
        port=int(channel.settings["smtp_port"]),
        username=username,
        password=password,
        use_ssl=security == "ssl",
        use_tls=security == "starttls",
        timeout=TIMEOUT,
    )


def send(channel, message: mail.EmailMessage) -> None:
    """Once the server has the message, a connection lost before its answer leaves unknown
    whether it went out: that is said for a person to check, never sent again blind."""
    with smtp_session(channel) as connection:
        connection.open()  # what fails here sent nothing, and may be tried again
        try:
            connection.send_messages([message])
        except (smtplib.SMTPServerDisconnected, TimeoutError, ConnectionError) as error:
            raise RefusedError(
                f"the connection to the mail server broke while sending ({error}): check the "
                "mailbox's Sent folder or ask the writer before sending again"
            ) from None


def check_smtp(channel) -> None:
    with smtp_session(channel) as connection:
        connection.open()


@contextmanager
def smtp_session(channel) -> Iterator[BaseEmailBackend]:
    server = f"{channel.settings['smtp_host']}:{channel.settings['smtp_port']}"
    connection = smtp_connection(channel)
    try:
        yield connection
    except OSError as error:  # smtplib's errors are OSErrors too
        raise smtp_trouble(error, server) from error
    finally:
        with suppress(OSError):
            connection.close()


def smtp_trouble(error: OSError, server: str) -> DeliveryError:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, said = next(iter(error.recipients.values()))
        return answered(server, code, said)
    if isinstance(error, smtplib.SMTPAuthenticationError) and error.smtp_code >= 500:
        said = error.smtp_error.decode(errors="replace")
        return RefusedError(f"the mail server {server} refused the user name or password: {said}")
    if isinstance(error, smtplib.SMTPResponseException):
        return answered(server, error.smtp_code, error.smtp_error)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return RetryLaterError(f"the mail server {server} hung up: {error}")
    if isinstance(error, smtplib.SMTPException):
        return RefusedError(f"the mail server {server} cannot do what was asked: {error}")
    return connection_trouble(error, server)


def answered(server: str, code: int, said: bytes | str) -> DeliveryError:
    """SMTP's own rule: 5xx is final, 4xx (and anything unforeseen) may pass."""
    words = said.decode(errors="replace") if isinstance(said, bytes) else said
    answer = f"the mail server {server} answered {code} {words}"
    return RefusedError(answer) if 500 <= code < 600 else RetryLaterError(answer)
