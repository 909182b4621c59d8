"""Replying by e-mail through a real SMTP server (aiosmtpd), to mail read from a real IMAP
server (Dovecot): one message to the writer, threaded under theirs, with a Message-ID made from
the reply's idempotency key; 4xx waits and tries again, 5xx fails with the server's words."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from torget.channels.actions.outbox import do_deliver
from torget.channels.actions.polling import do_poll
from torget.channels.connectors.base import RefusedError
from torget.channels.connectors.email import connector
from torget.channels.models import Outbound
from torget.channels.tests import mailservers
from torget.channels.tests.mailservers import connect, mail
from torget.inbox.actions.items import do_reply_item
from torget.inbox.models import Item, Reply

pytestmark = pytest.mark.django_db
dovecot, mailbox, smtp = mailservers.dovecot, mailservers.mailbox, mailservers.smtp
smtp_busy, smtp_refusing = mailservers.smtp_busy, mailservers.smtp_refusing
smtp_vanishing = mailservers.smtp_vanishing

ORIGINAL = mail(
    "<m2@fjord.example>",
    subject="Søppel ikke hentet",
    in_reply_to="<m1@bym.example>",
    references="<root@fjord.example> <m1@bym.example>",
)


def received(channel, mailbox, raw: bytes = ORIGINAL) -> Item:
    """The mail as the inbox has it, fetched from the mailbox."""
    mailbox.deliver(raw)
    do_poll(channel)
    return Item.objects.get(
        channel=channel.key, external_id=connector.parse_raw(raw)[0].external_id
    )


def test_it_sends_one_message_to_the_writer_threaded_under_theirs(cast, mailbox, smtp):
    channel = connect(cast.alice.organization, mailbox, smtp)
    sent = connector.reply(channel, received(channel, mailbox), "Bilen kommer i morgen.", "k1")
    domain = mailbox.user.split("@")[1]
    assert sent.external_id == f"k1@{domain}"
    [got] = smtp.received
    assert (got.sender, got.recipients, got.login) == (
        mailbox.user,
        ["kari@fjord.example"],
        mailbox.user,
    )
    message = got.message
    assert message["To"] == "Kari Nordmann <kari@fjord.example>"
    assert message["Subject"] == "Re: Søppel ikke hentet"
    assert message["Message-ID"] == f"<k1@{domain}>"
    assert message["In-Reply-To"] == "<m2@fjord.example>"
    assert message["References"] == "<root@fjord.example> <m1@bym.example> <m2@fjord.example>"
    assert message.get_content().strip() == "Bilen kommer i morgen."


def test_every_attempt_with_the_same_key_carries_the_same_message_id(cast, mailbox, smtp):
    channel = connect(cast.alice.organization, mailbox, smtp)
    item = received(channel, mailbox)
    connector.reply(channel, item, "Svar", "same-key")
    connector.reply(channel, item, "Svar", "same-key")
    connector.reply(channel, item, "Svar", "other-key")
    ids = [got.message["Message-ID"] for got in smtp.received]
    assert ids[0] == ids[1] != ids[2]


def test_a_subject_already_answered_is_not_prefixed_again(cast, mailbox, smtp):
    channel = connect(cast.alice.organization, mailbox, smtp)
    item = received(channel, mailbox, mail("<m3@fjord.example>", subject="RE: Parkering"))
    connector.reply(channel, item, "Svar", "k3")
    assert smtp.received[0].message["Subject"] == "RE: Parkering"


def test_a_mail_gone_from_the_mailbox_is_answered_from_what_the_inbox_kept(cast, mailbox, smtp):
    channel = connect(cast.alice.organization, mailbox, smtp)
    item = received(channel, mailbox)
    with mailbox.session() as client:  # someone filed it away in their mail program
        client.select_folder("INBOX")
        client.delete_messages(client.search(["ALL"]))
        client.expunge()
    connector.reply(channel, item, "Svar", "k4")
    message = smtp.received[0].message
    assert message["Subject"] == "Re: Søppel ikke hentet"
    assert message["In-Reply-To"] == "<m2@fjord.example>"
    assert message["References"] == "<m1@bym.example> <m2@fjord.example>"


def test_a_busy_server_is_tried_again_with_the_same_message_id(cast, mailbox, smtp_busy, smtp):
    channel = connect(cast.alice.organization, mailbox, smtp_busy)
    reply = do_reply_item(cast.bob, received(channel, mailbox), "Bossbilen kommer tirsdag.")
    first = do_deliver(reply.outbound.pk)
    assert first.state == Outbound.State.RETRYING and "451" in first.last_error
    assert smtp_busy.handler.asked == 1
    channel.settings["smtp_port"] = smtp.port  # the server is back
    channel.save()
    second = do_deliver(reply.outbound.pk, first.next_attempt_at)
    assert second.state == Outbound.State.SENT
    [got] = smtp.received
    expected = f"<{reply.outbound.idempotency_key}@bym.example>"
    assert got.message["Message-ID"] == expected and second.external_id == expected.strip("<>")


def test_a_line_lost_after_the_message_went_over_is_not_sent_again_blind(
    cast, mailbox, smtp_vanishing
):
    channel = connect(cast.alice.organization, mailbox, smtp_vanishing)
    reply = do_reply_item(cast.bob, received(channel, mailbox), "Bossbilen kommer tirsdag.")
    outbound = do_deliver(reply.outbound.pk)
    assert outbound.state == Outbound.State.FAILED and "Sent folder" in outbound.last_error
    assert len(smtp_vanishing.received) == 1  # it did go out: a retry would have doubled it


def test_a_refused_recipient_fails_with_the_servers_words(cast, mailbox, smtp_refusing):
    channel = connect(cast.alice.organization, mailbox, smtp_refusing)
    reply = do_reply_item(cast.bob, received(channel, mailbox), "Svar")
    outbound = do_deliver(reply.outbound.pk)
    assert outbound.state == Outbound.State.FAILED
    assert "550" in outbound.last_error and "No such user" in outbound.last_error
    reply.refresh_from_db()
    assert reply.state == Reply.State.FAILED


def test_an_account_that_may_not_send_is_refused(cast, dovecot, smtp):
    reader = mailservers.new_mailbox(dovecot, "reader")
    channel = connect(cast.alice.organization, reader, smtp)
    item = received(channel, reader)
    with pytest.raises(RefusedError, match="refused the user name or password"):
        connector.reply(channel, item, "Svar", "k5")
    assert smtp.received == []


def test_a_reply_whose_sender_stopped_midway_waits_for_a_person(cast, mailbox, smtp):
    channel = connect(cast.alice.organization, mailbox, smtp)
    reply = do_reply_item(cast.bob, received(channel, mailbox), "Svar")
    lapsed = timezone.now() - timedelta(seconds=1)
    Outbound.objects.filter(pk=reply.outbound.pk).update(
        state=Outbound.State.SENDING, claimed_until=lapsed
    )
    outbound = do_deliver(reply.outbound.pk)
    assert outbound.state == Outbound.State.FAILED and "check" in outbound.last_error
    assert smtp.received == []  # whether it went out cannot be asked: it is not sent again


@pytest.mark.usefixtures("transactional_db", "restore_signal_handlers")
def test_an_answer_written_in_the_inbox_reaches_the_writer(cast, mailbox, smtp):
    channel = connect(cast.alice.organization, mailbox, smtp)
    item = received(channel, mailbox)
    page = cast.client_for(cast.bob).post(
        f"/inbox/{item.pk}/reply/", {"text": "Hei Kari! Bossbilen kommer tirsdag."}
    )
    assert page.status_code == 302
    call_command("worker", "--batch", "--no-startup-delay")
    [got] = smtp.received
    assert got.recipients == ["kari@fjord.example"]
    assert got.message["In-Reply-To"] == "<m2@fjord.example>"
    assert got.message.get_content().strip() == "Hei Kari! Bossbilen kommer tirsdag."
    reply = Reply.objects.get(item=item)
    assert reply.state == Reply.State.SENT
    assert reply.outbound.external_id == got.message["Message-ID"].strip("<>")
