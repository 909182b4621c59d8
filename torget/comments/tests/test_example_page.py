"""The example article: a plain page on a second origin with the comment field embedded."""

import pytest
from django.test import Client

from torget.comments.tests.conftest import website

pytestmark = pytest.mark.django_db


def test_it_embeds_the_field_that_allows_this_site(cast, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    channel = website(cast.alice, origins=("http://localhost:8000",))
    response = Client(HTTP_HOST="localhost:8000").get("/comments/example/")
    page = response.content.decode()
    assert response.status_code == 200 and '<html lang="nb">' in page
    assert 'src="http://127.0.0.1:8000/static/comments/widget.js"' in page
    assert f'data-widget="{channel.settings["widget_id"]}"' in page


def test_it_is_not_found_where_no_field_allows_the_site(cast):
    website(cast.alice, origins=("https://www.fjordby.example",))
    assert Client(HTTP_HOST="localhost:8000").get("/comments/example/").status_code == 404


def test_the_demo_article_shows_last_weeks_question_and_our_answer(db):
    from torget.demo.comment_field import EXAMPLE_PAGE, EXAMPLE_SITE
    from torget.demo.data import load_demo

    load_demo()
    example = Client(HTTP_HOST="localhost:8000").get("/comments/example/")
    widget_id = example.content.decode().split('data-widget="')[1].split('"')[0]
    listing = Client().get(
        f"/comments/{widget_id}/", {"page": EXAMPLE_PAGE}, headers={"Origin": EXAMPLE_SITE}
    )
    assert listing["Access-Control-Allow-Origin"] == EXAMPLE_SITE
    [question] = listing.json()["comments"]
    assert question["name"] == "Sigrid Moe"
    [answer] = question["replies"]
    assert answer["ours"] is True and answer["name"] == "Bymiljøetaten i Fjordby kommune"
