"""The agency's website, www.fjordby.example, with Torget's comment field on its articles, and
the neighbouring organization's own site, which must never see or take the agency's comments."""

import json

import pytest
from django.test import Client

from torget.channels.models import Channel

SITE = "https://www.fjordby.example"
ARTICLE = f"{SITE}/nyheter/hageavfall"
OTHER_SITE = "https://naboetaten.example"


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are read in English here; the catalogs are checked elsewhere."""
    settings.LANGUAGE_CODE = "en"


def website(member, key="nettside", origins=(SITE,), **settings) -> Channel:
    return Channel.objects.create(
        organization=member.organization,
        key=key,
        platform="website",
        name="Fjordby.example",
        settings={"widget_id": f"widget-{key}-{member.pk}", "origins": list(origins)} | settings,
    )


@pytest.fixture
def site(cast) -> Channel:
    return website(cast.alice)


@pytest.fixture
def other_site(cast) -> Channel:
    return website(cast.mallory, origins=(OTHER_SITE,))


def comment(**fields) -> dict:
    return {"page": ARTICLE, "name": "Kari Nordmann", "text": "Når kommer bilen?"} | fields


def post(channel: Channel, body=None, origin: str | None = SITE, address="203.0.113.7", **fields):
    headers = {"Origin": origin} if origin else {}
    return Client(REMOTE_ADDR=address).post(
        f"/comments/{channel.settings['widget_id']}/",
        json.dumps(comment(**fields) if body is None else body),
        content_type="application/json",
        headers=headers,
    )


def shown(channel: Channel, page: str = ARTICLE, origin: str | None = SITE):
    headers = {"Origin": origin} if origin else {}
    return Client().get(
        f"/comments/{channel.settings['widget_id']}/", {"page": page}, headers=headers
    )
