"""Shared setup for the inbox benches: a throwaway database, migrated, with an inbox in it.

Not a bench itself. Without a database URL the bench gets SQLite in a fresh temporary folder
(TORGET_DATA_DIR); with an admin URL such as postgres://postgres@127.0.0.1:5432/postgres it
creates a database torget_bench_<pid> beside it, points DATABASE_URL at it and drops it at the
end. Everything here must run before anything imports Django models.
"""

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
OFFICE_HOURS = {day: [["08:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
DAY_EVENING_WEEKEND = {
    **{day: [["08:00", "22:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
    "sat": [["10:00", "18:00"]],
    "sun": [["10:00", "18:00"]],
}


def add_database_option(parser) -> None:
    parser.add_argument(
        "--database-url",
        default=None,
        help="admin URL of a PostgreSQL server to create the bench database on "
        "(e.g. postgres://postgres@127.0.0.1:5432/postgres); default: SQLite in a temp folder",
    )


class BenchDatabase:
    """A database that exists for one run. Use as a context manager."""

    def __init__(self, admin_url: str | None):
        self.admin_url = admin_url
        self.data_dir = Path(tempfile.mkdtemp(prefix="torget-bench-"))
        self.name = f"torget_bench_{os.getpid()}" if admin_url else None
        self.url: str | None = None
        self.label = "SQLite"

    def __enter__(self) -> "BenchDatabase":
        os.environ["DJANGO_SETTINGS_MODULE"] = "torget.settings"
        os.environ["TORGET_DATA_DIR"] = str(self.data_dir)
        os.environ.pop("DATABASE_URL", None)
        if self.admin_url:
            self.url = self.create_postgres()
            os.environ["DATABASE_URL"] = self.url
        import django
        from django.core.management import call_command

        django.setup()
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        self.migrate_seconds = time.perf_counter() - started
        self.label = describe_database()
        return self

    def __exit__(self, *exc) -> None:
        try:
            from django.db import connections

            connections.close_all()
        finally:
            if self.admin_url:
                self.drop_postgres()
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def create_postgres(self) -> str:
        import psycopg

        parts = urlsplit(self.admin_url)
        if parts.scheme not in ("postgres", "postgresql"):
            sys.exit(f"--database-url must be a postgres:// URL, not {parts.scheme}://")
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.name}"')
        return urlunsplit(parts._replace(path=f"/{self.name}"))

    def drop_postgres(self) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def server_env(self) -> dict[str, str]:
        """The environment a `torget serve` subprocess needs to use this same database."""
        env = dict(os.environ)
        env["DJANGO_SETTINGS_MODULE"] = "torget.settings"
        env["TORGET_DATA_DIR"] = str(self.data_dir)
        env.pop("DATABASE_URL", None)
        if self.url:
            env["DATABASE_URL"] = self.url
        return env


def describe_database() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


def reset_sequences(*models) -> None:
    """After rows were inserted with explicit ids, let PostgreSQL hand out ids above them."""
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@dataclass
class Inbox:
    """One organization with what an inbox needs: calendars, teams, classes, rules, people."""

    owner: object
    office: object
    answering: object
    teams: dict[str, object]
    classes: list = field(default_factory=list)
    members: list = field(default_factory=list)

    @property
    def organization(self):
        return self.owner.organization


def make_user(username: str, password: str | None = None):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=password,
        first_name=username.title(),
    )


def make_inbox(name: str, owner_username: str) -> Inbox:
    """As the inbox test fixture sets it up, with two more teams and keyword rules."""
    from torget.inbox.actions.classes import do_create_default_classes
    from torget.inbox.models import TriageRule
    from torget.orgs.actions.calendars import do_create_calendar
    from torget.orgs.actions.organizations import do_create_organization
    from torget.orgs.actions.teams import do_create_team

    owner = do_create_organization(name, make_user(owner_username))
    office = do_create_calendar(owner, {"name": "Kontortid", "weekly": OFFICE_HOURS})
    answering = do_create_calendar(
        owner, {"name": "Dag, kveld og helg", "weekly": DAY_EVENING_WEEKEND}
    )
    teams = {
        "Kundesenter": do_create_team(owner, "Kundesenter", "Direktemeldinger", office),
        "Kommunikasjon": do_create_team(owner, "Kommunikasjon", "", answering),
        "Renovasjon": do_create_team(owner, "Renovasjon", "Avfall og gjenvinning", office),
        "Vei og park": do_create_team(owner, "Vei og park", "Brøyting, hull, lys", office),
    }
    classes = do_create_default_classes(owner.organization, answering, office)
    at_once = classes[0]
    rules = [
        ("Direktemeldinger til Kundesenter", {"kinds": ["message", "email"]}, None, "Kundesenter"),
        ("Kommentarer på våre innlegg", {"on_our_post": True}, None, "Kommunikasjon"),
        ("Fare og skade", {"keywords": ["fare", "skade", "akutt", "danger"]}, at_once, None),
        (
            "Avfall",
            {"keywords": ["søppel", "bossbil", "avfall", "gjenvinning", "garbage"]},
            None,
            "Renovasjon",
        ),
        ("Veg og brøyting", {"keywords": ["brøyt", "hull", "pothole"]}, None, "Vei og park"),
    ]
    for position, (rule_name, conditions, response_class, team) in enumerate(rules, start=1):
        TriageRule.objects.create(
            organization=owner.organization,
            name=rule_name,
            position=position,
            conditions=conditions,
            response_class=response_class,
            team=teams[team] if team else None,
            labels=[rule_name.split()[0].casefold()],
        )
    return Inbox(owner, office, answering, teams, classes, [owner])


def add_member(inbox: Inbox, username: str, role: str, teams=(), password: str | None = None):
    from torget.orgs.models import Membership

    member = Membership.objects.create(
        organization=inbox.organization, user=make_user(username, password), role=role
    )
    member.teams.set(teams)
    inbox.members.append(member)
    return member


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]
