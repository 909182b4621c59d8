import pytest

from conftest import count_queries
from torget.inbox.models import Item, Reply, SavedReply, Status
from torget.inbox.tests.conftest import body, receive

NYNORSK = "Kvifor har ikkje bossbilen kome denne veka? Eg har venta på svar frå dykk i tre dagar."


@pytest.fixture
def comment(inbox):
    return receive(inbox, body("c1"))[0]


def test_it_lists_open_items_most_urgent_first(inbox):
    later, urgent = receive(
        inbox,
        body("c1", text="Takk for fine trær!"),
        body("c2", text="Bilen min er tauet!", response_class=inbox.at_once.pk),
    )
    page = inbox.client_for(inbox.bob).get("/inbox/").content.decode()
    assert page.index("Bilen min er tauet!") < page.index("Takk for fine trær!")


def test_it_filters_by_team_and_answers_htmx_with_the_list_only(inbox):
    receive(inbox, body("c1", text="kommentar"), body("m1", kind="message", text="melding"))
    response = inbox.client_for(inbox.bob).get(
        f"/inbox/?team={inbox.team.pk}", headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "melding" in page and "kommentar" not in page and "<html" not in page


def test_each_row_shows_author_kind_channel_tags_and_who_holds_it(inbox):
    held, waiting = receive(
        inbox,
        body("c1", author={"name": "Kari Nordmann", "handle": "kari"}),
        body("m1", kind="message", author={"handle": "ola77"}, text=NYNORSK),
    )
    Item.objects.filter(pk=held.pk).update(assigned_to=inbox.bob)
    Item.objects.filter(pk=waiting.pk).update(status=Status.WAITING)
    rows = inbox.client_for(inbox.bob).get("/inbox/", headers={"Accept-Language": "en"})
    page = rows.content.decode()
    kari = page[page.index("Kari Nordmann") : page.index("</li>", page.index("Kari Nordmann"))]
    assert "Comment · facebook ·" in kari and f"/inbox/{held.pk}/" in page
    assert inbox.bob.user.get_full_name() in kari
    ola = page[page.index("ola77") : page.index("</li>", page.index("ola77"))]
    assert "Direct message · " in ola and "Nynorsk" in ola and "Waiting for the citizen" in ola


def test_it_lists_in_the_same_number_of_queries_for_many_items(inbox):
    client = inbox.client_for(inbox.bob)
    receive(inbox, body("c0"))
    before = count_queries(client, "/inbox/")
    receive(inbox, *[body(f"c{n}", author={"handle": f"p{n}"}) for n in range(1, 8)])
    assert count_queries(client, "/inbox/") == before


def test_it_shows_the_conversation_with_our_post(inbox):
    post_, comment_ = receive(
        inbox,
        body("p1", kind="post", ours=True, text="Ryddeaksjon mandag!", author={"handle": "etaten"}),
        body("c1", in_reply_to="p1"),
    )
    page = inbox.client_for(inbox.bob).get(f"/inbox/{comment_.pk}/").content.decode()
    assert "Ryddeaksjon mandag!" in page and "Tøyengata" in page


def test_it_queues_a_reply_and_marks_the_item_answered(inbox, comment):
    response = inbox.client_for(inbox.bob).post(
        f"/inbox/{comment.pk}/reply/", {"text": "Tirsdag!", "replies_seen": 0}
    )
    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.status == Status.ANSWERED and comment.answered_at is not None
    assert Reply.objects.get().state == "queued"


def test_it_shows_a_colleagues_reply_before_sending_a_second(inbox, comment):
    inbox.client_for(inbox.alice).post(
        f"/inbox/{comment.pk}/reply/", {"text": "Svar 1", "replies_seen": 0}
    )
    response = inbox.client_for(inbox.bob).post(
        f"/inbox/{comment.pk}/reply/", {"text": "Svar 2", "replies_seen": 0}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Svar 1" in page and Reply.objects.count() == 1


def test_it_fills_a_saved_reply_in_the_writers_standard(inbox):
    SavedReply.objects.create(
        organization=inbox.alice.organization,
        title="Henting",
        text_nb="Hei {navn}! Vi henter tirsdag.",
        text_nn="Hei {navn}! Vi hentar tysdag.",
    )
    nynorsk = receive(inbox, body("c1", text="Kva tid kjem bossbilen? Han har ikkje vore her."))[0]
    page = inbox.client_for(inbox.bob).get(f"/inbox/{nynorsk.pk}/").content.decode()
    assert "Hei Kari! Vi hentar tysdag." in page


def test_it_changes_the_class_and_recomputes_the_due_time(inbox, comment):
    inbox.client_for(inbox.bob).post(
        f"/inbox/{comment.pk}/classify/", {"response_class": inbox.at_once.pk}
    )
    comment.refresh_from_db()
    assert comment.response_class == inbox.at_once
    assert comment.due_at.isoformat() == "2026-11-20T09:30:00+00:00"
    decision = comment.decisions.get(source="responder")
    assert decision.old_value == str(inbox.during_day.pk)


def test_it_closes_with_no_reply_needed_and_a_reason(inbox, comment):
    inbox.client_for(inbox.bob).post(f"/inbox/{comment.pk}/close/", {"reason": "spam"})
    comment.refresh_from_db()
    assert comment.status == Status.NO_REPLY and comment.no_reply_reason == "spam"


def test_it_assigns_to_me_and_back_to_the_queue(inbox, comment):
    client = inbox.client_for(inbox.bob)
    client.post(f"/inbox/{comment.pk}/assign/", {"membership": inbox.bob.pk})
    comment.refresh_from_db()
    assert comment.assigned_to == inbox.bob
    client.post(f"/inbox/{comment.pk}/assign/", {"membership": ""})
    comment.refresh_from_db()
    assert comment.assigned_to is None


def test_it_keeps_members_below_responder_from_answering(inbox, comment):
    response = inbox.client_for(inbox.carol).post(f"/inbox/{comment.pk}/reply/", {"text": "hei"})
    assert response.status_code == 403


def test_it_hides_another_organizations_items(inbox, comment):
    assert inbox.client_for(inbox.mallory).get(f"/inbox/{comment.pk}/").status_code == 404
    assert "Tøyengata" not in inbox.client_for(inbox.mallory).get("/inbox/").content.decode()
    assert inbox.api_for(inbox.mallory).get(f"/api/v1/items/{comment.pk}").status_code == 404


def test_it_shows_who_else_has_the_item_open(inbox, comment):
    inbox.client_for(inbox.alice).get(f"/inbox/{comment.pk}/")
    page = inbox.client_for(inbox.bob).get(f"/inbox/{comment.pk}/presence/").content.decode()
    assert "Alice" in page
    alone = inbox.client_for(inbox.alice).get(f"/inbox/{comment.pk}/presence/").content.decode()
    assert "Bob" in alone


def test_it_alerts_a_colleague_mentioned_in_a_note(inbox, comment):
    inbox.client_for(inbox.bob).post(
        f"/inbox/{comment.pk}/note/", {"note-text": "@alice kan du ta denne? Du kjenner saken."}
    )
    assert comment.notes.get().mentions.get() == inbox.alice
    assert inbox.alice.alerts.get().kind == "mention"


def test_it_counts_open_items_per_team_beside_the_filters(inbox):
    receive(inbox, body("m1", kind="message"), body("m2", kind="message", author={"handle": "b"}))
    page = inbox.client_for(inbox.bob).get("/inbox/").content.decode()
    assert f'<a href="?team={inbox.team.pk}">Kundesenter (2)</a>' in page


def test_it_shows_no_clock_on_answered_items(inbox, comment):
    inbox.client_for(inbox.bob).post(f"/inbox/{comment.pk}/reply/", {"text": "Svar"})
    page = inbox.client_for(inbox.bob).get("/inbox/?status=all").content.decode()
    assert "overdue 2" not in page and "overdue 3" not in page
    assert '<span class="due none">Answered</span>' in page


def test_it_waits_for_the_citizen_without_stopping_the_clock(inbox, comment):
    inbox.client_for(inbox.bob).post(f"/inbox/{comment.pk}/wait/")
    waiting = Item.objects.get(pk=comment.pk)
    assert waiting.status == Status.WAITING
    assert waiting.due_at == comment.due_at
    assert "Tøyengata" in inbox.client_for(inbox.bob).get("/inbox/").content.decode()


def test_the_counts_beside_the_filters_agree_with_the_lists(inbox):
    from itertools import product

    from django.utils import timezone

    from torget.inbox.queries import ItemFilters, get_census, get_items, get_response_classes
    from torget.orgs.models import Team

    receive(
        inbox,
        body("m1", kind="message", received_at="2026-11-01T10:00:00+01:00"),
        body("m2", kind="message", author={"handle": "b"}, text="Kva tid kjem bossbilen?"),
        body(
            "c1",
            text="When is the bin emptied?",
            response_class=inbox.at_once.pk,
            received_at=timezone.now().isoformat(),  # the only one not yet overdue
        ),
        body("c2", channel="instagram", author={"handle": "c"}),
        body("c3", author={"handle": "d"}),
    )
    Item.objects.filter(external_id="c3").update(status=Status.ANSWERED)
    member = inbox.bob
    teams, classes = list(Team.objects.all()), list(get_response_classes(member))
    census = get_census(member, teams, classes)
    for team, klass, language, channel in product(
        [None, inbox.team.pk, inbox.communications.pk],
        [None, inbox.at_once.pk, inbox.during_day.pk],
        ["", "nb", "nn", "en"],
        ["", "facebook", "instagram"],
    ):
        filters = ItemFilters(team=team, response_class=klass, language=language, channel=channel)
        expected = get_items(member, filters)
        late = get_items(member, ItemFilters(**{**filters.__dict__, "overdue": True}))
        assert census.count(filters) == (expected.count(), late.count()), filters
    assert census.count(ItemFilters()) == (4, 3)


def test_the_counts_follow_a_responders_own_change_at_once(inbox, comment):
    client = inbox.client_for(inbox.bob)
    assert "1 item" in client.get("/inbox/").content.decode()
    client.post(f"/inbox/{comment.pk}/close/")
    assert "0 items" in client.get("/inbox/").content.decode()


def test_the_list_refreshes_itself_only_when_something_changed(inbox, comment):
    client = inbox.client_for(inbox.bob)
    page = client.get("/inbox/").content.decode()
    seen = page.split('data-fingerprint="')[1].split('"')[0]
    poll = {"HX-Request": "true", "X-Inbox-Seen": seen}
    assert client.get("/inbox/", headers=poll).status_code == 204
    receive(inbox, body("c2", text="Hvorfor er gata ikke brøytet?", author={"handle": "ny"}))
    fresh = client.get("/inbox/", headers=poll)
    assert fresh.status_code == 200 and "Hvorfor er gata ikke brøytet?" in fresh.content.decode()
    assert fresh["X-Inbox-Fingerprint"] != seen


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_rows_weekday_and_time_read_as_the_date_filter_writes_them(language):
    from django.utils import translation
    from django.utils.dateformat import format as format_date

    from torget.inbox.presenting import weekday_and_time
    from torget.inbox.tests.conftest import oslo

    with translation.override(language):
        for day in range(22, 29):  # a whole week, Sunday to Saturday
            moment = oslo(2026, 11, day, 9, 5)
            assert weekday_and_time(moment) == format_date(moment, "D H:i")


def test_the_filter_bar_shows_a_renamed_team_at_once(inbox):
    client = inbox.client_for(inbox.bob)
    assert ">Kundesenter</option>" in client.get("/inbox/").content.decode()
    inbox.team.name = "Innbyggertorget"
    inbox.team.save()
    page = client.get("/inbox/").content.decode()
    assert ">Innbyggertorget</option>" in page and ">Kundesenter</option>" not in page


def test_every_server_process_shares_the_counts_and_their_clearing(inbox, comment, settings):
    from django.core.cache.backends.filebased import FileBasedCache

    from torget.inbox.queries import census_key

    another_process = FileBasedCache(settings.CACHES["shared"]["LOCATION"], {})
    key = census_key(inbox.bob.organization_id)
    client = inbox.client_for(inbox.bob)
    client.get("/inbox/")
    assert another_process.get(key) is not None
    client.post(f"/inbox/{comment.pk}/close/")
    assert another_process.get(key) is None


def test_it_shows_an_item_in_the_same_number_of_queries_for_a_long_thread(inbox):
    from torget.inbox.actions.items import do_add_note

    post_, first = receive(
        inbox,
        body("p1", kind="post", ours=True, author={"handle": "etaten"}),
        body("c1", in_reply_to="p1"),
    )
    do_add_note(inbox.bob, first, "Ringte innbyggeren.")
    client = inbox.client_for(inbox.bob)
    url = f"/inbox/{first.pk}/"
    client.get(url)  # the first view records presence
    before = count_queries(client, url)
    others = receive(
        inbox, *[body(f"c{n}", in_reply_to="p1", author={"handle": f"p{n}"}) for n in range(2, 7)]
    )
    for other in others:
        do_add_note(inbox.bob, other, "Sjekket med Renovasjon.")
    assert count_queries(client, url) == before
