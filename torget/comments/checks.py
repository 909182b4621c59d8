"""Checking what a visitor sends before anything is stored: every problem is named by field,
with a code the widget can say in the page's language and a message in the request's."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from torget.channels.connectors.website import connector as website_connector
from torget.channels.models import Channel
from torget.comments.queries import published_on
from torget.comments.sites import is_allowed, origin_of, page_address

MAX_NAME = 100
MAX_EMAIL = 254


class CommentProblemsError(ValueError):
    def __init__(self, problems: dict[str, tuple[str, str]]):
        self.problems = problems  # field → (code, message)
        super().__init__(
            "; ".join(f"{field}: {message}" for field, (_c, message) in problems.items())
        )


@dataclass(frozen=True)
class CommentIn:
    page: str
    name: str
    text: str
    email: str = ""
    in_reply_to: str = ""
    honeypot: bool = False  # the hidden field was filled in: a robot wrote this


def text_field(data: dict, name: str) -> str | None:
    """The field's text, "" when absent, None when it is not text at all."""
    value = data.get(name, "")
    return value.strip() if isinstance(value, str) and "\x00" not in value else None


def check_page(channel: Channel, raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise CommentProblemsError({"page": ("required", _("The page's address is missing."))})
    page = page_address(raw)
    if page is None:
        message = _("The page's address must be a full http or https address.")
        raise CommentProblemsError({"page": ("invalid", message)})
    if not is_allowed(channel, origin_of(page)):
        message = _("This comment field is not allowed on that site.")
        raise CommentProblemsError({"page": ("other_site", message)})
    return page


def check_comment(channel: Channel, data: dict) -> CommentIn:
    problems: dict[str, tuple[str, str]] = {}
    try:
        page = check_page(channel, data.get("page"))
    except CommentProblemsError as error:
        page, problems = "", error.problems
    name = check_name(text_field(data, "name"), problems)
    text = check_text(text_field(data, "text"), website_connector.limits.text, problems)
    email = check_email(text_field(data, "email"), problems)
    in_reply_to = check_answered(channel, page, data.get("in_reply_to"), problems)
    if problems:
        raise CommentProblemsError(problems)
    honeypot = bool(str(data.get("website") or "").strip())
    return CommentIn(page, name, text, email, in_reply_to, honeypot)


def check_name(name: str | None, problems: dict) -> str:
    if not name:
        problems["name"] = ("required", _("Write your name."))
    elif len(name) > MAX_NAME:
        message = _("The name can be at most %(n)d characters.") % {"n": MAX_NAME}
        problems["name"] = ("too_long", message)
    return name or ""


def check_text(text: str | None, limit: int, problems: dict) -> str:
    if not text:
        problems["text"] = ("required", _("Write a comment."))
    elif len(text) > limit:
        message = _("The comment can be at most %(n)d characters; it has %(count)d.") % {
            "n": limit,
            "count": len(text),
        }
        problems["text"] = ("too_long", message)
    return text or ""


def check_email(email: str | None, problems: dict) -> str:
    """Optional: the widget does not ask for it, but a site's own form may."""
    if email == "":
        return ""
    try:
        validate_email(email)
        if len(email) > MAX_EMAIL:
            raise ValidationError("too long")
    except ValidationError:
        problems["email"] = ("invalid", _("That e-mail address does not look right."))
        return ""
    return email


def check_answered(channel: Channel, page: str, raw: object, problems: dict) -> str:
    """A reply must answer a comment shown on the same page."""
    if raw in (None, ""):
        return ""
    shown = page and isinstance(raw, str) and is_uuid(raw)
    if not shown or not published_on(channel, page).filter(external_id=raw).exists():
        problems["in_reply_to"] = ("unknown", _("The comment you answer is not on this page."))
        return ""
    return raw


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
