"""Connecting a Facebook page through Facebook's own sign-in with the deployment's Meta app,
tested at the HTTP level (respx): the code becomes a long-lived user token, that the page's
token, and the app is subscribed to the page's webhooks."""

from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import respx

from torget.channels.connectors.facebook import GRAPH
from torget.channels.models import Channel

pytestmark = pytest.mark.django_db
PAGES = [
    {"id": "104543", "name": "Bymiljøetaten", "access_token": "page-token-1"},
    {"id": "205001", "name": "Bysykkel", "access_token": "page-token-2"},
]


@pytest.fixture(autouse=True)
def meta_app(settings):
    settings.META_APP_ID, settings.META_APP_SECRET = "5550001", "app-secret-x"


@pytest.fixture
def graph():
    with respx.mock(base_url=GRAPH, assert_all_called=False) as mock:
        mock.get("/oauth/access_token", params={"code": "the-code"}).mock(
            httpx.Response(200, json={"access_token": "short-user", "token_type": "bearer"})
        )
        mock.get("/oauth/access_token", params={"grant_type": "fb_exchange_token"}).mock(
            httpx.Response(200, json={"access_token": "long-user", "expires_in": 5183944})
        )
        mock.get("/me/accounts", name="accounts").mock(
            httpx.Response(200, json={"data": PAGES[:1]})
        )
        mock.post(path__regex=r"/\d+/subscribed_apps", name="subscribe").mock(
            httpx.Response(200, json={"success": True})
        )
        yield mock


def begin(cast, page=""):
    form = {
        "signin-platform": "facebook",
        "signin-server": page,
        "signin-name": "Bymiljøetaten på Facebook",
        "signin-key": "facebook",
    }
    client = cast.client_for(cast.alice)
    return client, client.post("/channels/sign-in/", form, headers={"Accept-Language": "en"})


def come_back(client, answer):
    state = parse_qs(urlparse(answer["Location"]).query)["state"][0]
    params = {"code": "the-code", "state": state}
    client.get("/channels/signed-in/", params, headers={"Accept-Language": "en"})
    return client.get("/channels/", headers={"Accept-Language": "en"}).content.decode()


def test_the_admin_is_sent_to_facebooks_dialog_with_the_page_permissions(cast):
    _client, answer = begin(cast)
    sent_to = urlparse(answer["Location"])
    query = parse_qs(sent_to.query)
    assert sent_to.netloc == "www.facebook.com" and sent_to.path.endswith("/dialog/oauth")
    assert query["client_id"] == ["5550001"]
    assert query["redirect_uri"] == ["http://testserver/channels/signed-in/"]
    assert "pages_manage_engagement" in query["scope"][0] and "pages_messaging" in query["scope"][0]


def test_the_page_is_connected_with_a_lasting_token_and_subscribed_to_webhooks(cast, graph):
    client, answer = begin(cast)
    page = come_back(client, answer)
    channel = Channel.objects.get()
    assert channel.settings["account"] == "104543" and channel.settings["app_id"] == "5550001"
    sealed = channel.secrets()
    assert sealed["access_token"] == "page-token-1" and sealed["app_secret"] == "app-secret-x"
    assert graph.routes["accounts"].calls.last.request.url.params["access_token"] == "long-user"
    subscribed = graph.routes["subscribe"].calls.last.request
    assert subscribed.url.path.endswith("/104543/subscribed_apps")
    assert "feed" in subscribed.url.params["subscribed_fields"]
    assert "is connected" in page and "page-token-1" not in page
    assert sealed["verify_token"] in page  # the dashboard still needs the webhook address


def test_an_admin_of_several_pages_is_asked_which(cast, graph):
    graph.routes["accounts"].mock(httpx.Response(200, json={"data": PAGES}))
    client, answer = begin(cast)
    page = come_back(client, answer)
    assert not Channel.objects.exists()
    assert "Bymiljøetaten (104543)" in page and "Bysykkel (205001)" in page
    client, answer = begin(cast, page="205001")
    come_back(client, answer)
    assert Channel.objects.get().settings["account"] == "205001"


def test_a_code_facebook_refuses_connects_nothing(cast, graph):
    graph.routes[0].mock(
        httpx.Response(
            400,
            json={"error": {"message": "This authorization code has expired.", "code": 100}},
        )
    )
    client, answer = begin(cast)
    page = come_back(client, answer)
    assert "authorization code has expired" in page and not Channel.objects.exists()


def test_without_the_deployments_meta_app_facebook_is_connected_with_fields(cast, settings):
    settings.META_APP_ID = ""
    _client, answer = begin(cast)
    assert answer.status_code == 200 and not Channel.objects.exists()
    assert "Select a valid choice" in answer.content.decode()


def test_instagram_is_not_offered_a_sign_in_that_would_connect_the_page_instead(cast):
    page = cast.client_for(cast.alice).get("/channels/").content.decode()
    sign_in = page[page.index('id="id_signin-platform"') :].split("</select>")[0]
    assert 'value="facebook"' in sign_in and 'value="instagram"' not in sign_in
