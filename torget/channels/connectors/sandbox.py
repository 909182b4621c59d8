"""The sandbox: a built-in platform for the demo, trials and load tests.

It behaves like a real one: it takes each reply once per idempotency key (as Mastodon does with
its Idempotency-Key header), answers after a delay, and on demand fails, rate-limits or refuses.
The channel's settings steer it: {"delay_ms": 200, "fail_next": 2, "rate_limit_per_minute": 30,
"refuse": "reason"}. What it holds is kept in SandboxPost.

Like a page owner on Facebook, the sandbox's account may hide, show again and delete what
others write, and block writers and lift the block. What it did is kept in the channel's
settings ("hidden", "deleted", "blocked": lists of ids and handles), so the demo can show it;
doing it twice changes nothing, as on the real platforms.
"""

import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from torget.channels.connectors.base import Limits, RefusedError, RetryLaterError, Sent
from torget.channels.connectors.website import WebsiteConnector
from torget.channels.models import Channel, SandboxPost

MODERATED = ("hidden", "deleted", "blocked")


class SandboxConnector(WebsiteConnector):
    """Items come in as the website's comments do (see website.py)."""

    platform = "sandbox"
    name = "Sandbox"
    limits = Limits(text=1000, media=4, can_hide=True, can_delete=True, direct_messages=True)
    moderates = frozenset({"hide", "unhide", "delete", "block", "unblock"})

    def reply(self, channel: Channel, item, text: str, key: str) -> Sent:
        behaviour = misbehave(channel)
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

    def hide(self, channel: Channel, external_id: str, hidden: bool = True) -> None:
        misbehave(channel)
        note(channel, "hidden", external_id, keep=hidden)

    def delete(self, channel: Channel, external_id: str) -> None:
        misbehave(channel)
        note(channel, "deleted", external_id)

    def block(self, channel: Channel, author_handle: str) -> None:
        misbehave(channel)
        note(channel, "blocked", author_handle)

    def unblock(self, channel: Channel, author_handle: str) -> None:
        misbehave(channel)
        note(channel, "blocked", author_handle, keep=False)


def misbehave(channel: Channel) -> dict:
    """Refuses, or fails once more, as the channel's settings ask; else its settings."""
    with transaction.atomic():
        behaviour = Channel.objects.select_for_update().get(pk=channel.pk).settings or {}
        failing = behaviour.get("fail_next", 0) > 0 and not behaviour.get("refuse")
        if failing:
            behaviour["fail_next"] -= 1
            Channel.objects.filter(pk=channel.pk).update(settings=behaviour)
    if behaviour.get("refuse"):
        raise RefusedError(str(behaviour["refuse"]))
    if failing:
        raise RetryLaterError("the sandbox answered 503 Service Unavailable")
    return behaviour


@transaction.atomic
def note(channel: Channel, kept_in: str, what: str, keep: bool = True) -> None:
    """Adds `what` to (or takes it from) one of the sandbox's lists, read under a lock so two
    workers do not overwrite each other's."""
    settings = Channel.objects.select_for_update().get(pk=channel.pk).settings or {}
    listed = set(settings.get(kept_in, []))
    settings[kept_in] = sorted(listed | {what} if keep else listed - {what})
    Channel.objects.filter(pk=channel.pk).update(settings=settings)
    channel.settings = settings


def moderated(channel: Channel) -> dict[str, list[str]]:
    """What the sandbox's account hid, deleted and blocked, as the demo shows it."""
    return {kept_in: list(channel.settings.get(kept_in, [])) for kept_in in MODERATED}


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
