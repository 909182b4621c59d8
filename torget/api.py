"""The JSON API at /api/v1/: bearer tokens, one organization per token, JSON errors only."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.security import HttpBearer

from torget.accounts.actions.tokens import get_active_token
from torget.channels.api import channels_router, platforms_router
from torget.inbox.actions.items import ReplyCollisionError
from torget.inbox.api import classes_router, items_router
from torget.moderation.api import moderate_router, moderation_router
from torget.orgs.api import calendars_router, me_router, teams_router
from torget.orgs.calendars import CalendarError


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = get_active_token(token)
        if found is None:
            return None
        request.membership = found.membership
        return found.membership


api = NinjaAPI(
    title="Torget API",
    version="1",
    description="Every request acts as the membership its bearer token belongs to.",
    auth=TokenAuth(),
    urls_namespace="api",
)
api.add_router("/me", me_router, tags=["me"])
api.add_router("/teams", teams_router, tags=["teams"])
api.add_router("/calendars", calendars_router, tags=["calendars"])
api.add_router("/response-classes", classes_router, tags=["inbox"])
api.add_router("/items", items_router, tags=["inbox"])
api.add_router("/items", moderate_router, tags=["moderation"])
api.add_router("/moderation", moderation_router, tags=["moderation"])
api.add_router("/channels", channels_router, tags=["channels"])
api.add_router("/platforms", platforms_router, tags=["channels"])


def error(request, status: int, detail, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return error(request, 401, _("Send a valid token: Authorization: Bearer <token>."))


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return error(request, 403, str(exc) or _("Your role does not allow this."))


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(request, 404, _("Not found, or it belongs to another organization."))


@api.exception_handler(CalendarError)
def bad_calendar(request, exc):
    return error(request, 422, str(exc))


@api.exception_handler(ReplyCollisionError)
def reply_collision(request, exc):
    return error(request, 409, " ".join(exc.messages))


@api.exception_handler(ValidationError)
def bad_value(request, exc):
    return error(request, 422, " ".join(exc.messages))


@api.exception_handler(SchemaError)
def bad_body(request, exc):
    return error(request, 422, _("The request does not match the schema."), errors=exc.errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return error(request, exc.status_code, str(exc))
