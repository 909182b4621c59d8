"""The cast every test can call on.

alice owns Bymiljøetaten, bob answers for its Kundesenter team, carol is a plain member;
mallory owns another organization and must never see or touch Bymiljøetaten's data.
"""

import signal
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from torget.accounts.actions.tokens import do_create_token
from torget.orgs.actions.calendars import do_create_calendar
from torget.orgs.actions.organizations import do_create_organization
from torget.orgs.actions.teams import do_create_team
from torget.orgs.models import DutyCalendar, Membership, Role, Team

PASSWORD = "correct horse battery staple"
OFFICE_HOURS = {day: [["08:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}


@dataclass
class Cast:
    alice: Membership
    bob: Membership
    carol: Membership
    mallory: Membership
    team: Team
    calendar: DutyCalendar
    other_team: Team
    other_calendar: DutyCalendar

    def client_for(self, member: Membership) -> Client:
        client = Client()
        client.force_login(member.user)
        return client

    def api_for(self, member: Membership) -> Client:
        _token, secret = do_create_token(member, "tests")
        return Client(headers={"Authorization": f"Bearer {secret}", "Accept-Language": "en"})


def make_user(username: str):
    return get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name=username.title(),
    )


def join(owner: Membership, username: str, role: str, teams=()) -> Membership:
    member = Membership.objects.create(
        organization=owner.organization, user=make_user(username), role=role
    )
    member.teams.set(teams)
    return member


@pytest.fixture
def cast(db) -> Cast:
    alice = do_create_organization("Bymiljøetaten", make_user("alice"))
    calendar = do_create_calendar(alice, {"name": "Kontortid", "weekly": OFFICE_HOURS})
    team = do_create_team(alice, "Kundesenter", "Direktemeldinger", calendar)
    mallory = do_create_organization("Naboetaten", make_user("mallory"))
    other_calendar = do_create_calendar(mallory, {"name": "Hemmelig vakt", "weekly": OFFICE_HOURS})
    other_team = do_create_team(mallory, "Hemmelig team", "", other_calendar)
    return Cast(
        alice=alice,
        bob=join(alice, "bob", Role.RESPONDER, [team]),
        carol=join(alice, "carol", Role.MEMBER),
        mallory=mallory,
        team=team,
        calendar=calendar,
        other_team=other_team,
        other_calendar=other_calendar,
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached counts belong to one test's organizations, whose ids the next test may reuse."""
    from django.core.cache import caches

    for alias in ("default", "shared"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def servers_on_this_machine(settings):
    """The tests' mail servers run on 127.0.0.1 and the platforms' names do not resolve here;
    channels/tests/test_servers.py turns the guard back on to test it."""
    settings.ALLOW_PRIVATE_SERVERS = True


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def count_queries(client: Client, url: str) -> int:
    """Queries one page load makes; compare before and after adding rows to catch N+1 loops."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


pytest_plugins = ["torget.browser_fixtures"]


@pytest.fixture
def restore_signal_handlers():
    """`torget worker` takes over Ctrl+C and friends for a graceful stop; tests that run it
    give them back to pytest."""
    names = [name for name in ("SIGINT", "SIGTERM", "SIGQUIT") if hasattr(signal, name)]
    saved = {name: signal.getsignal(getattr(signal, name)) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(getattr(signal, name), handler)
