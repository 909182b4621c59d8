"""/comments/held/: members see what waits; editors and above publish or reject it."""

import pytest

from conftest import count_queries
from torget.channels.actions.receiving import do_read_received
from torget.comments.models import WebsiteComment
from torget.comments.tests.conftest import post, shown
from torget.inbox.models import Item, NoReplyReason, Status

pytestmark = pytest.mark.django_db
EN = {"Accept-Language": "en"}


@pytest.fixture
def held(site) -> WebsiteComment:
    post(site, text="Billig: [url=https://spam.example]her[/url]", name="Spammy")
    return WebsiteComment.objects.get()


def test_it_lists_what_waits_and_why(cast, held):
    page = cast.client_for(cast.alice).get("/comments/held/", headers=EN).content.decode()
    assert "Spammy wrote" in page and "[url=https://spam.example]her[/url]" in page
    assert "as spam robots write them" in page and held.page in page
    assert f"/comments/{held.pk}/publish/" in page and f"/comments/{held.pk}/reject/" in page


def test_an_editor_publishes_with_htmx_and_the_row_says_so(cast, site, held):
    from torget.orgs.models import Role

    cast.carol.role = Role.EDITOR
    cast.carol.save()
    response = cast.client_for(cast.carol).post(
        f"/comments/{held.pk}/publish/", headers=EN | {"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Spammy&#x27;s comment is published." in response.content.decode()
    assert 'id="comment-' in response.content.decode()
    held.refresh_from_db()
    assert held.state == "published" and held.moderated_by == cast.carol
    assert [c["name"] for c in shown(site).json()["comments"]] == ["Spammy"]


def test_publishing_without_javascript_comes_back_to_the_page(cast, held):
    client = cast.client_for(cast.alice)
    response = client.post(f"/comments/{held.pk}/publish/", headers=EN, follow=True)
    assert response.redirect_chain == [("/comments/held/", 302)]
    assert "published" in response.content.decode()
    assert "No comments are waiting for review." in response.content.decode()


def test_rejecting_takes_the_item_out_of_the_inbox_queue(cast, site, held):
    do_read_received(site)
    cast.client_for(cast.alice).post(f"/comments/{held.pk}/reject/")
    held.refresh_from_db()
    assert held.state == "rejected"
    item = Item.objects.get()
    assert (item.status, item.no_reply_reason) == (Status.NO_REPLY, NoReplyReason.REMOVED)
    assert shown(site).json()["comments"] == []


def test_a_robots_comment_published_by_mistake_reaches_the_inbox_then(cast, site):
    post(site, website="filled", name="Ekte menneske")
    caught = WebsiteComment.objects.get()
    page = cast.client_for(cast.alice).get("/comments/held/", headers=EN).content.decode()
    assert "Recently rejected" in page and "only robots fill in" in page
    cast.client_for(cast.alice).post(f"/comments/{caught.pk}/publish/")
    caught.refresh_from_db()
    assert caught.state == "published" and caught.delivery is not None
    assert do_read_received(site) == 1 and Item.objects.get().author.name == "Ekte menneske"


def test_a_plain_member_sees_the_list_but_cannot_decide(cast, held):
    client = cast.client_for(cast.bob)  # a responder
    page = client.get("/comments/held/", headers=EN).content.decode()
    assert "Spammy wrote" in page and "/publish/" not in page
    assert client.post(f"/comments/{held.pk}/publish/").status_code == 403
    assert client.post(f"/comments/{held.pk}/reject/").status_code == 403
    held.refresh_from_db()
    assert held.state == "held"


def test_another_organization_neither_sees_nor_decides(cast, held):
    client = cast.client_for(cast.mallory)
    page = client.get("/comments/held/", headers=EN).content.decode()
    assert "Spammy" not in page
    assert client.post(f"/comments/{held.pk}/publish/").status_code == 404
    assert client.post(f"/comments/{held.pk}/reject/").status_code == 404
    held.refresh_from_db()
    assert held.state == "held" and held.moderated_by is None


def test_it_asks_visitors_to_log_in_and_takes_only_posts(client, held):
    assert client.get("/comments/held/").status_code == 302
    assert client.post(f"/comments/{held.pk}/publish/").status_code == 302
    held.refresh_from_db()
    assert held.state == "held"


def test_the_list_costs_the_same_few_queries_however_long(cast, site, held):
    client = cast.client_for(cast.alice)
    few = count_queries(client, "/comments/held/")
    for number in range(5):
        post(site, text=f"[url=https://spam.example/{number}]x[/url]", address=f"192.0.2.{number}")
    assert count_queries(client, "/comments/held/") == few
