from torget.inbox.models import TriageRule
from torget.inbox.tests.conftest import body, receive


def test_it_adds_a_keyword_rule_that_triages_new_items(inbox):
    client = inbox.client_for(inbox.alice)
    response = client.post(
        "/inbox/settings/",
        {
            "name": "Tauet bil haster",
            "keywords": "tauet, borttauet",
            "response_class": inbox.at_once.pk,
        },
    )
    assert response.status_code == 302
    item = receive(inbox, body("c1", text="Bilen min er BORTTAUET!"))[0]
    assert item.response_class == inbox.at_once
    assert item.decisions.get(field="response_class").source == "rule"


def test_it_refuses_a_rule_that_sets_nothing(inbox):
    response = inbox.client_for(inbox.alice).post("/inbox/settings/", {"name": "Tom"})
    assert response.status_code == 200
    assert "must set a class" in response.content.decode()


def test_it_lets_only_managers_change_rules(inbox):
    rule = TriageRule.objects.first()
    client = inbox.client_for(inbox.bob)
    assert "Add rule" not in client.get("/inbox/settings/").content.decode()
    assert client.post(f"/inbox/settings/rules/{rule.pk}/delete/").status_code == 403
    assert client.post("/inbox/settings/", {"name": "x", "labels": "y"}).status_code == 403
