"""What an organization's earlier items say about new ones: the domains its spam linked to, the
same text from many writers or many times from one. Read per batch, not per item."""

from datetime import timedelta

import pytest
from django.utils import timezone

from torget.inbox.models import Item
from torget.inbox.tests.conftest import body, receive
from torget.moderation.history import histories
from torget.moderation.models import Verdict
from torget.moderation.tests.test_lexicon import receive_for

pytestmark = pytest.mark.django_db
SPAM = "Raske penger! Forbrukslån uten sikkerhet: https://lan-na.example/soknad"
CAMPAIGN = "Stopp nedleggelsen av Tøyen bad nå, vi krever svar fra bystyret!"


def writer(handle: str) -> dict:
    return {"handle": handle, "name": handle.title()}


def signals(item: Item) -> dict[str, str]:
    item.verdict.refresh_from_db()
    return {signal["name"]: signal["detail"] for signal in item.verdict.signals}


def test_it_remembers_the_domains_of_earlier_spam(inbox):
    [spam] = receive(inbox, body("c1", text=SPAM))
    assert spam.verdict.verdict == "spam"
    [later] = receive(
        inbox, body("c2", text="Se her https://lan-na.example/ny", author=writer("a"))
    )
    assert signals(later)["domain_seen_in_spam"] == "lan-na.example"


def test_a_domain_a_moderator_said_was_not_spam_is_forgotten(inbox):
    [spam] = receive(inbox, body("c1", text=SPAM))
    Verdict.objects.filter(pk=spam.verdict.pk).update(spam_label=False)
    [later] = receive(
        inbox, body("c2", text="Se her https://lan-na.example/ny", author=writer("a"))
    )
    assert "domain_seen_in_spam" not in signals(later)


def test_another_organizations_spam_says_nothing_here(inbox):
    receive_for(inbox.mallory, body("c1", text=SPAM))
    [later] = receive(
        inbox, body("c2", text="Se her https://lan-na.example/ny", author=writer("a"))
    )
    assert "domain_seen_in_spam" not in signals(later)


def test_it_counts_other_writers_of_the_same_text_in_the_batch_and_before(
    inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        receive(inbox, body("c1", text=CAMPAIGN, author=writer("a")))
    copies = [
        body("c2", text=CAMPAIGN.upper(), author=writer("b")),
        body("c3", text="  Stopp  nedleggelsen av Tøyen bad nå,\nvi krever svar fra bystyret! "),
    ]
    second, third = receive(inbox, *copies)
    assert signals(third)["same_text_many_authors"] == "2"
    assert signals(second)["same_text_many_authors"] == "2"


def test_it_counts_one_writer_sending_the_same_text_again(
    inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        receive(inbox, body("c1", text=CAMPAIGN))
    [again] = receive(inbox, body("c2", text=CAMPAIGN))
    assert signals(again)["same_text_repeated"] == "2"
    assert "same_text_many_authors" not in signals(again)


def test_copies_older_than_a_day_do_not_count(inbox):
    now = timezone.now()
    old = [
        body(
            f"c{n}",
            text=CAMPAIGN,
            author=writer(f"w{n}"),
            received_at=(now - timedelta(days=2)).isoformat(),
        )
        for n in range(3)
    ]
    receive(inbox, *old)
    [fresh] = receive(inbox, body("c9", text=CAMPAIGN, received_at=now.isoformat()))
    assert "same_text_many_authors" not in signals(fresh)


def test_short_everyday_replies_are_not_copies(inbox):
    thanks = [body(f"c{n}", text="Takk for svar!", author=writer(f"w{n}")) for n in range(4)]
    items = receive(inbox, *thanks)
    assert all(item.verdict.verdict == "clean" for item in items)
    assert "same_text_many_authors" not in signals(items[-1])


def test_a_batch_is_read_with_two_queries_however_large(inbox, django_assert_max_num_queries):
    bodies = [
        body(f"c{n}", text=f"{CAMPAIGN} https://side{n % 3}.example", author=writer(f"w{n}"))
        for n in range(40)
    ]
    items = receive(inbox, *bodies)
    with django_assert_max_num_queries(2):  # domains seen in spam; copies remembered
        found = histories(items, set())
    assert found[id(items[0])].same_text_authors == 13  # the other writers of side0's text


def test_a_batch_rolled_back_and_sent_again_does_not_meet_itself(inbox):
    from django.db import transaction

    class SentAgainError(Exception):
        pass

    with pytest.raises(SentAgainError), transaction.atomic():
        receive(inbox, body("c1", text=CAMPAIGN))
        raise SentAgainError
    receive(inbox, body("c0", text="Når tømmes papiret?"))  # takes the ids the batch had
    [retried] = receive(inbox, body("c1", text=CAMPAIGN))
    assert "same_text_repeated" not in signals(retried)


def test_two_batches_in_one_transaction_both_count(inbox):
    from django.db import transaction

    with transaction.atomic():
        receive(inbox, body("c1", text=CAMPAIGN, author=writer("a")))
        receive(inbox, body("c2", text=CAMPAIGN, author=writer("b")))
    [third] = receive(inbox, body("c3", text=CAMPAIGN, author=writer("d")))
    assert signals(third)["same_text_many_authors"] == "2"
