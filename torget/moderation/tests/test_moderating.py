"""A moderator's actions: what Torget shows changes at once, the platform is asked where it
allows it and the entry explains where it does not, writers can be restricted or banned, a
threat reaches the team lead, and every step is on record."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from torget.channels.models import Channel, Outbound
from torget.inbox.models import Alert, Status
from torget.inbox.tests.conftest import body, receive
from torget.moderation.actions.moderating import do_moderate, do_moderate_many
from torget.moderation.models import AuditEntry, ImmutableAuditError, Standing, Verdict
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
    do_moderate(inbox.bob, held, "approve")
    verdict = Verdict.objects.get(item=held)
    assert verdict.state == "approved" and verdict.abuse_label is False


def test_a_banned_writer_is_blocked_and_what_they_send_next_is_hidden(inbox):
    connect(inbox, "facebook", "facebook")
    (first,) = receive(inbox, body("c1", text="Dere er noen jævla idioter"))
    entry = do_moderate(inbox.alice, first, "ban", reason="gjentatte skjellsord")
    assert Standing.objects.get(contact=first.author).kind == "banned"
    assert Outbound.objects.get(audit_entry=entry).action == "block"
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
