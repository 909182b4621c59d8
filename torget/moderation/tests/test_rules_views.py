"""The automatic rules page: a rule is written switched off, its dry run is shown at once, and
only an administrator who has seen a dry run can switch it on."""

import re

import pytest
from django.utils import timezone

from conftest import count_queries
from torget.channels.models import Channel
from torget.inbox.tests.conftest import body, receive
from torget.moderation.actions.autorules import do_create_auto_rule, do_switch_auto_rule
from torget.moderation.models import AutoRule
from torget.moderation.tests.test_judging import LOAN_SPAM

pytestmark = pytest.mark.django_db
URL = "/moderation/rules/"
NEW_RULE = {
    "name": "Lenkespam fra nye",
    "action": "hide",
    "verdicts": ["spam"],
    "links": "on",
    "new_author": "on",
    "min_spam": "",
    "min_abuse": "",
}


def receive_spam(inbox):
    spammer = {"handle": "spammer", "name": "Spammer"}
    now = timezone.now().isoformat()
    receive(inbox, body("spam-1", text=LOAN_SPAM, author=spammer, received_at=now))


@pytest.fixture
def rule(inbox) -> AutoRule:
    receive_spam(inbox)
    conditions = {"verdicts": ["spam"], "links": True, "new_author": True}
    return do_create_auto_rule(inbox.alice, "Lenkespam fra nye", conditions, "hide")


def dry_run_url(rule: AutoRule) -> str:
    return f"{URL}{rule.pk}/dry-run/"


def token_from(page) -> str:
    return re.search(r'name="dry_run" value="([^"]+)"', page.content.decode()).group(1)


def test_it_creates_a_rule_switched_off_and_shows_its_dry_run(inbox):
    receive_spam(inbox)
    page = inbox.client_for(inbox.alice).post(URL, NEW_RULE, follow=True)
    rule = AutoRule.objects.get()
    assert (rule.is_active, rule.action, rule.created_by) == (False, "hide", inbox.alice)
    assert rule.conditions == {"verdicts": ["spam"], "links": True, "new_author": True}
    text = page.content.decode()
    assert page.redirect_chain == [(f"{URL}{rule.pk}/dry-run/", 302)]
    assert "Dry run: Lenkespam fra nye" in text and "would have acted on 1 of them" in text
    assert "Spammer" in text and "Switch on Lenkespam fra nye" in text


def test_it_refuses_a_rule_without_a_condition_about_the_item(inbox):
    connected = Channel.objects.create(
        organization=inbox.alice.organization, platform="sandbox", key="fb", name="Facebook"
    )
    rule = NEW_RULE | {"verdicts": [], "links": "", "new_author": "", "channels": [connected.key]}
    page = inbox.client_for(inbox.alice).post(URL, rule)
    assert page.status_code == 200 and "at least one condition about the item" in page.text
    assert not AutoRule.objects.exists()


def test_it_saves_channels_and_scores_from_the_form(inbox):
    Channel.objects.create(
        organization=inbox.alice.organization, platform="sandbox", key="fb", name="Facebook"
    )
    data = NEW_RULE | {"verdicts": [], "links": "", "new_author": "", "min_abuse": "0.7"}
    inbox.client_for(inbox.alice).post(URL, data | {"channels": ["fb"], "action": "hold"})
    assert AutoRule.objects.get().conditions == {"min_abuse": 0.7, "channels": ["fb"]}
    page = inbox.client_for(inbox.alice).post(URL, data | {"min_abuse": "1.5"})
    assert "less than or equal to 1" in page.text and AutoRule.objects.count() == 1


def test_it_lists_rules_with_their_state_and_when_they_were_switched_on(rule, inbox):
    do_switch_auto_rule(inbox.alice, rule, on=True)
    do_create_auto_rule(inbox.alice, "Hold trusler", {"verdicts": ["threat"]}, "hold")
    text = inbox.client_for(inbox.bob).get(URL).content.decode()
    assert "Lenkespam fra nye" in text and "Hold trusler" in text
    assert text.count("rule-on") == 1 and text.count("rule-off") == 1 and "since" in text
    assert "The writer&#x27;s first item here" in text and "Verdict: Threat" in text


def test_the_dry_run_comes_as_a_partial_for_htmx_and_as_a_page_without(rule, inbox):
    client = inbox.client_for(inbox.alice)
    partial = client.get(dry_run_url(rule), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "would have acted on 1 of them" in partial
    page = client.get(dry_run_url(rule)).content.decode()
    assert "<html" in page and "would have acted on 1 of them" in page and "New rule" in page


def test_switching_on_needs_the_dry_run_to_have_been_shown(rule, inbox):
    client = inbox.client_for(inbox.alice)
    switch = f"{URL}{rule.pk}/switch/"
    refused = client.post(switch, {"on": "1", "dry_run": "made-up"})
    assert refused.url == dry_run_url(rule)
    rule.refresh_from_db()
    assert not rule.is_active
    client.post(switch, {"on": "1", "dry_run": token_from(client.get(dry_run_url(rule)))})
    rule.refresh_from_db()
    assert rule.is_active and rule.switched_on_at is not None


def test_a_dry_run_of_one_rule_does_not_switch_on_another(rule, inbox):
    other = do_create_auto_rule(inbox.alice, "Hold trusler", {"verdicts": ["threat"]}, "hold")
    client = inbox.client_for(inbox.alice)
    token = token_from(client.get(dry_run_url(rule)))
    client.post(f"{URL}{other.pk}/switch/", {"on": "1", "dry_run": token})
    other.refresh_from_db()
    assert not other.is_active


def test_only_an_admin_switches_on_and_deletes_but_a_responder_switches_off(rule, inbox):
    bob = inbox.client_for(inbox.bob)
    page = bob.get(dry_run_url(rule))
    assert "An administrator can switch this rule on" in page.text
    token = token_from(inbox.client_for(inbox.alice).get(dry_run_url(rule)))
    assert bob.post(f"{URL}{rule.pk}/switch/", {"on": "1", "dry_run": token}).status_code == 403
    assert bob.post(f"{URL}{rule.pk}/delete/").status_code == 403
    do_switch_auto_rule(inbox.alice, rule, on=True)
    assert bob.post(f"{URL}{rule.pk}/switch/", {"on": "0"}).status_code == 302
    rule.refresh_from_db()
    assert not rule.is_active


def test_an_admin_deletes_a_rule(rule, inbox):
    response = inbox.client_for(inbox.alice).post(f"{URL}{rule.pk}/delete/", follow=True)
    assert "Lenkespam fra nye is deleted." in response.text
    assert not AutoRule.objects.exists()


def test_a_plain_member_cannot_see_the_rules(rule, inbox):
    carol = inbox.client_for(inbox.carol)
    assert carol.get(URL).status_code == 403
    assert carol.get(dry_run_url(rule)).status_code == 403
    assert carol.post(URL, NEW_RULE).status_code == 403


def test_another_organization_cannot_see_dry_run_switch_or_delete_our_rules(rule, inbox):
    mallory = inbox.client_for(inbox.mallory)
    assert "Lenkespam fra nye" not in mallory.get(URL).text
    assert mallory.get(dry_run_url(rule)).status_code == 404
    assert mallory.post(f"{URL}{rule.pk}/switch/", {"on": "0"}).status_code == 404
    assert mallory.post(f"{URL}{rule.pk}/delete/").status_code == 404
    rule.refresh_from_db()
    assert rule.name == "Lenkespam fra nye"


def test_the_page_costs_the_same_queries_with_many_rules(rule, inbox):
    client = inbox.client_for(inbox.alice)
    few = count_queries(client, URL)
    for n in range(5):
        do_create_auto_rule(inbox.alice, f"Regel {n}", {"min_spam": 0.9}, "hold")
    assert count_queries(client, URL) == few


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_admin_writes_a_rule_reads_its_dry_run_and_switches_it_on(english_page, inbox):
    from torget.inbox.tests.test_inbox_browser import assert_accessible, log_in

    receive_spam(inbox)
    page = english_page
    log_in(page, "alice")
    page.goto(URL)
    assert_accessible(page)
    page.get_by_label("Name").fill("Lenkespam fra nye")
    page.get_by_label("What the rule does").select_option("hide")
    page.get_by_label("Spam", exact=True).check()
    page.get_by_label("The text has a link").check()
    page.get_by_label("It is the writer's first item here").check()
    page.get_by_role("button", name="Save switched off and show the dry run").click()
    page.wait_for_url("**/dry-run/")
    assert page.get_by_text("would have acted on 1 of them").is_visible()
    assert_accessible(page)
    page.goto(URL)
    page.get_by_role("link", name="Dry run Lenkespam fra nye").click()  # fetched in place
    page.get_by_role("button", name="Switch on Lenkespam fra nye").click()
    page.wait_for_url(f"**{URL}")
    assert page.get_by_text("Lenkespam fra nye is switched on.").is_visible()
    assert AutoRule.objects.get().is_active
