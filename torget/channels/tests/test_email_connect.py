"""Connecting an e-mail address on its page: both servers are logged in to first (a real
Dovecot and a real aiosmtpd), the password is sealed and never shown again, and only admins may."""

import pytest

from torget.channels.models import Channel
from torget.channels.tests import mailservers
from torget.channels.tests.mailservers import HOST, PASSWORD, servers_of

pytestmark = pytest.mark.django_db
dovecot, mailbox, smtp = mailservers.dovecot, mailservers.mailbox, mailservers.smtp
URL = "/channels/email/"


def fields(account, server, **changes) -> dict:
    return (
        {
            "name": "Postmottak",
            "key": "epost",
            "address": account.user,
            "username": "",
            "password": PASSWORD,
        }
        | servers_of(account, server)
        | changes
    )


def connect(cast, member=None, **form):
    client = cast.client_for(member or cast.alice)
    return client.post(URL, form, headers={"Accept-Language": "en"})


def test_an_admin_connects_an_address_and_its_password_is_sealed(cast, mailbox, smtp):
    answer = connect(cast, **fields(mailbox, smtp))
    assert answer.status_code == 302 and answer.url == "/channels/"
    channel = Channel.objects.get()
    assert (channel.platform, channel.key, channel.name) == ("email", "epost", "Postmottak")
    assert channel.settings == {
        "address": mailbox.user,
        "imap_host": HOST,
        "imap_port": mailbox.server.port,
        "imap_security": "none",
        "mailbox": "INBOX",
        "smtp_host": HOST,
        "smtp_port": smtp.port,
        "smtp_security": "none",
    }
    assert channel.secrets() == {"username": mailbox.user, "password": PASSWORD}
    assert PASSWORD not in channel.sealed_secrets
    page = cast.client_for(cast.alice).get("/channels/", headers={"Accept-Language": "en"})
    text = page.content.decode()
    assert mailbox.user in text and "stored encrypted" in text and PASSWORD not in text
    assert f"/hooks/{channel.hook_token}/" not in text  # mail does not come by webhook


def test_the_page_offers_what_a_mail_program_asks_for(cast):
    page = cast.client_for(cast.alice).get(URL, headers={"Accept-Language": "en"})
    text = page.content.decode()
    assert page.status_code == 200
    for label in ("Incoming mail server (IMAP)", "Outgoing mail server (SMTP)", "STARTTLS"):
        assert label in text
    assert 'value="993"' in text and 'value="465"' in text and 'value="INBOX"' in text
    channels = cast.client_for(cast.alice).get("/channels/").content.decode()
    assert URL in channels


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"password": "feil"}, "refused the user name or password"),
        ({"mailbox": "Finnes-ikke"}, "Finnes-ikke"),
        ({"smtp_port": mailservers.free_port()}, "did not answer"),
        ({"smtp_security": "ssl"}, "could not agree on encryption"),
    ],
)
def test_what_the_servers_refuse_is_said_and_nothing_is_connected(
    cast, mailbox, smtp, change, said
):
    answer = connect(cast, **fields(mailbox, smtp, **change))
    text = answer.content.decode()
    assert answer.status_code == 200 and "could not use the e-mail account" in text
    assert said in text and not Channel.objects.exists()
    assert "feil" not in text and PASSWORD not in text  # the password is not shown back


def test_an_account_that_may_not_send_is_not_connected(cast, dovecot, smtp):
    reader = mailservers.new_mailbox(dovecot, "reader")
    answer = connect(cast, **fields(reader, smtp))
    assert "refused the user name or password" in answer.content.decode()
    assert not Channel.objects.exists()


def test_a_taken_key_and_missing_fields_are_named(cast, mailbox, smtp):
    connect(cast, **fields(mailbox, smtp))
    taken = connect(cast, **fields(mailbox, smtp, name="Andre"))
    assert "already has this key" in taken.content.decode()
    missing = connect(cast, **fields(mailbox, smtp, key="ny", imap_host="", address="ikke"))
    assert missing.status_code == 200 and "Enter a valid email address" in missing.content.decode()
    assert Channel.objects.count() == 1


def test_only_admins_connect_addresses(cast, mailbox, smtp):
    assert cast.client_for(cast.bob).get(URL).status_code == 403
    assert connect(cast, cast.bob, **fields(mailbox, smtp)).status_code == 403
    assert not Channel.objects.exists()
