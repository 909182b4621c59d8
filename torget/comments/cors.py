"""Cross-origin answers for the widget, which runs on the organization's own site.

Only the sites the channel lists are answered with Access-Control-Allow-Origin (their own
origin echoed, never "*"), so a browser on any other site cannot read the comments or post
them. No cookies are asked for or sent: the widget is anonymous.
"""

from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from torget.channels.models import Channel
from torget.comments.sites import is_allowed

METHODS = "GET, POST"
HEADERS = "Content-Type, Accept-Language"
MAX_AGE = 7200  # seconds; Chromium caps a preflight's lifetime at two hours anyway


def with_cors(response: HttpResponse, channel: Channel, origin: str | None) -> HttpResponse:
    patch_vary_headers(response, ["Origin"])
    if origin and is_allowed(channel, origin):
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Expose-Headers"] = "Retry-After"
    return response


def preflight(channel: Channel, origin: str | None) -> HttpResponse:
    if not (origin and is_allowed(channel, origin)):
        refused = JsonResponse({"error": refusal(origin)}, status=403)
        patch_vary_headers(refused, ["Origin"])
        return refused
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = METHODS
    response["Access-Control-Allow-Headers"] = HEADERS
    response["Access-Control-Max-Age"] = str(MAX_AGE)
    return with_cors(response, channel, origin)


def refusal(origin: str | None) -> str:
    return _(
        "This comment field is not set up for %(origin)s. "
        "Its owner can add the site on Torget's channels page."
    ) % {"origin": origin or _("this site")}
