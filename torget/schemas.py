"""Schemas every API router shares."""

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    errors: list[dict] | None = None


# Every operation documents the errors the API's exception handlers answer with.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
