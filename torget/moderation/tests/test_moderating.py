"""A moderator's actions: what Torget shows changes at once, the platform is asked where it
allows it and the entry explains where it does not, writers can be restricted or banned, a
threat reaches the team lead, and every step is on record."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from torget.channels.actions.outbox import do_deliver
from torget.channels.models import Channel, Outbound
from torget.inbox.models import Alert, Reply, Status
from torget.inbox.tests.conftest import body, receive
from torget.moderation.actions.moderating import do_moderate, do_moderate_many
from torget.moderation.models import (
    AuditEntry,
    Explanation,
    ImmutableAuditError,
    Standing,
    Verdict,
)
from torget.moderation.tests.test_judging import LOAN_SPAM

pytestmark = pytest.mark.django_db


def connect(cast, platform: str, key: str) -> Channel:
    return Channel.objects.create(
        organization=cast.alice.organization, platform=platform, key=key, name=key.title()
    )


def test_hiding_spam_hides_it_here_asks_the_platform_and_is_on_record(inbox):
    connect(inbox, "facebook", "facebook")
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    entry = do_moderate(inbox.bob, spam, "hide", reason="lånespam")
    spam.refresh_from_db()
    assert spam.verdict.state == "hidden" and spam.verdict.spam_label is True
    assert spam.status == Status.NO_REPLY
    step = Outbound.objects.get(audit_entry=entry)
    assert (step.action, step.target, step.state) == ("hide", "c1", "queued")
    assert (entry.actor_name, entry.action, entry.text) == ("Bob", "hide", LOAN_SPAM)
    assert (entry.verdict_before, entry.reason) == ("spam", "lånespam")


def test_where_the_platform_cannot_hide_the_entry_says_so_and_nothing_is_sent(inbox):
    connect(inbox, "mastodon", "mastodon")
    (spam,) = receive(inbox, body("m1", channel="mastodon", text=LOAN_SPAM))
    entry = do_moderate(inbox.bob, spam, "hide")
    assert "Mastodon" in entry.outcome
    assert not Outbound.objects.filter(audit_entry=entry).exists()
    assert Verdict.objects.get(item=spam).state == "hidden"  # hidden in Torget all the same


def test_marking_spam_and_not_spam_teaches_and_restores(inbox):
    connect(inbox, "facebook", "facebook")
    (question,) = receive(inbox, body("c1", text="Sjekk ut kanalen min https://video.example/k"))
    do_moderate(inbox.bob, question, "mark_spam")
    verdict = Verdict.objects.get(item=question)
    assert (verdict.verdict, verdict.state, verdict.spam_label) == ("spam", "hidden", True)
    entry = do_moderate(inbox.bob, question, "mark_not_spam")
    verdict.refresh_from_db()
    assert (verdict.verdict, verdict.state, verdict.spam_label) == ("clean", "approved", False)
    assert Outbound.objects.get(audit_entry=entry).action == "unhide"
    assert (entry.verdict_before, entry.verdict_after) == ("spam", "clean")


def test_approving_a_held_item_releases_it_and_says_the_machine_was_wrong(inbox):
    (held,) = receive(inbox, body("c1", text="Idioter."))
    assert held.verdict.state == "held"
    entry = do_moderate(inbox.bob, held, "approve")
    assert entry.outcome == ""  # nothing was asked of the platform, so nothing to say
    verdict = Verdict.objects.get(item=held)
    assert verdict.state == "approved" and verdict.abuse_label is False


def test_a_banned_writer_is_blocked_and_what_they_send_next_is_hidden(inbox):
    connect(inbox, "facebook", "facebook")
    (first,) = receive(inbox, body("c1", text="Dere er noen jævla idioter"))
    entry = do_moderate(inbox.alice, first, "ban", reason="gjentatte skjellsord")
    assert Standing.objects.get(contact=first.author).kind == "banned"
    steps = Outbound.objects.filter(audit_entry=entry)
    assert sorted(steps.values_list("action", "target")) == [("block", "kari.n"), ("hide", "c1")]
    assert Verdict.objects.get(item=first).state == "hidden"  # the item the ban was given on
    (second,) = receive(inbox, body("c2", text="Hei igjen"))
    assert Verdict.objects.get(item=second).state == "hidden"
    automatic = AuditEntry.objects.get(item_id=second.pk, action="hide")
    assert automatic.actor_name == "Torget" and automatic.actor is None


def test_a_restricted_writer_is_held_even_when_polite(inbox):
    (first,) = receive(inbox, body("c1", text="Idioter."))
    do_moderate(inbox.bob, first, "restrict")
    (polite,) = receive(inbox, body("c2", text="Takk for god hjelp i dag!"))
    assert Verdict.objects.get(item=polite).verdict == "clean"
    assert Verdict.objects.get(item=polite).state == "held"
    do_moderate(inbox.bob, first, "unrestrict")
    (later,) = receive(inbox, body("c3", text="Takk igjen!"))
    assert Verdict.objects.get(item=later).state == ""


def test_a_threat_is_answered_at_once_and_alerts_the_team_lead(inbox):
    inbox.communications.lead = inbox.bob
    inbox.communications.save()
    (threat,) = receive(inbox, body("c1", text="Jeg vet hvor du bor, saksbehandler"))
    threat.refresh_from_db()
    assert threat.verdict.verdict == "threat" and threat.verdict.state == "held"
    assert threat.response_class == inbox.at_once
    alert = Alert.objects.get(kind="threat")
    assert alert.recipient == inbox.bob and alert.item == threat
    escalated = AuditEntry.objects.get(item_id=threat.pk, action="escalate")
    assert "Bob" in escalated.outcome


def test_deleting_and_banning_need_an_editor(inbox):
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    with pytest.raises(PermissionDenied):
        do_moderate(inbox.bob, spam, "delete")
    with pytest.raises(PermissionDenied):
        do_moderate(inbox.carol, spam, "hide")  # a plain member does not moderate
    with pytest.raises(ValidationError):
        do_moderate(inbox.alice, spam, "burn")
    assert not AuditEntry.objects.exclude(action="judged").exists()


def test_another_organizations_member_cannot_moderate_and_a_bulk_refusal_changes_nothing(inbox):
    first, second = receive(inbox, body("c1", text=LOAN_SPAM), body("c2", text="Idioter."))
    with pytest.raises(PermissionDenied):
        do_moderate(inbox.mallory, first, "hide")
    with pytest.raises(PermissionDenied):
        do_moderate_many(inbox.bob, [second, first], "delete")
    assert Verdict.objects.get(item=second).state == "held"
    assert set(Verdict.objects.values_list("state", flat=True)) == {"held"}


def test_the_record_cannot_be_changed_through_the_model(inbox):
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    entry = do_moderate(inbox.bob, spam, "hide")
    entry.reason = "ingenting å se her"
    with pytest.raises(ImmutableAuditError):
        entry.save()
    with pytest.raises(ImmutableAuditError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="borte")
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_a_comment_edited_into_a_threat_is_escalated_once(inbox):
    inbox.communications.lead = inbox.bob
    inbox.communications.save()
    (item,) = receive(inbox, body("c1", text="Når kommer bossbilen?"))
    receive(inbox, body("c1", text="Jeg vet hvor du bor, sjåfør"))
    receive(inbox, body("c1", text="Jeg vet hvor du bor, sjåfør!"))
    item.refresh_from_db()
    assert item.verdict.verdict == "threat" and item.verdict.state == "held"
    assert item.response_class == inbox.at_once
    assert Alert.objects.filter(kind="threat", item=item).count() == 1
    assert AuditEntry.objects.filter(item_id=item.pk, action="escalate").count() == 1
    assert AuditEntry.objects.filter(item_id=item.pk, action="rejudged").count() == 1


def test_asking_twice_does_it_once_and_posts_the_explanation_once(inbox):
    connect(inbox, "facebook", "facebook")
    explanation = Explanation.objects.create(
        organization=inbox.alice.organization, title="Spam", text_nb="Vi fjernet reklame."
    )
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    do_moderate(inbox.bob, spam, "hide", explanation=explanation)
    again = do_moderate(inbox.bob, spam, "hide", explanation=explanation)
    assert "already" in again.outcome
    assert Reply.objects.filter(item=spam).count() == 1
    assert Outbound.objects.filter(action="hide").count() == 1
    spam.refresh_from_db()
    assert spam.status == Status.ANSWERED and spam.no_reply_reason == ""


def test_a_responder_cannot_turn_a_ban_into_a_restriction(inbox):
    (item,) = receive(inbox, body("c1", text="Idioter."))
    do_moderate(inbox.alice, item, "ban")
    with pytest.raises(ValidationError):
        do_moderate(inbox.bob, item, "restrict")
    assert Standing.objects.get(contact=item.author).kind == "banned"


def test_a_deleted_item_stays_deleted(inbox):
    connect(inbox, "facebook", "facebook")
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    do_moderate(inbox.alice, spam, "delete")
    for action in ("approve", "unhide", "mark_not_spam", "hold", "hide"):
        with pytest.raises(ValidationError):
            do_moderate(inbox.alice, spam, action)
    assert Verdict.objects.get(item=spam).state == "deleted"
    assert list(Outbound.objects.values_list("action", flat=True)) == ["delete"]


def test_what_torget_decides_by_itself_teaches_the_classifiers_nothing(inbox):
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    do_moderate(None, spam, "mark_spam", reason="automatic rule")
    verdict = Verdict.objects.get(item=spam)
    assert verdict.state == "hidden" and verdict.spam_label is None
    do_moderate(inbox.bob, spam, "mark_not_spam")
    assert Verdict.objects.get(item=spam).spam_label is False


def test_a_step_the_platform_refuses_is_on_record_and_the_moderator_told(inbox, settings):
    channel = connect(inbox, "sandbox", "facebook")
    channel.settings = {"refuse": "Kommentaren finnes ikke lenger"}
    channel.save()
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    entry = do_moderate(inbox.bob, spam, "hide")
    step = do_deliver(Outbound.objects.get(audit_entry=entry).pk)
    assert step.state == "failed"
    failed = AuditEntry.objects.get(action="step_failed")
    assert failed.item_id == spam.pk and "finnes ikke" in failed.outcome
    assert Alert.objects.get(kind="refused").recipient == inbox.bob


def test_a_late_hide_does_not_undo_a_later_show_again(inbox):
    connect(inbox, "sandbox", "facebook")
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    hidden = do_moderate(inbox.bob, spam, "hide")
    shown = do_moderate(inbox.bob, spam, "unhide")
    unhide = do_deliver(Outbound.objects.get(audit_entry=shown).pk)
    late_hide = do_deliver(Outbound.objects.get(audit_entry=hidden).pk)
    assert (unhide.state, late_hide.state) == ("sent", "superseded")


def test_a_person_marking_what_a_rule_hid_as_spam_teaches(inbox):
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    do_moderate(None, spam, "mark_spam", reason="automatic rule")
    entry = do_moderate(inbox.bob, spam, "mark_spam")
    assert Verdict.objects.get(item=spam).spam_label is True
    assert "already" not in entry.outcome
    again = do_moderate(inbox.bob, spam, "mark_spam")
    assert "already" in again.outcome


def test_approving_a_held_facebook_comment_asks_facebook_nothing(inbox):
    connect(inbox, "facebook", "facebook")
    (held,) = receive(inbox, body("c1", text="Idioter."))
    entry = do_moderate(inbox.bob, held, "approve")
    assert not Outbound.objects.filter(audit_entry=entry).exists() and entry.outcome == ""


def test_marking_as_spam_what_a_rule_hid_asks_the_platform_nothing_more(inbox):
    connect(inbox, "facebook", "facebook")
    (spam,) = receive(inbox, body("c1", text=LOAN_SPAM))
    do_moderate(None, spam, "hide", reason="automatic rule")
    entry = do_moderate(inbox.bob, spam, "mark_spam")
    assert Outbound.objects.filter(action="hide").count() == 1
    assert not Outbound.objects.filter(audit_entry=entry).exists()


def test_lifting_a_ban_lifts_the_block_where_the_platform_allows(inbox):
    connect(inbox, "facebook", "facebook")
    connect(inbox, "instagram", "instagram")
    (first,) = receive(inbox, body("c1", text="Idioter."))
    (second,) = receive(
        inbox, body("i1", channel="instagram", text="Idioter.", author={"handle": "ig.1"})
    )
    do_moderate(inbox.alice, first, "ban")
    lifted = do_moderate(inbox.alice, first, "unban")
    assert Outbound.objects.get(audit_entry=lifted).action == "unblock"
    assert not Standing.objects.filter(contact=first.author).exists()
    do_moderate(inbox.alice, second, "ban")
    on_instagram = do_moderate(inbox.alice, second, "unban")
    assert not Outbound.objects.filter(audit_entry=on_instagram).exists()
    assert "Instagram" in on_instagram.outcome


def test_an_item_from_before_moderation_is_judged_in_the_organizations_words_when_acted_on(inbox):
    from torget.moderation.models import LexiconEntry

    (old,) = receive(inbox, body("c1", text="For noen klovner"))
    Verdict.objects.filter(item=old).delete()  # as items stored before moderation came
    LexiconEntry.objects.create(organization=inbox.alice.organization, word="klovn*", kind="insult")
    entry = do_moderate(inbox.bob, old, "hide")
    assert entry.verdict_before == "suspect"
    assert Verdict.objects.get(item=old).signals[0]["name"] == "insult"
