"""The widget's endpoint, /comments/<widget_id>/: public, anonymous, JSON, across origins.

GET ?page=<address> lists the page's published comments with their answers; POST takes a new
comment as JSON or a form {page, name, text, website (the hidden field), in_reply_to?};
OPTIONS answers the browser's preflight. See comments.cors for which sites are answered.
"""

import json

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt

from torget.accounts.views.login import client_ip
from torget.channels.connectors.website import connector as website_connector
from torget.channels.models import Channel
from torget.comments.actions.posting import TooManyCommentsError, do_post_comment
from torget.comments.checks import MAX_NAME, CommentProblemsError, check_comment, check_page
from torget.comments.cors import preflight, refusal, with_cors
from torget.comments.presenting import posted_json, thread_json
from torget.comments.queries import get_page_threads, get_widget_channel
from torget.comments.sites import is_allowed
from torget.moderation.models import HouseRules


@csrf_exempt
def widget_endpoint(request, widget_id: str) -> HttpResponse:
    channel = get_widget_channel(widget_id)
    if channel is None:
        return JsonResponse({"error": _("No comment field has this id.")}, status=404)
    origin = request.headers.get("Origin")
    if request.method == "OPTIONS":
        return preflight(channel, origin)
    if request.method == "GET":
        response = show_comments(request, channel)
    elif request.method == "POST":
        response = take_comment(request, channel, origin)
    else:
        response = JsonResponse({"error": _("Use GET or POST.")}, status=405)
        response["Allow"] = "GET, POST, OPTIONS"
    response["Cache-Control"] = "no-store"
    return with_cors(response, channel, origin)


def show_comments(request, channel: Channel) -> JsonResponse:
    try:
        page = check_page(channel, request.GET.get("page"))
    except CommentProblemsError as error:
        return problems_response(error)
    threads = [thread_json(thread) for thread in get_page_threads(channel, page)]
    limits = {"name": MAX_NAME, "text": website_connector.limits.text}
    rules = house_rules_url(request, channel)
    return JsonResponse({"page": page, "comments": threads, "limits": limits, "house_rules": rules})


def house_rules_url(request, channel: Channel) -> str | None:
    """The organization's published house rules, for the widget to link to beside the form."""
    if not HouseRules.objects.filter(
        organization_id=channel.organization_id, is_published=True
    ).exists():
        return None
    slug = channel.organization.slug
    return request.build_absolute_uri(reverse("house-rules-public", args=[slug]))


def take_comment(request, channel: Channel, origin: str | None) -> JsonResponse:
    # A browser always names the page's origin on a POST; scripts without one meet the
    # same checks on the page's address below.
    if origin is not None and not is_allowed(channel, origin):
        return JsonResponse({"error": refusal(origin)}, status=403)
    try:
        given = check_comment(channel, posted_data(request))
        comment = do_post_comment(channel, given, client_ip(request) or "")
    except CommentProblemsError as error:
        return problems_response(error)
    except TooManyCommentsError as error:
        return too_many(error.seconds)
    return JsonResponse(posted_json(comment), status=201)


def posted_data(request) -> dict:
    if request.content_type != "application/json":
        return request.POST.dict()
    try:
        data = json.loads(request.body)
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        message = _("The comment could not be read: send a JSON object or a form.")
        raise CommentProblemsError({"body": ("invalid", message)})
    return data


def problems_response(error: CommentProblemsError) -> JsonResponse:
    return JsonResponse(
        {
            "error": _("Please check what you wrote."),
            "errors": {field: message for field, (_code, message) in error.problems.items()},
            "codes": {field: code for field, (code, _message) in error.problems.items()},
        },
        status=400,
    )


def too_many(seconds: int) -> JsonResponse:
    minutes = max(1, round(seconds / 60))
    message = ngettext(
        "You have written several comments in a short time. Try again in %(minutes)d minute.",
        "You have written several comments in a short time. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    response = JsonResponse({"error": message, "retry_after": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response
