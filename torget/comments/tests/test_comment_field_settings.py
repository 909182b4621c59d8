"""Connecting the comment field, choosing its sites, and the snippet to paste into the site."""

import pytest

from torget.channels.models import Channel
from torget.comments.queries import get_widget_channel
from torget.comments.tests.conftest import SITE, post

pytestmark = pytest.mark.django_db
EN = {"Accept-Language": "en"}


def connect(cast, member=None, **fields):
    form = {
        "name": "Fjordby.example",
        "key": "nettside",
        "origins": f"{SITE}/\nhttps://Fjordby.example",
        "hold": "links",
    } | fields
    client = cast.client_for(member or cast.alice)
    return client.post("/comments/connect/", form, headers=EN)


def test_an_admin_connects_the_field_and_gets_the_snippet(cast):
    response = connect(cast)
    channel = Channel.objects.get()
    assert response.url == f"/comments/channels/{channel.pk}/"
    assert channel.platform == "website" and channel.organization == cast.alice.organization
    assert channel.settings["origins"] == [SITE, "https://fjordby.example"]
    assert channel.settings["hold"] == "links"
    widget_id = channel.settings["widget_id"]
    assert len(widget_id) >= 20 and get_widget_channel(widget_id) == channel
    page = cast.client_for(cast.alice).get(response.url, headers=EN).content.decode()
    snippet = f'src="http://testserver/static/comments/widget.js" data-widget="{widget_id}"'
    assert snippet in page
    assert post(channel).status_code == 201


def test_the_channels_page_shows_the_snippet_and_the_sites(cast):
    connect(cast)
    channel = Channel.objects.get()
    page = cast.client_for(cast.bob).get("/channels/", headers=EN).content.decode()
    assert channel.settings["widget_id"] in page and "comments/widget.js" in page
    assert f"<code>{SITE}</code>" in page and f"/comments/channels/{channel.pk}/" in page
    assert "/comments/held/" in page


def test_it_names_a_site_it_cannot_use_and_keeps_what_was_typed(cast):
    response = connect(cast, origins="https://www.fjordby.example/nyheter\nhttps://ok.example")
    text = response.content.decode()
    assert response.status_code == 200 and "https://www.fjordby.example/nyheter is not" in text
    assert "https://ok.example" in text and not Channel.objects.exists()
    taken = Channel.objects.create(
        organization=cast.alice.organization, key="nettside", platform="sandbox", name="X"
    )
    assert "already has this key" in connect(cast).content.decode()
    assert list(Channel.objects.all()) == [taken]


def test_an_admin_changes_the_sites_and_the_hold_rule(cast):
    connect(cast)
    channel = Channel.objects.get()
    widget_id = channel.settings["widget_id"]
    url = f"/comments/channels/{channel.pk}/"
    client = cast.client_for(cast.alice)
    response = client.post(url, {"origins": "https://ny.example", "hold": "all"}, headers=EN)
    assert response.status_code == 302
    channel.refresh_from_db()
    assert channel.settings == {
        "widget_id": widget_id,
        "origins": ["https://ny.example"],
        "hold": "all",
    }


def test_a_website_channel_made_elsewhere_gets_its_widget_id_when_saved(cast):
    channel = Channel.objects.create(
        organization=cast.alice.organization, key="web", platform="website", name="Nett"
    )
    url = f"/comments/channels/{channel.pk}/"
    cast.client_for(cast.alice).post(url, {"origins": SITE, "hold": "none"})
    channel.refresh_from_db()
    assert get_widget_channel(channel.settings["widget_id"]) == channel


def test_only_admins_connect_or_change_and_other_organizations_get_404(cast):
    assert connect(cast, member=cast.bob).status_code == 403
    connect(cast)
    channel = Channel.objects.get()
    url = f"/comments/channels/{channel.pk}/"
    bob = cast.client_for(cast.bob)
    assert "Only administrators" in bob.get(url, headers=EN).content.decode()
    assert bob.post(url, {"origins": "https://evil.example", "hold": "none"}).status_code == 403
    mallory = cast.client_for(cast.mallory)
    assert mallory.get(url).status_code == 404
    assert mallory.post(url, {"origins": "https://evil.example", "hold": "none"}).status_code == 404
    channel.refresh_from_db()
    assert channel.settings["origins"] == [SITE, "https://fjordby.example"]


def test_a_channel_of_another_platform_is_no_comment_field(cast):
    channel = Channel.objects.create(
        organization=cast.alice.organization, key="fb", platform="facebook", name="Facebook"
    )
    assert cast.client_for(cast.alice).get(f"/comments/channels/{channel.pk}/").status_code == 404
