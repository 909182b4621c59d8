"""Triage rules as a lead writes them: every condition, in order, case not minding."""

from datetime import time

import pytest

from torget.inbox.triage import Facts, Rule, RuleError, apply_rules, clean_conditions

FACTS = Facts(
    text="SØPPELET er ikke hentet i Tøyengata!",
    channel="facebook",
    kind="comment",
    author="Kari_N",
    language="nb",
    on_our_post=True,
    local_time=time(23, 15),
    tone="negative",
)


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({"keywords": ["Søppel"]}, True),  # any case, part of a word
        ({"keywords": ["brøyting", "hull"]}, False),
        ({"channels": ["Facebook", "instagram"]}, True),
        ({"channels": ["instagram"]}, False),
        ({"kinds": ["message", "email"]}, False),
        ({"authors": ["kari_n"]}, True),
        ({"languages": ["nn", "en"]}, False),
        ({"tones": ["negative"]}, True),
        ({"on_our_post": False}, False),
        ({"hours": ["16:00", "08:00"]}, True),  # a window across midnight
        ({"hours": ["08:00", "16:00"]}, False),
        ({"channels": ["facebook"], "keywords": ["søppel"], "tones": ["positive"]}, False),
        ({}, True),
    ],
)
def test_a_rule_matches_only_when_every_condition_holds(conditions, expected):
    outcome = apply_rules([Rule("r", conditions, response_class=1)], FACTS)
    assert (outcome.response_class == 1) is expected


def test_the_first_rule_naming_a_class_or_team_decides_and_every_match_adds_labels():
    rules = [
        Rule("Sinte", {"tones": ["negative"]}, labels=("sint",)),
        Rule("Avfall", {"keywords": ["søppel"]}, team=7, labels=("avfall", "sint")),
        Rule("Kveld", {"hours": ["22:00", "06:00"]}, response_class=2, team=8),
        Rule("Alt", {}, response_class=3, labels=("alt",)),
    ]
    outcome = apply_rules(rules, FACTS)
    assert (outcome.response_class, outcome.class_rule) == (2, "Kveld")
    assert (outcome.team, outcome.team_rule) == (7, "Avfall")
    assert outcome.labels == ["sint", "avfall", "alt"]


def test_conditions_are_checked_and_folded_when_saved():
    cleaned = clean_conditions({"keywords": [" Søppel "], "hours": ["08:00", "16:00"]})
    assert cleaned == {"keywords": ["søppel"], "hours": ["08:00", "16:00"]}
    for bad in ({"colour": ["red"]}, {"tones": ["furious"]}, {"keywords": "søppel"}):
        with pytest.raises(RuleError):
            clean_conditions(bad)
