"""Every item is judged as it arrives: the source's kind of spam is caught, abuse is named, a
threat is said at once, and each verdict carries the signals that gave it."""

import pytest

from torget.inbox.tests.conftest import body, receive
from torget.moderation.models import AuditEntry, Verdict
from torget.moderation.verdicts import judge

pytestmark = pytest.mark.django_db
LOAN_SPAM = (
    "Trenger du penger raskt? Forbrukslån uten sikkerhet, lav rente! "
    "Søk her: https://bit.ly/raskt-lan [url=https://lan-na.example]klikk[/url]"
)


def test_the_sources_payday_loan_spam_is_spam():
    judged = judge(LOAN_SPAM)
    assert judged.verdict == "spam" and judged.spam_score > 0.9
    assert {"link_shortener", "bbcode_link", "money_talk"} <= {s["name"] for s in judged.signals}


def test_a_loan_offer_with_a_link_is_spam_even_without_shorteners_or_bbcode():
    offer = (
        "Trenger du lån? 💰 Raskt og enkelt, uten sikkerhet. Svar på 5 minutter! "
        "Søk her: http://raskt-laan.example/soknad?ref=fb"
    )
    judged = judge(offer)
    assert judged.verdict == "spam"
    assert {"money_talk", "money_with_link", "links"} <= {s["name"] for s in judged.signals}


def test_an_insult_is_abusive_and_a_threat_is_a_threat():
    insult = judge("Dere er noen jævla idioter alle sammen")
    assert insult.verdict == "abusive" and insult.abuse_score >= 0.7
    assert {s["name"] for s in insult.signals} == {"insult", "swearing"}
    threat = judge("Jeg vet hvor du bor, saksbehandler")
    assert threat.verdict == "threat"


def test_a_question_is_clean_and_doubt_is_held():
    assert judge("Når blir glasset hentet i Tøyengata?").verdict == "clean"
    assert judge("Sjekk ut kanalen min https://video.example/k").verdict == "suspect"


def test_items_arriving_are_judged_and_say_why(cast):
    spam, question = receive(
        cast,
        body("c1", text=LOAN_SPAM),
        body("c2", text="Når kommer bossbilen?", author={"handle": "ola", "name": "Ola"}),
    )
    assert spam.verdict.verdict == "spam" and question.verdict.verdict == "clean"
    assert "new_author" in {s["name"] for s in spam.verdict.signals}  # first seen in this batch
    assert Verdict.objects.filter(organization=cast.alice.organization).count() == 2


def test_our_own_posts_are_not_judged(cast):
    receive(cast, body("p1", kind="post", ours=True, text="Kjøp billig lån nå https://bit.ly/x"))
    assert not Verdict.objects.exists()


def test_the_item_page_and_the_api_say_the_verdict_and_why(cast):
    [spam] = receive(cast, body("c1", text=LOAN_SPAM))
    page = cast.client_for(cast.bob).get(f"/inbox/{spam.pk}/", headers={"Accept-Language": "en"})
    text = page.content.decode()
    assert "Spam" in text and "A link shortener" in text and "bit.ly" in text
    shown = cast.api_for(cast.bob).get(f"/api/v1/items/{spam.pk}").json()
    assert shown["verdict"] == "spam" and shown["spam_score"] > 0.9
    assert shown["text_html"].startswith("<p>") and "bbcode_link" in {
        s["name"] for s in shown["signals"]
    }
    assert shown["response_class"] is None or isinstance(shown["response_class"], int)


def test_another_organization_sees_no_verdict(cast):
    [spam] = receive(cast, body("c1", text=LOAN_SPAM))
    assert cast.api_for(cast.mallory).get(f"/api/v1/items/{spam.pk}").status_code == 404


def test_what_is_not_clean_is_held_and_written_in_the_audit_log(cast):
    spam, question = receive(
        cast,
        body("c1", text=LOAN_SPAM),
        body("c2", text="Når kommer bossbilen?", author={"handle": "ola", "name": "Ola"}),
    )
    assert spam.verdict.state == "held" and question.verdict.state == ""
    [entry] = AuditEntry.objects.filter(organization=cast.alice.organization)
    assert (entry.action, entry.actor, entry.actor_name) == ("judged", None, "Torget")
    assert (entry.item_id, entry.contact_id, entry.channel) == (spam.pk, spam.author_id, "facebook")
    assert (entry.author_handle, entry.text, entry.verdict_after) == ("kari.n", LOAN_SPAM, "spam")
    assert "link_shortener (bit.ly)" in entry.reason and "bbcode_link" in entry.reason


def edit(cast, text: str):
    [item] = receive(cast, body("c1", text=text))
    item.verdict.refresh_from_db()
    return item


def test_an_edit_into_abuse_is_judged_again_held_and_logged(cast):
    [item] = receive(cast, body("c1", text="Takk for svar"))
    assert item.verdict.verdict == "clean"
    edited = edit(cast, "Dere er noen jævla idioter")
    assert edited.pk == item.pk and edited.verdict.verdict == "abusive"
    assert edited.verdict.state == "held"
    [entry] = AuditEntry.objects.filter(action="rejudged")
    assert (entry.verdict_before, entry.verdict_after) == ("clean", "abusive")
    assert entry.text == "Dere er noen jævla idioter" and entry.actor_name == "Torget"
    assert "insult (idioter)" in entry.reason and entry.author_handle == "kari.n"


def test_an_edit_that_changes_no_verdict_writes_nothing(cast):
    receive(cast, body("c1", text="Takk for svar"))
    edited = edit(cast, "Takk for raskt svar")
    assert edited.verdict.verdict == "clean" and not AuditEntry.objects.exists()


def test_an_approved_comment_edited_into_spam_is_held_again(cast):
    [item] = receive(cast, body("c1", text="Takk for svar"))
    Verdict.objects.filter(pk=item.verdict.pk).update(state="approved")
    edited = edit(cast, LOAN_SPAM)
    assert edited.verdict.verdict == "spam" and edited.verdict.state == "held"


def test_an_edited_item_without_a_verdict_gets_one(cast):
    [item] = receive(cast, body("c1", text="Takk for svar"))
    Verdict.objects.filter(item=item).delete()
    edited = edit(cast, "Jeg vet hvor du bor")
    assert edited.verdict.verdict == "threat"
    assert AuditEntry.objects.get(action="rejudged").verdict_before == ""


def test_a_machine_numbered_writer_of_spam_is_named_as_such(cast):
    (spam,) = receive(cast, body("c1", text=LOAN_SPAM, author={"handle": "lan.hjelp.2291"}))
    assert "throwaway_author" in {s["name"] for s in spam.verdict.signals}
