"""The widget's endpoint: a page's comments, a new comment, clear errors, CORS done right."""

import json

import pytest
from django.test import Client

from torget.comments.models import WebsiteComment
from torget.comments.tests.conftest import ARTICLE, OTHER_SITE, SITE, post, shown

pytestmark = pytest.mark.django_db


def published(channel, name="Kari Nordmann", text="Takk!", **fields) -> WebsiteComment:
    return WebsiteComment.objects.create(
        organization=channel.organization,
        channel=channel,
        page=fields.pop("page", ARTICLE),
        author_name=name,
        text=text,
        text_html=text,
        **fields,
    )


def test_it_takes_a_comment_and_shows_it_on_the_page(site):
    response = post(site, text="Når kommer <b>bilen</b>?")
    assert response.status_code == 201
    answer = response.json()
    assert answer["held"] is False and "published" in answer["message"]
    assert answer["comment"]["html"] == "Når kommer <b>bilen</b>?"
    [comment] = shown(site).json()["comments"]
    assert (comment["name"], comment["html"], comment["replies"]) == (
        "Kari Nordmann",
        "Når kommer <b>bilen</b>?",
        [],
    )
    stored = WebsiteComment.objects.get()
    assert stored.text == "Når kommer <b>bilen</b>?" and stored.state == "published"
    assert str(stored.external_id) == comment["id"]


def test_it_takes_a_form_as_well_as_json(site):
    response = Client().post(
        f"/comments/{site.settings['widget_id']}/",
        {"page": ARTICLE, "name": "Ola", "text": "Fint!", "website": ""},
        headers={"Origin": SITE},
    )
    assert response.status_code == 201
    assert WebsiteComment.objects.get().author_name == "Ola"


def test_it_names_every_problem_by_field_and_keeps_nothing(site):
    response = post(site, name="  ", text="x" * 4001, page="ftp://www.fjordby.example/a")
    assert response.status_code == 400
    answer = response.json()
    assert answer["codes"] == {"page": "invalid", "name": "required", "text": "too_long"}
    assert answer["errors"]["name"] == "Write your name."
    assert answer["errors"]["text"] == "The comment can be at most 4000 characters; it has 4001."
    assert "http or https" in answer["errors"]["page"]
    assert not WebsiteComment.objects.exists()


def test_it_refuses_a_name_too_long_or_a_body_that_is_no_object(site):
    too_long = post(site, name="N" * 101)
    assert too_long.json()["codes"] == {"name": "too_long"}
    not_an_object = post(site, body=["page", "name"])
    assert not_an_object.status_code == 400 and not_an_object.json()["codes"] == {"body": "invalid"}
    broken = Client().post(
        f"/comments/{site.settings['widget_id']}/",
        "{not json",
        content_type="application/json",
        headers={"Origin": SITE},
    )
    assert broken.status_code == 400 and "JSON" in broken.json()["errors"]["body"]
    assert not WebsiteComment.objects.exists()


def test_it_refuses_a_page_on_a_site_not_allowed(site):
    response = post(site, page=f"{OTHER_SITE}/nyheter")
    assert response.status_code == 400
    assert response.json()["codes"] == {"page": "other_site"}
    listing = shown(site, page=f"{OTHER_SITE}/nyheter")
    assert listing.status_code == 400 and listing.json()["codes"] == {"page": "other_site"}
    assert not WebsiteComment.objects.exists()


def test_it_refuses_a_post_from_a_site_not_allowed_and_says_why(site):
    response = post(site, origin=OTHER_SITE)
    assert response.status_code == 403
    assert OTHER_SITE in response.json()["error"]
    assert "Access-Control-Allow-Origin" not in response
    assert not WebsiteComment.objects.exists()


def test_it_answers_the_allowed_site_and_only_it_with_cors_headers(site):
    published(site)
    allowed = shown(site, origin=SITE)
    assert allowed["Access-Control-Allow-Origin"] == SITE
    assert "Origin" in allowed["Vary"]
    assert "Retry-After" in allowed["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in allowed
    other = shown(site, origin=OTHER_SITE)
    assert other.status_code == 200 and "Origin" in other["Vary"]
    assert not any(header.startswith("Access-Control") for header in other.headers)


def test_it_answers_the_preflight_of_the_allowed_site(site):
    url = f"/comments/{site.settings['widget_id']}/"
    preflight = {
        "Origin": SITE,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    response = Client().options(url, headers=preflight)
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == SITE
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "Content-Type" in response["Access-Control-Allow-Headers"]
    assert int(response["Access-Control-Max-Age"]) > 0 and "Origin" in response["Vary"]
    refused = Client().options(url, headers=preflight | {"Origin": OTHER_SITE})
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused


def test_it_knows_a_site_by_its_origin_whatever_the_case_or_default_port(cast):
    from torget.comments.tests.conftest import website

    channel = website(cast.alice, origins=("https://www.fjordby.example",))
    response = post(channel, page="HTTPS://WWW.Fjordby.Example:443/nyheter#kommentarer")
    assert response.status_code == 201
    assert WebsiteComment.objects.get().page == "https://www.fjordby.example/nyheter"


def test_an_unknown_widget_id_is_a_clear_404(site):
    response = Client().get("/comments/no-such-widget/", {"page": ARTICLE})
    assert response.status_code == 404 and "No comment field" in response.json()["error"]


def test_another_organizations_widget_never_shows_or_takes_our_comments(site, other_site):
    published(site, text="Vårt")
    published(other_site, text="Naboens", page=f"{OTHER_SITE}/side")
    assert [c["html"] for c in shown(site).json()["comments"]] == ["Vårt"]
    # The neighbour's widget asked for our page: not its site, so nothing of ours comes back.
    theirs = shown(other_site, page=ARTICLE, origin=OTHER_SITE)
    assert theirs.status_code == 400 and "comments" not in theirs.json()
    assert post(other_site, origin=SITE).status_code == 403
    assert post(other_site, origin=OTHER_SITE).json()["codes"] == {"page": "other_site"}
    assert WebsiteComment.objects.filter(channel=other_site).count() == 1


def test_it_never_shows_held_or_rejected_comments_or_an_email(site):
    published(site, text="Synlig", author_email="kari@example.org")
    published(site, text="Venter", state=WebsiteComment.State.HELD)
    published(site, text="Robot", state=WebsiteComment.State.REJECTED)
    published(site, text="Annen side", page=f"{SITE}/annen")
    response = shown(site)
    assert [c["html"] for c in response.json()["comments"]] == ["Synlig"]
    assert "kari@example.org" not in response.content.decode()


def test_it_nests_answers_under_the_comment_they_answer(site):
    first = published(site, text="Første")
    second = published(site, text="Andre")
    ours = published(site, text="Vårt svar", ours=True, in_reply_to=str(first.external_id))
    published(site, text="Takk for svaret", in_reply_to=str(ours.external_id))
    held = published(site, text="Holdt", state="held")
    published(site, text="Svar på holdt", in_reply_to=str(held.external_id), ours=True)
    comments = shown(site).json()["comments"]
    assert [c["html"] for c in comments] == ["Første", "Andre"]
    assert [(r["html"], r["ours"]) for r in comments[0]["replies"]] == [
        ("Vårt svar", True),
        ("Takk for svaret", False),
    ]
    assert comments[1]["id"] == str(second.external_id) and comments[1]["replies"] == []


def test_a_visitor_answers_a_comment_shown_on_the_same_page_only(site):
    first = published(site)
    assert post(site, in_reply_to=str(first.external_id)).status_code == 201
    held = published(site, state="held")
    elsewhere = published(site, page=f"{SITE}/annen")
    for answered in (str(held.external_id), str(elsewhere.external_id), "not-a-uuid"):
        response = post(site, in_reply_to=answered)
        assert response.json()["codes"] == {"in_reply_to": "unknown"}


def test_it_answers_the_page_comments_without_cookies_or_caching(site):
    response = shown(site)
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content)["limits"] == {"name": 100, "text": 4000}


def test_it_links_to_the_house_rules_once_they_are_published(site):
    from torget.moderation.models import HouseRules

    assert shown(site).json()["house_rules"] is None
    rules = HouseRules.objects.create(organization=site.organization, text_nb="Vær saklig.")
    assert shown(site).json()["house_rules"] is None  # written, not yet published
    rules.is_published = True
    rules.save()
    link = shown(site).json()["house_rules"]
    assert link.endswith(f"/rules/{site.organization.slug}/")
    assert "Vær saklig." in Client().get(link).content.decode()
