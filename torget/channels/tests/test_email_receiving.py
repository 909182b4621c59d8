"""Receiving e-mail by polling a real IMAP server (Dovecot): what arrives in the mailbox arrives
in the inbox once, threaded, and stays unread for the people who read the mailbox too."""

import imaplib
from datetime import UTC, datetime, timedelta

import pytest
from imapclient.exceptions import LoginError

from torget.channels.actions import polling
from torget.channels.actions.polling import do_poll
from torget.channels.connectors.base import RefusedError, RetryLaterError
from torget.channels.connectors.email import connector
from torget.channels.mail.imap import imap_trouble
from torget.channels.models import WebhookDelivery
from torget.channels.tests import mailservers
from torget.channels.tests.mailservers import PASSWORD, connect, free_port, mail
from torget.inbox.ingest import MAX_TEXT
from torget.inbox.models import Item

pytestmark = pytest.mark.django_db
dovecot, mailbox, smtp = mailservers.dovecot, mailservers.mailbox, mailservers.smtp


@pytest.fixture
def channel(cast, mailbox, smtp):
    return connect(cast.alice.organization, mailbox, smtp)


def items(channel) -> list[Item]:
    return list(Item.objects.filter(channel=channel.key).order_by("pk"))


def kept(channel) -> int:
    return WebhookDelivery.objects.filter(channel=channel).count()


def test_it_receives_a_mail_from_the_mailbox_as_an_item(channel, mailbox):
    mailbox.deliver(mail(text="Bossbilen kom ikke.\n\nHilsen Kari"))
    assert do_poll(channel) == 1
    [item] = items(channel)
    assert (item.kind, item.external_id) == ("email", "m1@fjord.example")
    assert (item.author.handle, item.author.name) == ("kari@fjord.example", "Kari Nordmann")
    assert item.text == "Søppel ikke hentet\n\nBossbilen kom ikke.\n\nHilsen Kari"
    with mailbox.session() as client:
        validity = client.select_folder("INBOX")[b"UIDVALIDITY"]
    channel.refresh_from_db()
    assert channel.cursor == f"{validity}:1" and channel.polled_at and not channel.trouble


def test_a_reply_in_the_thread_joins_its_conversation(channel, mailbox):
    mailbox.deliver(mail("<m1@fjord.example>"))
    do_poll(channel)
    # Written by someone else, so only the headers can tie it to the first.
    mailbox.deliver(
        mail(
            "<m2@fjord.example>",
            subject="Re: Søppel ikke hentet",
            sender="Ola <ola@fjord.example>",
            in_reply_to="<m1@fjord.example>",
            references="<m1@fjord.example>",
        )
    )
    do_poll(channel)
    first, reply = items(channel)
    assert reply.parent == first and reply.conversation == first.conversation
    assert reply.author.handle == "ola@fjord.example"


def test_html_only_mail_is_reduced_to_safe_text(channel, mailbox):
    page = "<p>Hei,<br>se <b>her</b></p><script>alert(1)</script>"
    mailbox.deliver(mail(text=page, html=True))
    do_poll(channel)
    [item] = items(channel)
    assert item.text == "Søppel ikke hentet\n\nHei,\nse her"
    assert "<script" not in item.html and "alert" not in item.html


def test_attachments_are_listed(channel, mailbox):
    mailbox.deliver(mail(text="Se vedlagt.", attachment=("vedtak.pdf", b"%PDF-1.4\n")))
    do_poll(channel)
    [item] = items(channel)
    assert item.media == ["vedtak.pdf (application/pdf, 9 B)"]
    assert item.text == "Søppel ikke hentet\n\nSe vedlagt."


def test_a_very_long_mail_is_cut_to_what_an_item_holds(channel, mailbox):
    mailbox.deliver(mail(text="Hei.\n\n" + "> sitert tidligere svar\n" * 2000))
    do_poll(channel)
    [item] = items(channel)
    assert len(item.text) == MAX_TEXT and item.text.endswith("\n[…]")
    assert item.text.startswith("Søppel ikke hentet\n\nHei.")


def test_polling_again_fetches_only_what_is_new(channel, mailbox):
    mailbox.deliver(mail("<m1@fjord.example>"))
    assert do_poll(channel) == 1
    assert do_poll(channel) == 0
    assert kept(channel) == 1  # the second poll fetched nothing
    mailbox.deliver(mail("<m2@fjord.example>", subject="Ny sak"))
    assert do_poll(channel) == 1
    assert [i.external_id for i in items(channel)] == ["m1@fjord.example", "m2@fjord.example"]
    assert kept(channel) == 2
    channel.refresh_from_db()
    assert channel.cursor.endswith(":2")


def test_a_full_mailbox_is_fetched_fifty_at_a_time(channel, mailbox):
    with mailbox.session() as client:
        for number in range(51):
            client.append("INBOX", mail(f"<n{number}@fjord.example>", subject=f"Sak {number}"))
    first = connector.fetch(channel, "")
    assert (len(first.bodies), first.more) == (50, True)
    second = connector.fetch(channel, first.cursor)
    assert (len(second.bodies), second.more) == (1, False)
    assert do_poll(channel) == 51 and len(items(channel)) == 51


def test_mail_older_than_a_week_is_left_out_of_the_first_poll(channel, mailbox):
    long_ago = datetime.now(UTC) - timedelta(days=10)
    mailbox.deliver(mail("<old@fjord.example>", subject="Gammel"), arrived=long_ago)
    mailbox.deliver(mail("<new@fjord.example>", subject="Ny"))
    assert do_poll(channel) == 1
    mailbox.deliver(mail("<newer@fjord.example>", subject="Nyere"))
    do_poll(channel)
    assert [i.external_id for i in items(channel)] == ["new@fjord.example", "newer@fjord.example"]


def test_a_mailbox_with_no_recent_mail_starts_after_its_newest(channel, mailbox):
    mailbox.deliver(mail("<old@fjord.example>"), arrived=datetime.now(UTC) - timedelta(days=30))
    assert do_poll(channel) == 0
    channel.refresh_from_db()
    assert channel.cursor.endswith(":1")
    mailbox.deliver(mail("<new@fjord.example>"))
    assert do_poll(channel) == 1


def test_fetched_mail_stays_unread(channel, mailbox):
    mailbox.deliver(mail())
    do_poll(channel)
    with mailbox.session() as client:
        client.select_folder("INBOX", readonly=True)
        flags = client.get_flags(client.search(["ALL"]))
    assert [b"\\Seen" in f for f in flags.values()] == [False]


def test_a_renumbered_mailbox_is_read_again_without_doubles_or_gaps(cast, mailbox, smtp):
    channel = connect(cast.alice.organization, mailbox, smtp, mailbox="Saker")
    with mailbox.session() as client:
        client.create_folder("Saker")
    mailbox.deliver(mail("<m1@fjord.example>"), folder="Saker")
    do_poll(channel)
    channel.refresh_from_db()
    before = channel.cursor
    with mailbox.session() as client:  # a mailbox restored from backup: new UIDs
        client.delete_folder("Saker")
        client.create_folder("Saker")
    mailbox.deliver(mail("<m1@fjord.example>"), folder="Saker")
    mailbox.deliver(mail("<m2@fjord.example>", subject="Ny sak"), folder="Saker")
    do_poll(channel)
    channel.refresh_from_db()
    assert channel.cursor.split(":")[0] != before.split(":")[0]
    assert [i.external_id for i in items(channel)] == ["m1@fjord.example", "m2@fjord.example"]
    assert kept(channel) == 3  # m1 was fetched again, and is still one item


def test_a_crash_between_fetching_and_keeping_loses_nothing(channel, mailbox, monkeypatch):
    mailbox.deliver(mail())
    keep, calls = polling.keep, []

    def crashing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the worker was stopped")
        return keep(*args, **kwargs)

    monkeypatch.setattr(polling, "keep", crashing_once)
    with pytest.raises(RuntimeError):
        do_poll(channel)
    channel.refresh_from_db()
    assert channel.cursor == "" and kept(channel) == 0
    assert do_poll(channel) == 1 and len(items(channel)) == 1


def test_a_wrong_password_is_shown_on_the_channel_and_nothing_is_lost(channel, mailbox):
    mailbox.deliver(mail())
    channel.set_secrets({"username": mailbox.user, "password": "feil"})
    channel.save()
    assert do_poll(channel) == 0
    channel.refresh_from_db()
    assert "refused the user name or password" in channel.trouble
    assert channel.cursor == "" and channel.rate_limited_until
    channel.set_secrets({"username": mailbox.user, "password": PASSWORD})
    channel.rate_limited_until = None
    channel.save()
    assert do_poll(channel) == 1
    channel.refresh_from_db()
    assert channel.trouble == ""


def test_a_server_that_does_not_answer_is_asked_again_later(channel, mailbox):
    channel.settings["imap_port"] = free_port()  # nothing listens there
    channel.save()
    assert do_poll(channel) == 0
    channel.refresh_from_db()
    assert "did not answer" in channel.trouble
    wait = channel.rate_limited_until - channel.trouble_at
    assert timedelta(seconds=55) < wait <= timedelta(seconds=61)  # one poll interval


def test_a_missing_folder_is_refused_with_its_name(cast, mailbox, smtp):
    channel = connect(cast.alice.organization, mailbox, smtp, mailbox="Finnes-ikke")
    do_poll(channel)
    channel.refresh_from_db()
    assert "refused" in channel.trouble and "Finnes-ikke" in channel.trouble


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (LoginError("b'[AUTHENTICATIONFAILED] Authentication failed.'"), RefusedError, "password"),
        (LoginError("b'[UNAVAILABLE] Temporary authentication failure.'"), RetryLaterError, ""),
        (imaplib.IMAP4.error("b'[INUSE] Mailbox is locked.'"), RetryLaterError, "INUSE"),
        (imaplib.IMAP4.abort("socket error: EOF"), RetryLaterError, "did not answer"),
        (TimeoutError("timed out"), RetryLaterError, "did not answer"),
        (imaplib.IMAP4.error("select failed: Mailbox doesn't exist"), RefusedError, "exist"),
    ],
)
def test_what_the_imap_server_says_is_waited_out_or_refused(error, kind, words):
    trouble = imap_trouble(error, "imap.bym.example:993")
    assert type(trouble) is kind and words in str(trouble)
    assert "b'" not in str(trouble)


def test_large_mail_is_fetched_a_few_at_a_time_and_cut_to_its_text(channel, mailbox, monkeypatch):
    from torget.channels.connectors import email
    from torget.channels.mail import imap

    monkeypatch.setattr(imap, "LARGEST", 40_000)
    monkeypatch.setattr(imap, "PAGE_BYTES", 70_000)
    fetches = []

    def counted(client, uids):
        bodies = imap.bodies_of(client, uids)
        fetches.append([len(body) for body in bodies])
        return bodies

    monkeypatch.setattr(email, "bodies_of", counted)
    big = ("vedlegg.bin", b"\\0" * 100_000)
    for number in range(1, 4):
        mailbox.deliver(mail(f"<big{number}@fjord.example>", text=f"Brev {number}", attachment=big))
    assert do_poll(channel) == 3
    # One poll, three fetches of at most 70 kB: one message each, cut at 40 kB.
    assert [len(sizes) for sizes in fetches] == [1, 1, 1]
    assert all(size <= 40_000 for sizes in fetches for size in sizes)
    texts = [item.text for item in items(channel)]
    assert texts == [f"Søppel ikke hentet\n\nBrev {n}" for n in (1, 2, 3)]
