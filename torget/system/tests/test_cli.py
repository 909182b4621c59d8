import subprocess
import sys
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from torget.orgs.models import Membership, Role


def test_it_runs_management_commands_under_one_name():
    result = subprocess.run(
        [sys.executable, "-m", "torget.cli", "help"], capture_output=True, text=True, check=True
    )
    for command in ("demo", "serve", "worker", "createorg", "token"):
        assert command in result.stdout


def test_it_creates_an_organization_and_a_new_owner(db):
    output = StringIO()
    call_command("createorg", "Renovasjonsetaten", "--owner", "siri", stdout=output)
    membership = Membership.objects.get(user__username="siri")
    assert membership.role == Role.OWNER
    assert membership.organization.slug == "renovasjonsetaten"
    password = output.getvalue().split("password: ")[1].split()[0]
    assert authenticate(username="siri", password=password) is not None


def test_it_gives_a_second_organization_with_the_same_name_its_own_slug(cast):
    call_command("createorg", "Bymiljøetaten", "--owner", "alice", stdout=StringIO())
    slugs = sorted(
        Membership.objects.filter(user__username="alice").values_list(
            "organization__slug", flat=True
        )
    )
    assert slugs == ["bymiljoetaten", "bymiljoetaten-2"]


def test_it_refuses_an_empty_name(db):
    with pytest.raises(CommandError, match="name"):
        call_command("createorg", "  ", "--owner", "siri", stdout=StringIO())
