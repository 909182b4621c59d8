"""The inbox API contract: list, read, reply, assign, classify, close, response classes."""

from torget.inbox.models import Item, Reply
from torget.inbox.tests.conftest import body, receive


def post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def test_it_lists_open_items_with_filters_and_pages(inbox):
    receive(inbox, *[body(f"c{n}", author={"handle": f"p{n}"}) for n in range(5)])
    receive(inbox, body("m1", kind="message"))
    client = inbox.api_for(inbox.bob)
    page = client.get("/api/v1/items", {"limit": 2}).json()
    assert page["count"] == 6 and len(page["items"]) == 2
    messages = client.get("/api/v1/items", {"team": inbox.team.pk}).json()
    assert [i["external_id"] for i in messages["items"]] == ["m1"]
    assert client.get("/api/v1/items", {"overdue": "true"}).json()["count"] == 6


def test_it_replies_and_refuses_a_second_reply_written_blind(inbox):
    item = receive(inbox, body("c1"))[0]
    client = inbox.api_for(inbox.bob)
    first = post(client, f"/api/v1/items/{item.pk}/reply", {"text": "Tirsdag.", "replies_seen": 0})
    second = post(client, f"/api/v1/items/{item.pk}/reply", {"text": "Onsdag.", "replies_seen": 0})
    assert first.status_code == 201 and first.json()["state"] == "queued"
    assert second.status_code == 409
    assert Reply.objects.count() == 1
    assert client.get(f"/api/v1/items/{item.pk}").json()["status"] == "answered"


def test_it_refuses_a_reply_longer_than_the_channel_allows(inbox):
    item = receive(inbox, body("c1", channel="bluesky"))[0]
    response = post(inbox.api_for(inbox.bob), f"/api/v1/items/{item.pk}/reply", {"text": "x" * 301})
    assert response.status_code == 422
    assert "300" in response.json()["detail"]


def test_it_assigns_classifies_and_closes(inbox):
    item = receive(inbox, body("c1"))[0]
    client = inbox.api_for(inbox.bob)
    assigned = post(client, f"/api/v1/items/{item.pk}/assign", {"membership": inbox.bob.pk}).json()
    assert assigned["assigned_to"] == inbox.bob.pk
    classified = post(
        client, f"/api/v1/items/{item.pk}/classify", {"response_class": inbox.next_day.pk}
    ).json()
    # Next working day on the office calendar from Friday: Monday's close at 16:00.
    assert classified["due_at"] == "2026-11-23T16:00:00+01:00"
    closed = post(client, f"/api/v1/items/{item.pk}/close", {"no_reply_reason": "duplicate"}).json()
    assert closed["status"] == "no_reply"


def test_it_refuses_to_assign_to_someone_of_another_organization(inbox):
    item = receive(inbox, body("c1"))[0]
    response = post(
        inbox.api_for(inbox.bob),
        f"/api/v1/items/{item.pk}/assign",
        {"membership": inbox.mallory.pk},
    )
    assert response.status_code == 404
    assert Item.objects.get().assigned_to is None


def test_it_creates_and_lists_response_classes(inbox):
    client = inbox.api_for(inbox.alice)
    created = post(
        client,
        "/api/v1/response-classes",
        {
            "name": "Innen en time",
            "target": {"kind": "duty_minutes", "minutes": 60, "calendar": inbox.calendar.pk},
        },
    )
    assert created.status_code == 201
    names = [c["name"] for c in client.get("/api/v1/response-classes").json()]
    assert "Innen en time" in names and len(names) == 4


def test_it_names_what_is_wrong_with_a_target(inbox):
    client = inbox.api_for(inbox.alice)
    wrong_calendar = post(
        client,
        "/api/v1/response-classes",
        {
            "name": "X",
            "target": {"kind": "duty_minutes", "minutes": 60, "calendar": inbox.other_calendar.pk},
        },
    )
    wrong_kind = post(client, "/api/v1/response-classes", {"name": "X", "target": {"kind": "soon"}})
    assert wrong_calendar.status_code == 422 and "calendar" in wrong_calendar.json()["detail"]
    assert wrong_kind.status_code == 422 and "kind" in wrong_kind.json()["detail"]


def test_it_keeps_responders_from_creating_classes(inbox):
    response = post(
        inbox.api_for(inbox.bob),
        "/api/v1/response-classes",
        {
            "name": "X",
            "target": {"kind": "next_working_day", "calendar": inbox.calendar.pk},
        },
    )
    assert response.status_code == 403
