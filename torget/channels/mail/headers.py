"""Reading a message's headers: the message parsed with the standard library's modern policy,
and the ids a Message-ID, In-Reply-To or References header names."""

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser


def parse_message(body: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(body)  # type: ignore[return-value]


def ids(header: object) -> list[str]:
    return [part.strip("<>") for part in str(header or "").split() if part.strip("<>")]
