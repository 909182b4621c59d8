"""The inbox's part of the JSON API: the contract other tools and our checks use."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from ninja import Body, Field, Query, Router, Schema, Status

from torget.inbox.actions.classes import do_create_response_class
from torget.inbox.actions.ingest import do_receive_items
from torget.inbox.actions.items import (
    do_assign_item,
    do_change_triage,
    do_close_item,
    do_mark_no_reply,
    do_reply_item,
)
from torget.inbox.ingest import MAX_BATCH, IngestError, check_batch, check_item
from torget.inbox.models import Item, ResponseClass
from torget.inbox.queries import ItemFilters, access_item, get_items, get_response_classes
from torget.inbox.targets import TargetError
from torget.moderation.models import Verdict
from torget.moderation.queries import get_verdict
from torget.orgs.actions.permissions import check_role
from torget.orgs.models import Membership, Role, Team
from torget.orgs.queries import access, access_membership, scoped
from torget.schemas import ERRORS

ITEM_EXAMPLE = {
    "channel": "facebook",
    "external_id": "10158-2231",
    "kind": "comment",
    "author": {"name": "Kari Nordmann", "handle": "kari.nordmann"},
    "text": "Når blir søppelet hentet i Tøyengata?",
    "received_at": "2026-11-20T21:30:00+01:00",
    "in_reply_to": "10158",
}

classes_router = Router()
items_router = Router()


class ClassIn(Schema):
    name: str | dict[str, str] = Field(..., examples=["Svar med en gang"])
    target: dict[str, Any] = Field(
        ..., examples=[{"kind": "duty_minutes", "minutes": 30, "calendar": 1}]
    )


class ClassOut(Schema):
    id: int
    name: str
    name_nb: str
    name_nn: str
    name_en: str
    target: dict[str, Any]
    is_default: bool


@classes_router.get("", response={200: list[ClassOut], **ERRORS})
def list_classes(request):
    return get_response_classes(request.auth)


@classes_router.post("", response={201: ClassOut, **ERRORS})
def create_class(request, body: ClassIn):
    names = body.name if isinstance(body.name, dict) else {"nb": body.name}
    try:
        return Status(201, do_create_response_class(request.auth, names, body.target))
    except TargetError as error:
        raise ValidationError(str(error)) from None


class AuthorOut(Schema):
    name: str
    handle: str


class ItemOut(Schema):
    id: int
    channel: str
    external_id: str
    kind: str
    author: AuthorOut | None
    text: str
    html: str
    received_at: datetime
    in_reply_to: str
    conversation_id: int
    response_class: int | None = Field(None, alias="response_class_id")
    suggested_class: int | None = Field(None, alias="suggested_class_id")
    suggestion_confidence: float | None
    team: int | None = Field(None, alias="team_id")
    labels: list[str]
    due_at: datetime | None
    language: str
    sentiment: float
    tone: str
    status: str
    assigned_to: int | None = Field(None, alias="assigned_to_id")
    answered_at: datetime | None


class SignalOut(Schema):
    name: str
    kind: str  # spam | abuse
    weight: float
    detail: str


class ItemDetailOut(ItemOut):
    """One item, with what moderation says about it."""

    text_html: str
    spam_score: float | None
    abuse_score: float | None
    verdict: str | None
    moderation_state: str | None = Field(None, description="held, approved, hidden, deleted")
    signals: list[SignalOut]


class WithVerdict:
    """An item read with its verdict beside it (item.verdict is the related row itself)."""

    def __init__(self, item: Item, verdict: Verdict | None):
        self.item, self.text_html = item, item.html
        self.spam_score = verdict.spam_score if verdict else None
        self.abuse_score = verdict.abuse_score if verdict else None
        self.verdict = verdict.verdict if verdict else None
        self.moderation_state = (verdict.state or "visible") if verdict else None
        self.signals = verdict.signals if verdict else []

    def __getattr__(self, name: str):
        return getattr(self.item, name)


class ItemPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ItemOut]


def known_ids(member: Membership) -> tuple[set[int], set[int]]:
    classes = set(scoped(ResponseClass, member).values_list("pk", flat=True))
    teams = set(scoped(Team, member).values_list("pk", flat=True))
    return classes, teams


@items_router.post("", response={201: ItemOut, 200: ItemOut, **ERRORS})
def create_item(request, body: dict[str, Any] = Body(..., examples=[ITEM_EXAMPLE])):
    check_role(request.auth, Role.RESPONDER)
    try:
        item_in = check_item(body, *known_ids(request.auth))
    except IngestError as error:
        return Status(422, {"detail": str(error), "errors": error.problems})
    received = do_receive_items(request.auth.organization, [item_in])[0]
    return Status(201 if received.created else 200, received.item)


class BatchOut(Schema):
    created: int
    unchanged: int
    updated: int
    items: list[ItemOut]


@items_router.post("/batch", response={200: BatchOut, **ERRORS}, summary=f"Up to {MAX_BATCH} items")
def create_items(request, body: list[dict[str, Any]] = Body(..., examples=[[ITEM_EXAMPLE]])):
    check_role(request.auth, Role.RESPONDER)
    try:
        bodies = check_batch(body, *known_ids(request.auth))
    except IngestError as error:
        return Status(422, {"detail": str(error)[:2000], "errors": error.problems})
    received = do_receive_items(request.auth.organization, bodies)
    return {
        "created": sum(r.created for r in received),
        "updated": sum(r.updated for r in received),
        "unchanged": sum(not r.created and not r.updated for r in received),
        "items": [r.item for r in received],
    }


class ListParams(Schema):
    status: str = "open"
    team: int | None = None
    response_class: int | None = None
    channel: str = ""
    language: str = ""
    mine: bool = False
    overdue: bool = False
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


@items_router.get("", response={200: ItemPage, **ERRORS})
def list_items(request, params: Query[ListParams]):
    filters = ItemFilters(**params.model_dump(exclude={"limit", "offset"}))
    items = get_items(request.auth, filters).select_related("author")
    window = items[params.offset : params.offset + params.limit]
    return {
        "count": items.count(),
        "limit": params.limit,
        "offset": params.offset,
        "items": list(window),
    }


@items_router.get("/{item_id}", response={200: ItemDetailOut, **ERRORS})
def get_item(request, item_id: int):
    item = access_item(request.auth, item_id)
    return WithVerdict(item, get_verdict(item))


class ReplyIn(Schema):
    text: str = Field(..., min_length=1, max_length=8000)
    replies_seen: int | None = Field(None, description="Refuse if colleagues replied since")


class ReplyOut(Schema):
    id: int
    item_id: int
    text: str
    state: str


@items_router.post("/{item_id}/reply", response={201: ReplyOut, 409: dict, **ERRORS})
def reply(request, item_id: int, body: ReplyIn):
    return Status(
        201,
        do_reply_item(
            request.auth, access_item(request.auth, item_id), body.text, body.replies_seen
        ),
    )


class AssignIn(Schema):
    membership: int | None = Field(None, description="Membership id; null to return to the queue")


@items_router.post("/{item_id}/assign", response={200: ItemOut, **ERRORS})
def assign(request, item_id: int, body: AssignIn):
    assignee = None if body.membership is None else access_membership(request.auth, body.membership)
    return do_assign_item(request.auth, access_item(request.auth, item_id), assignee)


class ClassifyIn(Schema):
    response_class: int | None = None
    team: int | None = None


@items_router.post("/{item_id}/classify", response={200: ItemOut, **ERRORS})
def classify(request, item_id: int, body: ClassifyIn):
    item = access_item(request.auth, item_id)
    chosen = (
        None
        if body.response_class is None
        else access(ResponseClass, request.auth, body.response_class)
    )
    team = None if body.team is None else access(Team, request.auth, body.team)
    return do_change_triage(request.auth, item, chosen, team)


class CloseIn(Schema):
    no_reply_reason: Literal["spam", "duplicate", "already_answered", "emoji", "other"] | None = (
        None
    )


@items_router.post("/{item_id}/close", response={200: ItemOut, **ERRORS})
def close(request, item_id: int, body: CloseIn | None = None):
    item: Item = access_item(request.auth, item_id)
    if body is not None and body.no_reply_reason:
        return do_mark_no_reply(request.auth, item, body.no_reply_reason)
    return do_close_item(request.auth, item)
