"""The address platforms deliver to: /hooks/<token>/, one per connected channel.

GET answers the platform's subscription handshake (Meta: hub.mode, hub.verify_token,
hub.challenge). POST must be signed: X-Hub-Signature-256 is "sha256=" and the HMAC-SHA256 of
the raw body under the channel's app secret. Anything unsigned or wrongly signed is refused and
logged, and nothing of it is stored. A signed body is kept and answered at once; the worker
reads it into the inbox (channels.actions.receiving).
"""

import hashlib
import hmac
import logging

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from torget.channels.actions.receiving import do_accept_webhook
from torget.channels.models import Channel, WebhookDelivery
from torget.channels.secrets import SecretsUnreadableError

log = logging.getLogger(__name__)
SIGNATURE = "X-Hub-Signature-256"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request, token: str):
    channel = get_object_or_404(Channel, hook_token=token, is_active=True)
    try:
        channel.secrets()
    except SecretsUnreadableError:
        log.error("channel %s: its secrets cannot be read; connect it again", channel.pk)
        # Not taken: the platform keeps the body and tries again once the channel is mended.
        return JsonResponse({"error": "this channel must be connected again"}, status=503)
    if request.method == "GET":
        return handshake(request, channel)
    if not signed(channel, request.body, request.headers.get(SIGNATURE, "")):
        log.warning(
            "channel %s: refused an unsigned or wrongly signed webhook from %s",
            channel.pk,
            request.META.get("REMOTE_ADDR", "?"),
        )
        return JsonResponse({"error": f"missing or wrong {SIGNATURE}"}, status=403)
    delivery = do_accept_webhook(channel, request.body)
    # A body Torget cannot read is kept (the channels page shows it and can read it again), so
    # it is answered as taken: a platform that got errors would resend it for hours, then
    # switch the subscription off.
    answer = {"delivery": delivery.pk, "state": delivery.state}
    if delivery.state == WebhookDelivery.State.REJECTED:
        answer["error"] = delivery.error
    return JsonResponse(answer)


def handshake(request, channel: Channel) -> HttpResponse:
    expected = channel.secrets().get("verify_token", "")
    given = request.GET.get("hub.verify_token", "")
    subscribing = request.GET.get("hub.mode") == "subscribe"
    if not (subscribing and expected and hmac.compare_digest(given, expected)):
        log.warning("channel %s: refused a webhook subscription handshake", channel.pk)
        return HttpResponse("verification failed", status=403, content_type="text/plain")
    challenge = request.GET.get("hub.challenge", "")
    return HttpResponse(challenge, content_type="text/plain")


def signature_of(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signed(channel: Channel, body: bytes, given: str) -> bool:
    secret = channel.secrets().get("app_secret", "")
    return bool(secret) and hmac.compare_digest(given.strip(), signature_of(secret, body))
