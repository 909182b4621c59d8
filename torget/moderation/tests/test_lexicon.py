"""An organization's own words join the default lexicon for it alone, and a word it allows is
no longer abuse there."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from torget.inbox.tests.conftest import body, receive
from torget.moderation.actions.lexicon import do_add_lexicon_word, do_remove_lexicon_word
from torget.moderation.lexicon import lexicon_for, merged
from torget.moderation.verdicts import judge

pytestmark = pytest.mark.django_db
TOLL_RANT = "Bompengesluskene i bystyret har gjort det igjen"
STREET = "Brøytebilen har ikke vært i Skyttarvegen på tre dager"


def receive_for(member, *bodies):
    from torget.inbox.actions.ingest import do_receive_items
    from torget.inbox.api import known_ids
    from torget.inbox.ingest import check_item

    checked = [check_item(b, *known_ids(member)) for b in bodies]
    return [r.item for r in do_receive_items(member.organization, checked)]


def test_it_makes_an_added_word_abusive_for_that_organization_only(inbox):
    do_add_lexicon_word(inbox.alice, "Bompengeslusk*", "insult")
    [ours] = receive(inbox, body("c1", text=TOLL_RANT))
    [theirs] = receive_for(inbox.mallory, body("c1", text=TOLL_RANT))
    assert ours.verdict.verdict == "suspect" and ours.verdict.abuse_score == 0.6
    assert {"name": "insult", "detail": "bompengesluskene"}.items() <= ours.verdict.signals[
        0
    ].items()
    assert theirs.verdict.verdict == "clean" and theirs.verdict.signals == []


def test_an_added_threat_is_a_threat(inbox):
    do_add_lexicon_word(inbox.alice, "du får som fortjent", "threat")
    [item] = receive(inbox, body("c1", text="Vent du, saksbehandler, du får som fortjent"))
    assert item.verdict.verdict == "threat"


def test_an_allowed_word_stops_a_default_match(inbox):
    assert judge(STREET).verdict == "threat"  # "skyt*" takes the street's name
    do_add_lexicon_word(inbox.alice, "Skyttarvegen", "allowed")
    [item] = receive(inbox, body("c1", text=STREET))
    assert item.verdict.verdict == "clean"
    assert judge("Jeg skyter deg", lexicon=lexicon_for(inbox.alice.organization_id)).verdict == (
        "threat"
    )  # the stem still holds for every other word


def test_allowing_a_default_term_takes_it_out():
    lexicon = merged([("dust", "allowed"), ("bompengeslusk*", "insult")])
    assert "dust*" not in lexicon["insult"] and "bompengeslusk*" in lexicon["insult"]
    assert judge("For en dust", lexicon=lexicon).verdict == "clean"
    assert judge("For en dust").verdict == "suspect"


def test_a_word_taken_back_no_longer_counts(inbox):
    entry = do_add_lexicon_word(inbox.alice, "bompengeslusk*", "insult")
    do_remove_lexicon_word(inbox.alice, entry)
    [item] = receive(inbox, body("c1", text=TOLL_RANT))
    assert item.verdict.verdict == "clean"


def test_adding_a_word_again_changes_its_kind(inbox):
    do_add_lexicon_word(inbox.alice, "bompengeslusk*", "insult")
    entry = do_add_lexicon_word(inbox.alice, " Bompengeslusk* ", "swearing")
    assert entry.kind == "swearing"
    assert lexicon_for(inbox.alice.organization_id)["swearing"][-1] == "bompengeslusk*"
    assert "bompengeslusk*" not in lexicon_for(inbox.alice.organization_id)["insult"]


def test_only_administrators_change_the_lexicon_and_only_their_own(inbox):
    with pytest.raises(PermissionDenied):
        do_add_lexicon_word(inbox.bob, "bompengeslusk*", "insult")
    entry = do_add_lexicon_word(inbox.alice, "bompengeslusk*", "insult")
    with pytest.raises(PermissionDenied):
        do_remove_lexicon_word(inbox.mallory, entry)
    with pytest.raises(ValidationError):
        do_add_lexicon_word(inbox.alice, "   ", "insult")
    with pytest.raises(ValidationError):
        do_add_lexicon_word(inbox.alice, "slusk", "rude")
