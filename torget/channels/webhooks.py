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

log = logging.getLogger(__name__)
SIGNATURE = "X-Hub-Signature-256"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request, token: str):
    channel = get_object_or_404(Channel, hook_token=token, is_active=True)
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
    if delivery.state == WebhookDelivery.State.REJECTED:
        return JsonResponse({"error": delivery.error, "delivery": delivery.pk}, status=400)
    return JsonResponse({"delivery": delivery.pk, "state": delivery.state})


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
