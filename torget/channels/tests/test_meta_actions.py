"""What a Facebook page or Instagram account can do beyond replying, through the Graph API,
tested at the HTTP level (respx): hide, show again, delete, message, count, and tell when the
page's access lapses. Instagram replies too."""

from datetime import UTC, datetime
from urllib.parse import parse_qs

import httpx
import pytest
import respx

from torget.channels.connectors.base import RefusedError
from torget.channels.connectors.facebook import GRAPH
from torget.channels.connectors.facebook import connector as facebook
from torget.channels.connectors.instagram import connector as instagram
from torget.channels.models import Channel
from torget.inbox.tests.conftest import body, receive

pytestmark = pytest.mark.django_db
PAGE, ACCOUNT = "104543", "17841400"


def connected(cast, platform: str, account: str, **settings) -> Channel:
    channel = Channel(
        organization=cast.alice.organization,
        key=platform,
        platform=platform,
        name=platform,
        settings={"account": account} | settings,
    )
    channel.set_secrets({"app_secret": "app-s", "access_token": "page-token"})
    channel.save()
    return channel


@pytest.fixture
def page(cast):
    return connected(cast, "facebook", PAGE)


@pytest.fixture
def insta(cast):
    return connected(cast, "instagram", ACCOUNT)


def form(call) -> dict:
    return {key: values[0] for key, values in parse_qs(call.request.content.decode()).items()}


@respx.mock
@pytest.mark.parametrize("hidden", [True, False])
def test_a_facebook_comment_is_hidden_and_shown_again(page, hidden):
    route = respx.post(f"{GRAPH}/{PAGE}_1_2").mock(httpx.Response(200, json={"success": True}))
    facebook.hide(page, f"{PAGE}_1_2", hidden)
    assert form(route.calls.last) == {"is_hidden": str(hidden).lower()}
    assert route.calls.last.request.url.params["access_token"] == "page-token"


@respx.mock
def test_an_instagram_comment_is_hidden_with_its_own_field(insta):
    route = respx.post(f"{GRAPH}/1790").mock(httpx.Response(200, json={"success": True}))
    instagram.hide(insta, "1790")
    assert form(route.calls.last) == {"hide": "true"}


@respx.mock
def test_a_comment_is_deleted_and_a_refusal_says_why(page):
    respx.delete(f"{GRAPH}/{PAGE}_1_2").mock(httpx.Response(200, json={"success": True}))
    facebook.delete(page, f"{PAGE}_1_2")
    respx.delete(f"{GRAPH}/{PAGE}_1_3").mock(
        httpx.Response(400, json={"error": {"message": "Unsupported delete request", "code": 100}})
    )
    with pytest.raises(RefusedError, match="Unsupported delete request"):
        facebook.delete(page, f"{PAGE}_1_3")


@respx.mock
def test_a_direct_message_goes_out_through_messenger(page):
    route = respx.post(f"{GRAPH}/me/messages").mock(
        httpx.Response(200, json={"recipient_id": "777", "message_id": "m_1"})
    )
    sent = facebook.send_message(page, "777", "Hei! Vi har sett på saken.", "key")
    assert sent.external_id == "m_1"
    sent_body = route.calls.last.request.content.decode()
    assert '"id":"777"' in sent_body.replace(" ", "") and "RESPONSE" in sent_body


@respx.mock
def test_page_and_post_counts(page):
    respx.get(f"{GRAPH}/{PAGE}").mock(httpx.Response(200, json={"followers_count": 82000}))
    respx.get(f"{GRAPH}/{PAGE}_9").mock(
        httpx.Response(
            200,
            json={
                "id": f"{PAGE}_9",
                "shares": {"count": 12},
                "reactions": {"data": [], "summary": {"total_count": 340}},
                "comments": {"data": [], "summary": {"total_count": 57}},
            },
        )
    )
    respx.get(f"{GRAPH}/{PAGE}_9/insights").mock(
        httpx.Response(
            200, json={"data": [{"name": "post_impressions_unique", "values": [{"value": 9100}]}]}
        )
    )
    assert facebook.metrics(page).followers == 82000
    post = facebook.metrics(page, f"{PAGE}_9")
    assert (post.reactions, post.shares, post.replies, post.reach) == (340, 12, 57, 9100)


@respx.mock
def test_reach_the_platform_keeps_back_is_unknown_not_zero(page):
    respx.get(f"{GRAPH}/{PAGE}_9").mock(httpx.Response(200, json={"id": f"{PAGE}_9"}))
    respx.get(f"{GRAPH}/{PAGE}_9/insights").mock(
        httpx.Response(400, json={"error": {"message": "(#10) Not enough viewers", "code": 10}})
    )
    post = facebook.metrics(page, f"{PAGE}_9")
    assert post.reach is None and post.shares == 0 and post.reactions is None


@respx.mock
def test_when_the_page_token_lapses_is_asked_with_the_apps_own_token(cast):
    page = connected(cast, "facebook", PAGE, app_id="5550001")
    lapses = int(datetime(2027, 1, 20, tzinfo=UTC).timestamp())
    route = respx.get(f"{GRAPH}/debug_token").mock(
        httpx.Response(
            200,
            json={"data": {"is_valid": True, "expires_at": 0, "data_access_expires_at": lapses}},
        )
    )
    assert facebook.token_expiry(page) == datetime(2027, 1, 20, tzinfo=UTC)
    params = route.calls.last.request.url.params
    assert params["input_token"] == "page-token" and params["access_token"] == "5550001|app-s"


def test_without_the_app_id_the_expiry_is_not_known(page):
    assert facebook.token_expiry(page) is None


def instagram_item(cast, external_id, kind="comment", in_reply_to=""):
    author = {"name": "kari_oslo", "handle": "1784"}
    fields = {"channel": "instagram", "kind": kind, "author": author}
    if in_reply_to:
        fields["in_reply_to"] = in_reply_to
    [item] = receive(cast, body(external_id, **fields))
    return item


@respx.mock
def test_an_instagram_comment_is_answered_under_it(cast, insta):
    respx.get(f"{GRAPH}/1790/replies").mock(httpx.Response(200, json={"data": []}))
    route = respx.post(f"{GRAPH}/1790/replies").mock(httpx.Response(200, json={"id": "1791"}))
    sent = instagram.reply(insta, instagram_item(cast, "1790"), "Takk!", "key")
    assert sent.external_id == "1791" and form(route.calls.last) == {"message": "Takk!"}


@respx.mock
def test_an_answer_to_an_instagram_reply_goes_under_its_comment_naming_the_writer(cast, insta):
    instagram_item(cast, "1790")
    respx.get(f"{GRAPH}/1790/replies").mock(httpx.Response(200, json={"data": []}))
    route = respx.post(f"{GRAPH}/1790/replies").mock(httpx.Response(200, json={"id": "1793"}))
    reply = instagram_item(cast, "1792", kind="reply", in_reply_to="1790")
    instagram.reply(insta, reply, "Det stemmer.", "key")
    assert form(route.calls.last) == {"message": "@kari_oslo Det stemmer."}


@respx.mock
def test_an_instagram_answer_already_there_is_not_posted_again(cast, insta):
    earlier = {"id": "1795", "text": "Takk!", "from": {"id": ACCOUNT, "username": "bymiljo"}}
    respx.get(f"{GRAPH}/1790/replies").mock(httpx.Response(200, json={"data": [earlier]}))
    posted = respx.post(f"{GRAPH}/1790/replies")
    sent = instagram.reply(insta, instagram_item(cast, "1790"), "Takk!", "key")
    assert sent.external_id == "1795" and not posted.called


@respx.mock
def test_instagram_counts(insta):
    respx.get(f"{GRAPH}/{ACCOUNT}").mock(httpx.Response(200, json={"followers_count": 5100}))
    respx.get(f"{GRAPH}/1800").mock(
        httpx.Response(200, json={"like_count": 210, "comments_count": 14})
    )
    respx.get(f"{GRAPH}/1800/insights").mock(
        httpx.Response(200, json={"data": [{"name": "reach", "values": [{"value": 4000}]}]})
    )
    assert instagram.metrics(insta).followers == 5100
    media = instagram.metrics(insta, "1800")
    assert (media.reactions, media.replies, media.reach) == (210, 14, 4000)


@respx.mock
def test_the_clock_asks_once_a_day_and_the_page_warns(cast):
    from torget.channels.actions.trouble import do_check_token_expiry

    page = connected(cast, "facebook", PAGE, app_id="5550001")
    soon = int(datetime.now(UTC).timestamp()) + 5 * 24 * 3600
    route = respx.get(f"{GRAPH}/debug_token").mock(
        httpx.Response(200, json={"data": {"is_valid": True, "expires_at": soon}})
    )
    assert do_check_token_expiry() == 1
    assert do_check_token_expiry() == 0 and route.call_count == 1
    page.refresh_from_db()
    assert page.token_expires_at == datetime.fromtimestamp(soon, UTC)
    text = cast.client_for(cast.alice).get("/channels/", headers={"Accept-Language": "en"})
    assert "connect the channel again before then" in text.content.decode()


@respx.mock
def test_a_token_meta_refuses_shows_as_the_channels_problem(cast):
    from torget.channels.actions.trouble import do_check_token_expiry

    page = connected(cast, "facebook", PAGE, app_id="5550001")
    respx.get(f"{GRAPH}/debug_token").mock(
        httpx.Response(400, json={"error": {"message": "Invalid OAuth access token", "code": 190}})
    )
    do_check_token_expiry()
    page.refresh_from_db()
    assert "connect it again" in page.trouble


def test_the_clock_sets_the_access_check_going_once_an_hour_not_every_minute():
    from django_tasks_db.models import DBTaskResult

    from torget.channels.actions.trouble import schedule_token_check
    from torget.channels.tasks import check_token_expiry

    assert schedule_token_check() is True
    assert schedule_token_check() is False
    waiting = DBTaskResult.objects.filter(task_path=check_token_expiry.module_path)
    assert waiting.count() == 1
