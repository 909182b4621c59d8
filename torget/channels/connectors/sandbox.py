"""The sandbox: a built-in platform for the demo, trials and load tests.

It behaves like a real one: it takes each reply once per idempotency key (as Mastodon does with
its Idempotency-Key header), answers after a delay, and on demand fails, rate-limits or refuses.
The channel's settings steer it: {"delay_ms": 200, "fail_next": 2, "rate_limit_per_minute": 30,
"refuse": "reason"}. What it holds is kept in SandboxPost.
"""

import time
from datetime import timedelta

from django.utils import timezone

from torget.channels.connectors.base import Limits, RefusedError, RetryLaterError, Sent
from torget.channels.connectors.website import WebsiteConnector
from torget.channels.models import Channel, SandboxPost


class SandboxConnector(WebsiteConnector):
    """Items come in as the website's comments do (see website.py)."""

    platform = "sandbox"
    name = "Sandbox"
    limits = Limits(text=1000, media=4, can_hide=True, can_delete=True, direct_messages=True)

    def reply(self, channel: Channel, item, text: str, key: str) -> Sent:
        behaviour = channel.settings or {}
        if behaviour.get("refuse"):
            raise RefusedError(str(behaviour["refuse"]))
        if behaviour.get("fail_next", 0) > 0:
            behaviour["fail_next"] -= 1
            Channel.objects.filter(pk=channel.pk).update(settings=behaviour)
            raise RetryLaterError("the sandbox answered 503 Service Unavailable")
        throttle(channel, behaviour.get("rate_limit_per_minute"))
        post, _created = SandboxPost.objects.get_or_create(
            channel=channel,
            idempotency_key=key,
            defaults={
                "organization_id": channel.organization_id,
                "in_reply_to": item.external_id,
                "text": text,
            },
        )
        # The platform has the reply; its answer takes this long to come back.
        time.sleep(behaviour.get("delay_ms", 0) / 1000)
        return Sent(post.external_id, f"https://sandbox.invalid/{channel.key}/{post.pk}")


def throttle(channel: Channel, per_minute: int | None) -> None:
    if not per_minute:
        return
    since = timezone.now() - timedelta(minutes=1)
    recent = SandboxPost.objects.filter(channel=channel, created_at__gt=since).order_by(
        "created_at"
    )
    if recent.count() >= per_minute:
        oldest = recent.values_list("created_at", flat=True).first()
        wait = (oldest + timedelta(minutes=1) - timezone.now()).total_seconds()
        raise RetryLaterError("429 Too Many Requests from the sandbox", seconds=max(wait, 1.0))


connector = SandboxConnector()
