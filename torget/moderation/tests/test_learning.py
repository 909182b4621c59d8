"""Each organization's moderators teach its own classifiers: once they have said spam and not
spam (or abusive and not) often enough, new texts like theirs are judged more as they would
judge them, in that organization alone."""

import pickle

import pytest
from django_tasks_db.models import DBTaskResult

from torget.inbox.models import TrainedClassifier
from torget.inbox.tests.conftest import body, receive
from torget.moderation.actions.learning import (
    do_train_moderation,
    from_bytes,
    to_bytes,
    trained_models,
)
from torget.moderation.models import Verdict
from torget.moderation.tasks import retrain_moderation, schedule_moderation_training
from torget.moderation.tests.test_lexicon import receive_for

pytestmark = pytest.mark.django_db
# The spam this organization gets: no links, no loans, nothing the rules know.
THEIR_SPAM = "Bli med i Vinnerklubben i dag, skriv VINNER {n} til oss og få premie"
QUESTIONS = [
    "Når blir glasset hentet i gate nummer {n}?",
    "Bossbilen kom ikke i dag heller, vi bor i nummer {n}.",
    "Hvorfor er gjenvinningsstasjonen stengt på lørdag {n}.?",
]
NEW_SPAM = "Bli med i Vinnerklubben nå, skriv VINNER 99 og få premie i dag"


def decided(inbox, member, texts: list[str], **label) -> None:
    bodies = [
        body(f"{label}-{n}", text=text, author={"handle": f"w{n}", "name": "W"})
        for n, text in enumerate(texts)
    ]
    items = receive_for(member, *bodies)
    Verdict.objects.filter(item__in=items).update(**label)


def teach_spam(inbox, member, times: int = 12) -> None:
    decided(inbox, member, [THEIR_SPAM.format(n=n) for n in range(times)], spam_label=True)
    questions = [q.format(n=n) for q in QUESTIONS for n in range(times // 3 + 1)]
    decided(inbox, member, questions, spam_label=False)


def spam_score(inbox, external_id: str) -> tuple[float, dict]:
    [item] = receive(inbox, body(external_id, text=NEW_SPAM, author={"handle": "ny"}))
    return item.verdict.spam_score, {s["name"]: s for s in item.verdict.signals}


def test_it_learns_nothing_from_fewer_than_ten_examples_of_each_kind(inbox):
    teach_spam(inbox, inbox.alice, times=9)
    assert do_train_moderation(inbox.alice.organization) == []
    assert not TrainedClassifier.objects.exists()


def test_the_organizations_own_spam_scores_higher_after_training(inbox):
    before, signals_before = spam_score(inbox, "before")
    teach_spam(inbox, inbox.alice)
    [stored] = do_train_moderation(inbox.alice.organization)
    after, signals = spam_score(inbox, "after")
    assert stored.field == "spam" and stored.examples == 27 and stored.macro_f1 > 0.9
    assert "learned" not in signals_before and after > before + 0.3
    assert signals["learned"]["kind"] == "spam" and float(signals["learned"]["detail"]) > 0.6


def test_an_abuse_model_learns_from_abuse_decisions(inbox):
    insults = [f"Saksbehandler nummer {n} er en ubrukelig byråkratslask" for n in range(10)]
    calm = [f"Takk til saksbehandler nummer {n} for god hjelp" for n in range(10)]
    decided(inbox, inbox.alice, insults, abuse_label=True)
    decided(inbox, inbox.alice, calm, abuse_label=False)
    [stored] = do_train_moderation(inbox.alice.organization)
    assert stored.field == "abuse"
    [item] = receive(inbox, body("new", text="Den nye saksbehandleren er en byråkratslask"))
    assert item.verdict.abuse_score > 0.3 and "learned" in {s["name"] for s in item.verdict.signals}


def test_one_organizations_model_never_judges_anothers_items(inbox):
    teach_spam(inbox, inbox.alice)
    do_train_moderation(inbox.alice.organization)
    [theirs] = receive_for(inbox.mallory, body("x", text=NEW_SPAM, author={"handle": "ny"}))
    assert theirs.verdict.spam_score == 0.0 and theirs.verdict.signals == []
    assert trained_models(inbox.mallory.organization_id) == {}


def test_a_model_is_read_again_only_when_trained_anew(inbox, django_assert_num_queries):
    teach_spam(inbox, inbox.alice)
    do_train_moderation(inbox.alice.organization)
    first = trained_models(inbox.alice.organization_id)["spam"]
    with django_assert_num_queries(1):
        assert trained_models(inbox.alice.organization_id)["spam"] is first
    do_train_moderation(inbox.alice.organization)
    assert trained_models(inbox.alice.organization_id)["spam"] is not first


def test_bytes_torget_did_not_sign_are_never_unpickled():
    stored = to_bytes({"model": 1})
    assert from_bytes(stored) == {"model": 1}
    forged = stored[:32] + pickle.dumps({"model": 2})
    assert from_bytes(forged) is None
    assert from_bytes(pickle.dumps({"model": 2})) is None


def test_training_is_scheduled_once_per_organization_however_many_decisions(inbox):
    organization_id = inbox.alice.organization_id
    schedule_moderation_training(organization_id)
    schedule_moderation_training(organization_id)
    schedule_moderation_training(inbox.mallory.organization_id)
    waiting = DBTaskResult.objects.filter(task_path=retrain_moderation.module_path, status="READY")
    assert sorted(row.args_kwargs["args"][0] for row in waiting) == sorted(
        [organization_id, inbox.mallory.organization_id]
    )


def test_the_task_trains_the_organizations_models(inbox):
    teach_spam(inbox, inbox.alice)
    retrain_moderation.call(inbox.alice.organization_id)
    assert TrainedClassifier.objects.get(field="spam").organization == inbox.alice.organization
