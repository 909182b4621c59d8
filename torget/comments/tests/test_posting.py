"""A visitor's comment: robots caught and kept on record, one address limited, comments held
when the rules say so, and every real comment in the inbox once the worker has read it."""

import pytest

from torget.channels.actions.receiving import do_read_received
from torget.channels.models import WebhookDelivery
from torget.comments.limits import MOST
from torget.comments.models import WebsiteComment
from torget.comments.tests.conftest import ARTICLE, post, shown
from torget.inbox.models import Item, Status

pytestmark = pytest.mark.django_db


def test_the_comment_reaches_the_inbox_once_the_worker_reads_it(site):
    response = post(site, text="Søppelet ble ikke hentet i dag.", email="kari@example.org")
    comment = WebsiteComment.objects.get()
    delivery = WebhookDelivery.objects.get()
    assert comment.delivery == delivery and delivery.via == WebhookDelivery.Via.WIDGET
    assert not Item.objects.exists()
    assert do_read_received(site) == 1
    item = Item.objects.get()
    assert (item.channel, item.kind, item.external_id) == (
        "nettside",
        "comment",
        response.json()["comment"]["id"],
    )
    assert item.text == "Søppelet ble ikke hentet i dag."
    assert (item.author.name, item.author.handle) == ("Kari Nordmann", "kari@example.org")
    assert item.conversation.key == ARTICLE
    assert item.organization == site.organization


def test_an_answer_to_a_comment_reaches_the_inbox_as_a_reply_in_the_same_conversation(site):
    first = post(site).json()["comment"]["id"]
    post(site, text="Samme her!", name="Ola", in_reply_to=first)
    do_read_received(site)
    reply = Item.objects.get(kind="reply")
    assert reply.in_reply_to == first
    assert reply.conversation == Item.objects.get(external_id=first).conversation


def test_the_reading_is_scheduled_when_the_comment_is_kept(
    site, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        post(site)
    assert DBTaskResult.objects.filter(task_path__endswith="read_webhooks").exists()


def test_a_robot_filling_the_hidden_field_is_kept_as_rejected_and_goes_nowhere(site):
    response = post(site, website="https://cheap-pills.example", text="Buy now")
    # Answered as a held comment: the robot learns nothing about why.
    assert response.status_code == 201 and response.json()["held"] is True
    comment = WebsiteComment.objects.get()
    assert (comment.state, comment.hold_reason) == ("rejected", "honeypot")
    assert comment.delivery is None and not WebhookDelivery.objects.exists()
    assert shown(site).json()["comments"] == []
    assert do_read_received(site) == 0 and not Item.objects.exists()


def test_one_address_may_comment_a_few_times_then_waits(site):
    for number in range(MOST):
        assert post(site, text=f"Kommentar {number}").status_code == 201
    refused = post(site, text="Én for mye")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
    assert refused["Access-Control-Allow-Origin"] == "https://www.fjordby.example"
    assert "Try again in 10 minutes" in refused.json()["error"]
    assert WebsiteComment.objects.count() == MOST
    assert post(site, text="Fra en annen adresse", address="198.51.100.20").status_code == 201


def test_an_ipv6_writer_counts_by_the_64_block_they_hold(site):
    for number in range(MOST):
        assert (
            post(site, text=f"K {number}", address=f"2001:db8:1:2::{number + 1}").status_code == 201
        )
    assert post(site, text="Én for mye", address="2001:db8:1:2:ffff::9").status_code == 429
    assert post(site, text="Naboen", address="2001:db8:1:3::1").status_code == 201


def test_the_limit_counts_only_a_hash_of_the_address(site, settings):
    from django.core.cache import caches

    from torget.comments.limits import counter_key

    post(site, address="203.0.113.7")
    key = counter_key(site, "203.0.113.7")
    assert "203.0.113.7" not in key and caches["shared"].get(key)
    stored = WebsiteComment.objects.values()[0]
    assert "203.0.113.7" not in str(stored)


def test_the_limit_lapses_with_its_window(site, monkeypatch):
    import time

    for _number in range(MOST):
        post(site)
    later = time.time() + 601
    monkeypatch.setattr(time, "time", lambda: later)
    assert post(site).status_code == 201


def test_the_limit_does_not_count_a_comment_with_mistakes(site):
    for _number in range(MOST):
        assert post(site, name="").status_code == 400
    assert post(site).status_code == 201


def test_a_held_comment_is_kept_for_the_inbox_but_not_shown(site):
    site.settings["hold"] = "all"
    site.save()
    response = post(site)
    answer = response.json()
    assert response.status_code == 201 and answer["held"] is True
    assert "once it has been reviewed" in answer["message"]
    assert WebsiteComment.objects.get().state == "held"
    assert shown(site).json()["comments"] == []
    assert do_read_received(site) == 1 and Item.objects.get().status == Status.OPEN


def test_it_keeps_only_the_allowed_html_and_shows_bbcode_as_text(site):
    site.settings["hold"] = "none"
    site.save()
    text = (
        '<script>alert(1)</script><style>body{}</style><img src=x onerror="alert(2)">'
        '<iframe src="https://evil.example">x</iframe><a href="javascript:alert(3)">klikk</a> '
        '<b onclick="alert(4)">fet</b> <a href="https://fjordby.example/t" title="T">lenke</a> '
        '<abbr title="Bymiljøetaten">BYM</abbr> <q cite="javascript:x">sitat</q> '
        '<blockquote cite="https://a.example/">b</blockquote> <del datetime="2026-11-20">d</del> '
        "<code>c</code><em>e</em><i>i</i><strike>s</strike><strong>s</strong><cite>c</cite>"
        '<acronym title="a">a</acronym><p>avsnitt</p><div>div</div> [url=https://spam.example]kjøp[/url]'
    )
    html = post(site, text=text).json()["comment"]["html"]
    for gone in (
        "<script",
        "<style",
        "<img",
        "<iframe",
        "onerror",
        "onclick",
        "javascript:",
        "<p>",
        "<div",
    ):
        assert gone not in html
    assert "alert(1)" not in html and "evil.example" not in html
    assert '<a rel="nofollow ugc noopener">klikk</a>' in html
    assert (
        '<a href="https://fjordby.example/t" title="T" rel="nofollow ugc noopener">lenke</a>'
        in html
    )
    for kept in ('<abbr title="Bymiljøetaten">', "<q>sitat</q>", '<blockquote cite="https://a.example/">',
                 '<del datetime="2026-11-20">', "<code>", "<em>", "<i>", "<strike>", "<strong>",
                 "<cite>", '<acronym title="a">', "<b>fet</b>"):  # fmt: skip
        assert kept in html
    assert "[url=https://spam.example]kjøp[/url]" in html
    assert WebsiteComment.objects.get().text == text
