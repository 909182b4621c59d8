"""Moderation over the API: acting on an item, and reading the audit log (never writing it)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from torget.inbox.queries import access_item
from torget.moderation.actions.moderating import ACTIONS, do_moderate
from torget.moderation.audit import AuditFilters, get_audit_entries
from torget.moderation.models import Explanation
from torget.orgs.actions.permissions import check_role
from torget.orgs.models import Role
from torget.orgs.queries import access
from torget.schemas import ERRORS

moderate_router = Router()
moderation_router = Router()


class ModerateIn(Schema):
    action: str = Field(..., description=", ".join(ACTIONS))
    reason: str = Field("", max_length=2000)
    explanation: int | None = Field(None, description="A saved explanation to post as a reply")


class AuditOut(Schema):
    id: int
    at: datetime
    actor: str = Field(..., alias="actor_name")
    action: str
    item_id: int | None
    channel: str
    author_handle: str
    text: str
    verdict_before: str
    verdict_after: str
    reason: str
    outcome: str
    rule_id: int | None


@moderate_router.post("/{item_id}/moderate", response={201: AuditOut, **ERRORS})
def moderate(request, item_id: int, body: ModerateIn):
    """Acts as a moderator would on the item's page; answers with the audit entry written."""
    item = access_item(request.auth, item_id)
    if body.action not in ACTIONS:
        choices = ", ".join(ACTIONS)
        raise ValidationError(_("action must be one of: %(choices)s.") % {"choices": choices})
    explanation = access(Explanation, request.auth, body.explanation) if body.explanation else None
    return Status(201, do_moderate(request.auth, item, body.action, body.reason, explanation))


class AuditPage(Schema):
    count: int
    limit: int
    offset: int
    entries: list[AuditOut]


class AuditParams(Schema):
    q: str = Field("", description="Words in the text, reason, actor or writer")
    action: str = ""
    item: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


@moderation_router.get("/audit", response={200: AuditPage, **ERRORS})
def audit(request, params: Query[AuditParams]):
    check_role(request.auth, Role.RESPONDER)
    filters = AuditFilters(text=params.q, action=params.action)
    entries = get_audit_entries(request.auth, filters)
    if params.item is not None:
        entries = entries.filter(item_id=params.item)
    if params.since:
        entries = entries.filter(at__gte=params.since)
    if params.until:
        entries = entries.filter(at__lt=params.until)
    window = entries[params.offset : params.offset + params.limit]
    return {
        "count": entries.count(),
        "limit": params.limit,
        "offset": params.offset,
        "entries": list(window),
    }
