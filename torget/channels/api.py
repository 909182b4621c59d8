"""Channels in the JSON API: what is connected, what each platform takes, how each is doing.
Secrets never leave; connecting is done on the channels page, where the platforms' sign-in
flows live."""

from dataclasses import asdict
from datetime import datetime

from django.db import transaction
from ninja import Router, Schema, Status

from torget.channels.actions.polling import do_fetch_now
from torget.channels.connectors import connector_for, connectors
from torget.channels.models import Channel
from torget.channels.queries import Health, get_channels
from torget.orgs.queries import access
from torget.schemas import ERRORS

channels_router = Router()
platforms_router = Router()


class LimitsOut(Schema):
    text: int
    media: int
    can_hide: bool
    can_delete: bool
    direct_messages: bool


class PlatformOut(Schema):
    platform: str
    name: str
    limits: LimitsOut
    receives: str  # "poll" or "webhook"
    connects_by: str  # "sign-in" or "fields"


class HealthOut(Schema):
    last_received: datetime | None
    items_today: int
    rejected_today: int
    undelivered: int
    failed: int
    last_delivery_error: str
    trouble: str
    rate_limited_until: datetime | None
    token_expires_soon: bool


class ChannelOut(Schema):
    id: int
    key: str
    platform: str
    name: str
    account: str
    limits: LimitsOut
    polled_at: datetime | None
    token_expires_at: datetime | None
    health: HealthOut


def platform_out(platform: str) -> dict:
    connector = connector_for(platform)
    return {
        "platform": platform,
        "name": connector.name,
        "limits": asdict(connector.limits),
        "receives": "poll" if connector.polls else "webhook",
        "connects_by": "sign-in" if connector.signs_in else "fields",
    }


def channel_out(channel: Channel, health: Health) -> dict:
    return {
        "id": channel.pk,
        "key": channel.key,
        "platform": channel.platform,
        "name": channel.name,
        "account": str(channel.settings.get("account", "")),
        "limits": asdict(connector_for(channel.platform).limits),
        "polled_at": channel.polled_at,
        "token_expires_at": channel.token_expires_at,
        "health": asdict(health),
    }


@platforms_router.get("", response={200: list[PlatformOut], **ERRORS})
def list_platforms(request):
    """Every platform Torget connects to, with what it takes in one reply or post."""
    return [platform_out(platform) for platform in sorted(connectors())]


@channels_router.get("", response={200: list[ChannelOut], **ERRORS})
def list_channels(request):
    return [channel_out(channel, health) for channel, health in get_channels(request.auth)]


@channels_router.get("/{channel_id}", response={200: ChannelOut, **ERRORS})
def get_channel(request, channel_id: int):
    access(Channel, request.auth, channel_id)
    found = [pair for pair in get_channels(request.auth) if pair[0].pk == channel_id]
    return channel_out(*found[0])


@channels_router.post("/{channel_id}/fetch", response={202: None, **ERRORS})
def fetch_channel(request, channel_id: int):
    """Polls a polled channel at once (admins); new items follow in the inbox."""
    with transaction.atomic():
        do_fetch_now(request.auth, access(Channel, request.auth, channel_id))
    return Status(202, None)
