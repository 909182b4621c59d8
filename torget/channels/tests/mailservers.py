"""Real mail servers for the e-mail channel's tests, on 127.0.0.1 at free ports.

Dovecot (IMAP) runs from a configuration written here, as this test process's user: its
login processes must not run as root, so under root (as on CI) they run as the package's own
users and the mail as nobody. Each test gets a mailbox user of its own. aiosmtpd (SMTP) runs in
a thread: one server keeps what it is sent, two others answer every message 451 or 550.
"""

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from email.utils import format_datetime
from itertools import count
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from imapclient import IMAPClient

from torget.channels.models import Channel

HOST = "127.0.0.1"
PASSWORD = "hest-og-kjerre-42"
INSTALL = "apt-get install -y dovecot-imapd"
mailbox_numbers = count(1)


def mail(
    message_id: str = "<m1@fjord.example>",
    subject: str = "Søppel ikke hentet",
    text: str = "Bossbilen kom ikke i Tøyengata i dag.",
    sender: str = "Kari Nordmann <kari@fjord.example>",
    html: bool = False,
    attachment: tuple[str, bytes] | None = None,
    **headers: str,
) -> bytes:
    """A message as a mail program sends it, `text` as HTML if asked; an attachment is a PDF
    (name, content); headers named in_reply_to become In-Reply-To."""
    message = EmailMessage()
    message["From"], message["To"] = sender, "post@bym.example"
    message["Subject"], message["Message-ID"] = subject, message_id
    message["Date"] = format_datetime(datetime.now(UTC))
    for name, value in headers.items():
        message[name.replace("_", "-").title()] = value
    message.set_content(text, subtype="html" if html else "plain")
    if attachment is not None:
        name, content = attachment
        message.add_attachment(content, "application", "pdf", filename=name)
    return message.as_bytes(policy=default_policy.clone(linesep="\r\n"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def servers_of(account: "Mailbox", server: "SMTPServer") -> dict:
    """The mailbox's servers as a mail program's account settings name them."""
    return {
        "imap_host": HOST,
        "imap_port": account.server.port,
        "imap_security": "none",
        "mailbox": "INBOX",
        "smtp_host": HOST,
        "smtp_port": server.port,
        "smtp_security": "none",
    }


def connect(organization, account: "Mailbox", server: "SMTPServer", **settings) -> Channel:
    """The organization's e-mail channel on the test servers, as the channels page makes it."""
    channel = Channel(
        organization=organization,
        key="epost",
        platform="email",
        name="Postmottak",
        settings={"address": account.user} | servers_of(account, server) | settings,
    )
    channel.set_secrets({"username": account.user, "password": PASSWORD})
    channel.save()
    return channel


# Dovecot (IMAP)


@dataclass
class Dovecot:
    port: int
    users: Path

    def add_user(self, name: str, password: str = PASSWORD) -> None:
        # A file per user: Dovecot looks at a changed file again only once a second.
        (self.users / name).write_text(f"{name}:{{PLAIN}}{password}\n")

    def client(self, user: str, password: str = PASSWORD) -> IMAPClient:
        client = IMAPClient(HOST, port=self.port, ssl=False, timeout=10)
        client.login(user, password)
        return client


@dataclass
class Mailbox:
    """One mailbox user on the test Dovecot, to put mail in and look at it as a person would."""

    server: Dovecot
    user: str

    def deliver(self, raw: bytes, folder: str = "INBOX", arrived: datetime | None = None) -> None:
        with self.session() as client:
            client.append(folder, raw, msg_time=arrived or datetime.now(UTC))

    @contextmanager
    def session(self) -> Iterator[IMAPClient]:
        client = self.server.client(self.user)
        try:
            yield client
        finally:
            client.logout()


def dovecot_binary() -> str:
    found = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        pytest.fail(f"Dovecot is needed for the e-mail channel's tests: {INSTALL}")
    return found


def dovecot_version(binary: str) -> tuple[int, int]:
    words = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    major, minor = words.stdout.split()[0].split(".")[:2]
    return int(major), int(minor)


def run_as() -> dict[str, str | int]:
    """Who runs what. Under root the login processes take the package's unprivileged users and
    the mail nobody (Dovecot refuses mail as UID 0); otherwise everything is this user."""
    if os.getuid() == 0:
        nobody = pwd.getpwnam("nobody")
        return {
            "internal_user": "dovecot",
            "internal_group": "dovecot",
            "login_user": "dovenull",
            "mail_uid": nobody.pw_uid,
            "mail_gid": nobody.pw_gid,
        }
    me = pwd.getpwuid(os.getuid())
    return {
        "internal_user": me.pw_name,
        "internal_group": grp.getgrgid(os.getgid()).gr_name,
        "login_user": me.pw_name,
        "mail_uid": me.pw_uid,
        "mail_gid": os.getgid(),
    }


def dovecot_config(root: Path, port: int, version: tuple[int, int]) -> str:
    who = run_as()
    # Without root no process can chroot; with root the login processes do, as usual.
    no_chroot = "" if os.getuid() == 0 else "  chroot =\n"
    common = f"""base_dir = {root}/run
state_dir = {root}/state
instance_name = torget-test-{port}
listen = {HOST}
protocols = imap
ssl = no
auth_failure_delay = 0
log_path = {root}/dovecot.log
default_internal_user = {who["internal_user"]}
default_internal_group = {who["internal_group"]}
default_login_user = {who["login_user"]}
first_valid_uid = 1
namespace inbox {{
  inbox = yes
}}
service imap-login {{
{no_chroot}  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
{no_chroot}}}
"""
    if version >= (2, 4):
        return f"""dovecot_config_version = 2.4.0
dovecot_storage_version = 2.4.0
{common}auth_allow_cleartext = yes
mail_driver = maildir
mail_path = {root}/mail/%{{user}}
mail_home = {root}/mail/%{{user}}
passdb passwd-file {{
  passwd_file_path = {root}/users/%{{user}}
}}
userdb static {{
  fields {{
    uid = {who["mail_uid"]}
    gid = {who["mail_gid"]}
  }}
}}
"""
    return f"""{common}disable_plaintext_auth = no
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = {root}/users/%u
}}
userdb {{
  driver = static
  args = uid={who["mail_uid"]} gid={who["mail_gid"]} home={root}/mail/%u
}}
"""


def prepare(root: Path) -> None:
    for name in ("run", "state", "mail", "users"):
        (root / name).mkdir()
    if os.getuid() == 0:  # the mail processes, as nobody, must reach and write the mail
        root.chmod(0o711)
        who = run_as()
        os.chown(root / "mail", int(who["mail_uid"]), int(who["mail_gid"]))


def wait_for(process: subprocess.Popen, port: int, root: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.05)
    process.kill()
    # Dovecot says what it cannot read in its configuration on stderr, the rest in its log.
    logs = [root / "output.log", root / "dovecot.log"]
    said = "\n".join(log.read_text(errors="replace") for log in logs if log.exists())
    pytest.fail(f"Dovecot did not start on port {port}:\n{said}")


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    binary = dovecot_binary()
    # Not under pytest's own temporary folder: under root that is closed to the mail user.
    root = Path(tempfile.mkdtemp(prefix="torget-dovecot-"))
    port = free_port()
    prepare(root)
    (root / "dovecot.conf").write_text(dovecot_config(root, port, dovecot_version(binary)))
    with (root / "output.log").open("w") as output:
        process = subprocess.Popen(
            [binary, "-F", "-c", str(root / "dovecot.conf")], stdout=output, stderr=output
        )
    try:
        wait_for(process, port, root)
        yield Dovecot(port=port, users=root / "users")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


def new_mailbox(server: Dovecot, name: str = "post") -> Mailbox:
    user = f"{name}{next(mailbox_numbers)}@bym.example"
    server.add_user(user)
    return Mailbox(server, user)


@pytest.fixture
def mailbox(dovecot) -> Mailbox:
    return new_mailbox(dovecot)


# aiosmtpd (SMTP)


@dataclass
class Received:
    sender: str
    recipients: list[str]
    login: str
    message: EmailMessage


@dataclass
class Keeping:
    """Keeps every message it is sent."""

    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        message = BytesParser(policy=default_policy).parsebytes(envelope.content)
        login = session.auth_data.login.decode() if session.authenticated else ""
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), login, message))
        return "250 2.0.0 Kept"


@dataclass
class Answering:
    """Answers every message the same way: `when` is RCPT or DATA."""

    answer: str
    when: str = "DATA"
    asked: int = 0

    async def handle_RCPT(self, server, session, envelope, address, options) -> str:
        if self.when == "RCPT":
            self.asked += 1
            return self.answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.asked += 1
        return self.answer


@dataclass
class Vanishing(Keeping):
    """Takes the message, then drops the line before saying so, as a server that dies does."""

    async def handle_DATA(self, server, session, envelope) -> str:
        await super().handle_DATA(server, session, envelope)
        server.transport.close()
        return "250 2.0.0 Kept"


def check_login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    """As a mail provider does: the mailbox's own user name and password send its mail, except
    for accounts named reader…, which may read but not send."""
    right = auth_data.password == PASSWORD.encode() and not auth_data.login.startswith(b"reader")
    return AuthResult(success=right, handled=False, auth_data=auth_data)


@dataclass
class SMTPServer:
    port: int
    handler: Keeping | Answering | Vanishing

    @property
    def received(self) -> list[Received]:
        assert isinstance(self.handler, Keeping)
        return self.handler.received


def running(handler: Keeping | Answering) -> Iterator[SMTPServer]:
    controller = Controller(
        handler,
        hostname=HOST,
        port=free_port(),
        authenticator=check_login,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield SMTPServer(controller.port, handler)
    finally:
        controller.stop()


@pytest.fixture
def smtp() -> Iterator[SMTPServer]:
    yield from running(Keeping())


@pytest.fixture
def smtp_busy() -> Iterator[SMTPServer]:
    yield from running(Answering("451 4.3.0 Mailbox busy, try again later"))


@pytest.fixture
def smtp_vanishing() -> Iterator[SMTPServer]:
    yield from running(Vanishing())


@pytest.fixture
def smtp_refusing() -> Iterator[SMTPServer]:
    yield from running(Answering("550 5.1.1 No such user here", when="RCPT"))
