from torget.inbox.models import Decision, Item, ItemRevision
from torget.inbox.tests.conftest import body


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_it_stores_an_item_with_class_team_due_time_and_language(inbox):
    data = post(inbox.api_for(inbox.bob), "/api/v1/items", body()).json()
    assert data["language"] == "nb"
    assert data["response_class"] == inbox.during_day.pk
    assert data["status"] == "open"
    # Six staffed hours on the day-evening-weekend calendar from Friday 10:00: Friday 16:00.
    assert data["due_at"] == "2026-11-20T16:00:00+01:00"


def test_it_is_idempotent_on_channel_and_external_id(inbox):
    client = inbox.api_for(inbox.bob)
    first = post(client, "/api/v1/items", body())
    second = post(client, "/api/v1/items", body())
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Item.objects.count() == 1


def test_it_keeps_the_old_text_when_an_item_is_edited(inbox):
    client = inbox.api_for(inbox.bob)
    post(client, "/api/v1/items", body())
    edited = post(
        client, "/api/v1/items", body(text="Når blir søpla henta? Det har ikkje vore henta.")
    )
    assert edited.json()["language"] == "nn"
    assert ItemRevision.objects.get().text == "Når blir søppelet hentet i Tøyengata?"


def test_only_its_own_writer_can_edit_an_item(inbox):
    client = inbox.api_for(inbox.bob)
    post(client, "/api/v1/items", body("mail-1@kari.example", kind="email"))
    forged = body("mail-1@kari.example", kind="email", text="Jeg trekker klagen min.")
    post(client, "/api/v1/items", forged | {"author": {"handle": "ola@spoof.example"}})
    assert Item.objects.get().text == "Når blir søppelet hentet i Tøyengata?"
    assert not ItemRevision.objects.exists()


def test_it_routes_direct_messages_to_the_customer_centre(inbox):
    data = post(inbox.api_for(inbox.bob), "/api/v1/items", body(kind="message")).json()
    assert data["team"] == inbox.team.pk
    assert Decision.objects.filter(field="team", source="rule").count() == 1


def test_it_threads_comments_on_our_post_and_routes_them_to_communications(inbox):
    client = inbox.api_for(inbox.bob)
    post(client, "/api/v1/items", body("p1", kind="post", ours=True, author={"handle": "etaten"}))
    comment = post(client, "/api/v1/items", body("c1", in_reply_to="p1")).json()
    assert comment["team"] == inbox.communications.pk
    assert Item.objects.get(external_id="p1").conversation_id == comment["conversation_id"]


def test_it_links_a_reply_that_arrived_before_its_comment(inbox):
    client = inbox.api_for(inbox.bob)
    post(client, "/api/v1/items", body("r1", kind="reply", in_reply_to="c1"))
    post(client, "/api/v1/items", body("c1"))
    assert Item.objects.get(external_id="r1").parent.external_id == "c1"


def test_it_forces_the_class_when_asked(inbox):
    data = post(
        inbox.api_for(inbox.bob), "/api/v1/items", body(response_class=inbox.at_once.pk)
    ).json()
    assert data["response_class"] == inbox.at_once.pk
    assert data["due_at"] == "2026-11-20T10:30:00+01:00"


def test_it_names_the_field_of_a_bad_body_and_stores_nothing(inbox):
    response = post(inbox.api_for(inbox.bob), "/api/v1/items", body(received_at="2026-11-20 10:00"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "received_at"
    assert Item.objects.count() == 0


def test_it_refuses_a_whole_batch_with_one_bad_item(inbox):
    batch = [body("c1"), body("c2", kind="tweet"), body("c3", author={})]
    response = post(inbox.api_for(inbox.bob), "/api/v1/items/batch", batch)
    fields = [error["field"] for error in response.json()["errors"]]
    assert response.status_code == 422
    assert fields == ["items[1].kind", "items[2].author.handle"]
    assert Item.objects.count() == 0


def test_it_takes_a_batch_and_counts_what_was_new(inbox):
    client = inbox.api_for(inbox.bob)
    post(client, "/api/v1/items", body("c1"))
    response = post(client, "/api/v1/items/batch", [body("c1"), body("c2"), body("c3")])
    assert response.json()["created"] == 2
    assert response.json()["unchanged"] == 1


def test_it_refuses_a_class_of_another_organization(inbox):
    from torget.inbox.models import ResponseClass

    other = ResponseClass.objects.create(
        organization=inbox.mallory.organization,
        name_nb="x",
        name_nn="x",
        name_en="x",
        target={"kind": "next_working_day", "calendar": inbox.other_calendar.pk},
    )
    response = post(inbox.api_for(inbox.bob), "/api/v1/items", body(response_class=other.pk))
    assert response.status_code == 422


def test_it_keeps_the_conversations_latest_activity(inbox):
    client = inbox.api_for(inbox.bob)
    post(
        client,
        "/api/v1/items/batch",
        [
            body("p1", kind="post", ours=True, author={"handle": "etaten"}),
            body("c1", in_reply_to="p1", received_at="2026-11-20T12:00:00+01:00"),
            body("c2", in_reply_to="p1", received_at="2026-11-20T11:00:00+01:00"),
        ],
    )
    conversation = Item.objects.get(external_id="p1").conversation
    assert conversation.last_activity_at.isoformat() == "2026-11-20T11:00:00+00:00"


def test_it_detects_a_batchs_languages_as_one_at_a_time_would():
    from torget.inbox.language import detect_language, detect_languages

    texts = [
        "Kva tid kjem bossbilen? Han har ikkje vore her.",
        "👍",
        "When is the bin emptied?",
        "Når blir søppelet hentet?",
        "",
    ]
    assert detect_languages(texts) == [detect_language(text) for text in texts]
    assert detect_languages(texts)[:3] == ["nn", "other", "en"]


def test_it_threads_a_batch_that_delivers_replies_before_what_they_answer(inbox):
    from torget.inbox.tests.conftest import receive

    receive(
        inbox,
        body("r1", kind="reply", in_reply_to="c1", received_at="2026-11-20T10:05:00+01:00"),
        body("c1", in_reply_to="p1"),
        body("p1", kind="post", ours=True, author={"handle": "etaten"}),
        body("r2", kind="reply", in_reply_to="r1", received_at="2026-11-20T10:06:00+01:00"),
    )
    parents = dict(Item.objects.values_list("external_id", "parent__external_id"))
    assert parents == {"p1": None, "c1": "p1", "r1": "c1", "r2": "r1"}


def test_it_survives_items_that_answer_each_other(inbox):
    from torget.inbox.tests.conftest import receive

    receive(
        inbox, body("a", in_reply_to="b"), body("b", in_reply_to="a"), body("s", in_reply_to="s")
    )
    parents = dict(Item.objects.values_list("external_id", "parent__external_id"))
    assert parents == {"a": None, "b": "a", "s": None}


def test_it_keeps_an_edit_that_arrives_in_the_same_batch(inbox):
    from torget.inbox.tests.conftest import receive

    receive(inbox, body("c1"), body("c1", text="Når blir søpla henta? Det har ikkje vore henta."))
    item = Item.objects.get()
    assert (item.text, item.language) == ("Når blir søpla henta? Det har ikkje vore henta.", "nn")
    assert ItemRevision.objects.get(item=item).text == "Når blir søppelet hentet i Tøyengata?"


def test_our_reply_from_the_platform_answers_the_comment_in_the_same_batch(inbox):
    from torget.inbox.tests.conftest import receive

    receive(
        inbox,
        body("c1"),
        body(
            "o1",
            kind="reply",
            ours=True,
            in_reply_to="c1",
            author={"handle": "etaten"},
            received_at="2026-11-20T10:20:00+01:00",
        ),
        body("c2"),
    )
    comment = Item.objects.get(external_id="c1")
    assert comment.status == "answered"
    assert comment.answered_at.isoformat() == "2026-11-20T09:20:00+00:00"
    assert Item.objects.get(external_id="c2").status == "open"


def test_a_rule_on_tone_labels_angry_comments_and_the_api_shows_the_tone(inbox):
    from torget.inbox.models import TriageRule
    from torget.inbox.tests.conftest import receive

    TriageRule.objects.create(
        organization=inbox.alice.organization,
        name="Sinte",
        position=3,
        conditions={"tones": ["negative"]},
        labels=["sint"],
    )
    angry, calm = receive(
        inbox,
        body("c1", text="Dette er en skandale! Søpla er ikke hentet på tre uker."),
        body("c2", author={"handle": "rolig"}),
    )
    assert (angry.labels, calm.labels) == (["sint"], [])
    shown = inbox.api_for(inbox.bob).get(f"/api/v1/items/{angry.pk}").json()
    assert shown["tone"] == "negative" and shown["sentiment"] < 0


def test_a_rule_names_a_tone_it_does_not_know():
    import pytest

    from torget.inbox.triage import RuleError, clean_conditions

    with pytest.raises(RuleError, match="furious"):
        clean_conditions({"tones": ["negative", "furious"]})
    assert clean_conditions({"tones": ["Negative"]}) == {"tones": ["negative"]}


def test_ingest_seeks_indexes_rather_than_reading_the_organizations_items(inbox):
    """On a big inbox a batch must cost its own rows, not a pass over everything stored.

    SQLite plans the same on an empty table as on a full one (no statistics are gathered), so
    the plans seen here are those of a million items.
    """
    import pytest
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from torget.inbox.tests.conftest import receive

    if connection.vendor != "sqlite":
        pytest.skip("the plans checked are SQLite's")
    receive(inbox, body("p1", kind="post", ours=True, author={"handle": "etaten"}))
    with CaptureQueriesContext(connection) as queries:
        receive(
            inbox,
            body("r1", kind="reply", in_reply_to="c1", author={"handle": "a"}),
            body("c1", in_reply_to="p1"),
            body("m1", kind="message", channel="messenger", author={"handle": "b"}),
        )
    scans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if query["sql"].startswith("SELECT") and '"inbox_item"' in query["sql"]:
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                plan = " / ".join(row[3] for row in cursor.fetchall())
                if "SCAN inbox_item" in plan or "inbox_item_organization_id" in plan:
                    scans.append((query["sql"], plan))
    assert scans == []
