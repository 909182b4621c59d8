"""Automatic rules: what a rule asks of an item, which rules are refused, what a rule would
have done over the last 30 days, and what a switched-on rule does to new items."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from torget.inbox.tests.conftest import body, receive
from torget.moderation.actions.autorules import (
    do_apply_auto_rules,
    do_create_auto_rule,
    do_delete_auto_rule,
    do_switch_auto_rule,
)
from torget.moderation.actions.moderating import do_moderate
from torget.moderation.autorules import Facts, clean_conditions, first_matching, matches
from torget.moderation.dry_run import get_dry_run
from torget.moderation.models import AuditEntry, AutoRule, Verdict
from torget.moderation.tests.test_judging import LOAN_SPAM

LINK_SPAM_FROM_NEWCOMERS = {"verdicts": ["spam"], "links": True, "new_author": True}


def facts(**overrides) -> Facts:
    given = {
        "verdict": "spam",
        "spam_score": 0.95,
        "abuse_score": 0.0,
        "has_links": True,
        "new_author": True,
        "channel": "facebook",
    }
    return Facts(**(given | overrides))


def writer(handle: str) -> dict:
    return {"handle": handle, "name": handle.title()}


def days_ago(days: float) -> str:
    return (timezone.now() - timedelta(days=days)).isoformat()


# Matching: plain facts, no database.


def test_it_matches_when_every_given_condition_holds():
    assert matches(LINK_SPAM_FROM_NEWCOMERS, facts())
    assert not matches(LINK_SPAM_FROM_NEWCOMERS, facts(new_author=False))
    assert not matches(LINK_SPAM_FROM_NEWCOMERS, facts(has_links=False))
    assert not matches(LINK_SPAM_FROM_NEWCOMERS, facts(verdict="suspect"))


def test_it_reads_scores_as_thresholds_reached():
    conditions = {"min_spam": 0.8, "min_abuse": 0.5}
    assert matches(conditions, facts(spam_score=0.8, abuse_score=0.5))
    assert not matches(conditions, facts(spam_score=0.79, abuse_score=0.9))
    assert not matches(conditions, facts(spam_score=0.9, abuse_score=0.49))


def test_it_narrows_to_the_channels_given():
    conditions = {"verdicts": ["abusive", "threat"], "channels": ["instagram"]}
    assert matches(conditions, facts(verdict="threat", channel="instagram"))
    assert not matches(conditions, facts(verdict="threat", channel="facebook"))


def test_it_lets_the_first_matching_rule_act():
    class Plain:
        def __init__(self, name, conditions):
            self.name, self.conditions = name, conditions

    rules = [Plain("abuse", {"verdicts": ["abusive"]}), Plain("links", {"links": True})]
    rules.append(Plain("spam", {"verdicts": ["spam"]}))
    assert first_matching(rules, facts()).name == "links"
    assert first_matching(rules, facts(verdict="clean", has_links=False)) is None


# Which conditions are refused.


def test_it_keeps_good_conditions_in_a_tidy_form():
    cleaned = clean_conditions(
        {"verdicts": ["spam", "spam", "suspect"], "min_spam": 1, "channels": [" facebook "]}
    )
    assert cleaned == {"verdicts": ["spam", "suspect"], "channels": ["facebook"], "min_spam": 1.0}


@pytest.mark.parametrize(
    ("conditions", "says"),
    [
        ({}, "at least one condition"),
        ({"channels": ["facebook"]}, "at least one condition"),
        ({"verdicts": []}, "one or more verdicts"),
        ({"verdicts": ["nasty"]}, "not nasty"),
        ({"links": False}, "links can only be true"),
        ({"new_author": "yes"}, "new_author can only be true"),
        ({"min_spam": 0}, "min_spam must be a number above 0"),
        ({"min_abuse": 1.5}, "min_abuse must be a number above 0"),
        ({"min_spam": True}, "min_spam must be a number"),
        ({"min_spam": "0.8"}, "min_spam must be a number"),
        ({"channels": [""], "links": True}, "channel keys"),
        ({"links": True, "words": ["lån"]}, "Unknown conditions: words"),
        (["links"], "must be an object"),
    ],
)
def test_it_refuses_conditions_that_are_wrong_or_would_act_on_everything(conditions, says, english):
    with pytest.raises(ValidationError) as refused:
        clean_conditions(conditions)
    assert says in refused.value.messages[0]


# Writing rules: who may do what.


@pytest.mark.django_db
def test_a_new_rule_is_switched_off_and_only_an_admin_switches_it_on(inbox):
    rule = do_create_auto_rule(inbox.bob, " Lenkespam ", LINK_SPAM_FROM_NEWCOMERS, "hide")
    assert (rule.name, rule.is_active, rule.created_by) == ("Lenkespam", False, inbox.bob)
    with pytest.raises(PermissionDenied):
        do_switch_auto_rule(inbox.bob, rule, on=True)
    do_switch_auto_rule(inbox.alice, rule, on=True)
    rule.refresh_from_db()
    assert rule.is_active and rule.switched_on_at is not None
    do_switch_auto_rule(inbox.bob, rule, on=False)  # anyone who moderates can stop a rule
    rule.refresh_from_db()
    assert not rule.is_active and rule.switched_on_at is None


@pytest.mark.django_db
def test_rules_are_refused_to_plain_members_other_organizations_and_bad_input(inbox):
    with pytest.raises(PermissionDenied):
        do_create_auto_rule(inbox.carol, "Lenkespam", LINK_SPAM_FROM_NEWCOMERS, "hide")
    with pytest.raises(ValidationError):
        do_create_auto_rule(inbox.alice, "Lenkespam", LINK_SPAM_FROM_NEWCOMERS, "burn")
    with pytest.raises(ValidationError):
        do_create_auto_rule(inbox.alice, "  ", LINK_SPAM_FROM_NEWCOMERS, "hide")
    rule = do_create_auto_rule(inbox.alice, "Lenkespam", LINK_SPAM_FROM_NEWCOMERS, "hide")
    with pytest.raises(PermissionDenied):
        do_switch_auto_rule(inbox.mallory, rule, on=True)
    with pytest.raises(PermissionDenied):
        do_delete_auto_rule(inbox.mallory, rule)
    with pytest.raises(PermissionDenied):
        do_delete_auto_rule(inbox.bob, rule)
    do_delete_auto_rule(inbox.alice, rule)
    assert not AutoRule.objects.exists()


# The dry run.


@pytest.fixture
def month(inbox):
    """A month of comments: two newcomers' link spam (one a person later found fine), a known
    writer's link, a newcomer's second link, spam older than 30 days, our own post, and
    another organization's spam."""
    receive(
        inbox,
        body("old", text=LOAN_SPAM, author=writer("gammel"), received_at=days_ago(40)),
        body("ola-1", text="Når kommer bossbilen?", author=writer("ola"), received_at=days_ago(9)),
        body("ola-2", text=LOAN_SPAM, author=writer("ola"), received_at=days_ago(3)),
        body("per-1", text=LOAN_SPAM, author=writer("per"), received_at=days_ago(5)),
        body("spam-1", text=LOAN_SPAM, author=writer("spammer"), received_at=days_ago(2)),
        body("spam-2", text=LOAN_SPAM, author=writer("spammer"), received_at=days_ago(1)),
        body("post", kind="post", ours=True, text=LOAN_SPAM, received_at=days_ago(4)),
    )
    per = Verdict.objects.get(item__external_id="per-1").item
    do_moderate(inbox.alice, per, "mark_not_spam")
    receive_elsewhere(inbox)
    return inbox


def receive_elsewhere(cast):
    from torget.inbox.actions.ingest import do_receive_items
    from torget.inbox.ingest import check_item

    other = body("m-1", text=LOAN_SPAM, author=writer("nabo"), received_at=days_ago(1))
    do_receive_items(cast.mallory.organization, [check_item(other, set(), set())])


@pytest.mark.django_db
def test_the_dry_run_counts_what_the_rule_would_have_done_and_how_often_wrongly(month):
    rule = AutoRule(conditions={"links": True, "new_author": True}, action="hide")  # not saved
    run = get_dry_run(month.alice, rule)
    assert run.looked_at == 5  # judged, received in the last 30 days, written to us, ours alone
    assert run.acted_on == 2 and run.wrongly == 1
    assert run.verdict_counts() == [("Clean", 1), ("Spam", 1)]  # per's was cleared by a person
    assert [example.writer for example in run.sample] == ["Spammer", "Per"]  # latest first
    assert [example.later_found_fine for example in run.sample] == [False, True]
    assert run.action_label == "Hide"


@pytest.mark.django_db
def test_the_dry_run_reads_the_month_in_one_query_and_shortens_texts(
    month, django_assert_num_queries
):
    receive(
        month,
        *[
            body(f"n-{n}", text="https://bit.ly/x " + "lån " * 100, author=writer(f"ny{n}"))
            for n in range(30)
        ],
    )
    rule = AutoRule(conditions={"links": True, "new_author": True}, action="mark_spam")
    with django_assert_num_queries(1):
        run = get_dry_run(month.alice, rule)
    assert run.acted_on == 32 and len(run.sample) == 20
    assert all(len(example.text) <= 140 for example in run.sample)


@pytest.mark.django_db
def test_the_dry_run_of_one_organization_sees_none_of_anothers_items(month):
    run = get_dry_run(month.mallory, AutoRule(conditions={"links": True}, action="hide"))
    assert (run.looked_at, run.acted_on) == (1, 1)
    assert [example.writer for example in run.sample] == ["Nabo"]


# Applying rules to newly judged items.


@pytest.fixture
def newcomer_and_regular(inbox):
    """Ola has written before; both now send link spam, and so does a newcomer."""
    question = body("ola-1", text="Når kommer bossbilen?", received_at=days_ago(1))
    receive(inbox, question | {"author": writer("ola")})
    items = receive(
        inbox,
        body("ola-2", text=LOAN_SPAM, author=writer("ola"), received_at=days_ago(0)),
        body("spam-1", text=LOAN_SPAM, author=writer("spammer"), received_at=days_ago(0)),
    )
    inbox.judged = list(Verdict.objects.filter(item__in=items).select_related("item"))
    return inbox


def states() -> dict[str, str]:
    return dict(Verdict.objects.values_list("item__external_id", "state"))


@pytest.mark.django_db
def test_a_switched_off_rule_does_nothing(newcomer_and_regular):
    cast = newcomer_and_regular
    do_create_auto_rule(cast.alice, "Lenkespam fra nye", LINK_SPAM_FROM_NEWCOMERS, "hide")
    assert do_apply_auto_rules(cast.judged) == []
    assert states() == {"ola-1": "", "ola-2": "held", "spam-1": "held"}  # as judging left them


@pytest.mark.django_db
def test_a_switched_on_rule_hides_a_newcomers_link_spam_and_spares_a_known_writer(
    newcomer_and_regular,
):
    cast = newcomer_and_regular
    rule = do_create_auto_rule(cast.alice, "Lenkespam fra nye", LINK_SPAM_FROM_NEWCOMERS, "hide")
    do_switch_auto_rule(cast.alice, rule, on=True)
    [entry] = do_apply_auto_rules(cast.judged)
    assert states() == {"ola-1": "", "ola-2": "held", "spam-1": "hidden"}
    assert AuditEntry.objects.filter(
        pk=entry.pk, rule_id=rule.pk, actor=None, actor_name="Torget", action="hide"
    ).exists()
    assert entry.reason == "Automatic rule: Lenkespam fra nye" and entry.author_handle == "spammer"


@pytest.mark.django_db
def test_the_oldest_matching_rule_acts_and_the_rest_are_not_asked(newcomer_and_regular):
    cast = newcomer_and_regular
    spam = do_create_auto_rule(cast.alice, "Mark spam", {"verdicts": ["spam"]}, "mark_spam")
    hide = do_create_auto_rule(cast.alice, "Delete links", {"links": True}, "delete")
    do_switch_auto_rule(cast.alice, hide, on=True)
    do_switch_auto_rule(cast.alice, spam, on=True)
    entries = do_apply_auto_rules(cast.judged)
    assert [(entry.rule_id, entry.action) for entry in entries] == [(spam.pk, "mark_spam")] * 2
    assert states() == {"ola-1": "", "ola-2": "hidden", "spam-1": "hidden"}


@pytest.mark.django_db
def test_another_organizations_rules_never_touch_our_items(newcomer_and_regular):
    cast = newcomer_and_regular
    theirs = do_create_auto_rule(cast.mallory, "Alt med lenker", {"links": True}, "delete")
    do_switch_auto_rule(cast.mallory, theirs, on=True)
    assert do_apply_auto_rules(cast.judged) == []
    assert not Verdict.objects.filter(state="deleted").exists()


@pytest.mark.django_db
def test_items_arriving_meet_the_switched_on_rules(inbox):
    rule = do_create_auto_rule(inbox.alice, "Lenkespam fra nye", LINK_SPAM_FROM_NEWCOMERS, "hide")
    do_switch_auto_rule(inbox.alice, rule, on=True)
    [spam] = receive(inbox, body("spam-1", text=LOAN_SPAM, author=writer("spammer")))
    assert Verdict.objects.get(item=spam).state == "hidden"
    assert AuditEntry.objects.filter(item_id=spam.pk, rule_id=rule.pk).exists()
