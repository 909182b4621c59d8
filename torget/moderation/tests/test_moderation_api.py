"""Moderation over the API: an item carries its verdict and state, an action answers with its
audit entry, the log is read (never written) and another organization sees none of it."""

import pytest

from torget.inbox.tests.conftest import body, receive
from torget.moderation.tests.test_judging import LOAN_SPAM

pytestmark = pytest.mark.django_db


def test_an_item_says_its_verdict_and_a_moderator_hides_it(inbox):
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    api = inbox.api_for(inbox.bob)
    item = api.get(f"/api/v1/items/{spam.pk}").json()
    assert item["verdict"] == "spam" and item["spam_score"] > 0.8
    assert "bit.ly" in item["text_html"] and "money_talk" in {s["name"] for s in item["signals"]}
    answer = api.post(
        f"/api/v1/items/{spam.pk}/moderate",
        {"action": "hide", "reason": "lånespam"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert answer.json()["action"] == "hide" and answer.json()["actor"] == "Bob"
    assert api.get(f"/api/v1/items/{spam.pk}").json()["moderation_state"] == "hidden"


def test_an_unknown_action_is_refused_clearly_and_nothing_is_recorded(inbox):
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    api = inbox.api_for(inbox.bob)
    answer = api.post(
        f"/api/v1/items/{spam.pk}/moderate", {"action": "burn"}, content_type="application/json"
    )
    assert answer.status_code == 422 and "hide" in answer.json()["detail"]
    entries = api.get("/api/v1/moderation/audit").json()
    assert [e["action"] for e in entries["entries"]] == ["judged"]


def test_the_audit_log_is_searchable_and_cannot_be_written(inbox):
    spam, insult = receive(inbox, body("c1", text=LOAN_SPAM), body("c2", text="Idioter."))
    api = inbox.api_for(inbox.alice)
    for item, action in ((spam, "mark_spam"), (insult, "hide")):
        api.post(
            f"/api/v1/items/{item.pk}/moderate", {"action": action}, content_type="application/json"
        )
    found = api.get("/api/v1/moderation/audit", {"q": "idioter", "action": "hide"}).json()
    assert found["count"] == 1 and found["entries"][0]["text"] == "Idioter."
    assert api.post("/api/v1/moderation/audit", {}).status_code == 405
    assert api.delete("/api/v1/moderation/audit").status_code == 405


def test_another_organization_neither_sees_nor_moderates(inbox):
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    api = inbox.api_for(inbox.mallory)
    answer = api.post(
        f"/api/v1/items/{spam.pk}/moderate", {"action": "hide"}, content_type="application/json"
    )
    assert answer.status_code == 404
    assert api.get("/api/v1/moderation/audit").json()["count"] == 0
    assert api.get(f"/api/v1/moderation/audit?item={spam.pk}").json()["entries"] == []


def test_a_plain_member_cannot_moderate(inbox):
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    answer = inbox.api_for(inbox.carol).post(
        f"/api/v1/items/{spam.pk}/moderate", {"action": "hide"}, content_type="application/json"
    )
    assert answer.status_code == 403
