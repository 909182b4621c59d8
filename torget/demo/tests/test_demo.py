from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.contrib.auth import authenticate
from django.core.management import call_command

from torget.demo.data import DEMO_SLUG, load_demo
from torget.orgs.calendars import schedule_of
from torget.orgs.duty import is_open
from torget.orgs.models import Membership, Organization, Role, Team

OSLO = ZoneInfo("Europe/Oslo")


def test_it_builds_the_agency_with_two_teams_and_every_role(db):
    assert load_demo() is True
    organization = Organization.objects.get(slug=DEMO_SLUG)
    teams = Team.objects.filter(organization=organization)
    assert sorted(team.name for team in teams) == ["Kommunikasjon", "Kundesenter"]
    roles = set(Membership.objects.filter(organization=organization).values_list("role", flat=True))
    assert roles == set(Role.values)


def test_it_lets_only_the_demo_owner_log_in(db):
    load_demo()
    assert authenticate(username="demo", password="demo") is not None
    assert authenticate(username="kari", password="demo") is None


def test_it_staffs_communications_in_the_evening_and_closes_the_customer_centre(db):
    load_demo()
    teams = {
        team.name: schedule_of(team.calendar)
        for team in Team.objects.filter(organization__slug=DEMO_SLUG)
    }
    friday_evening = datetime(2026, 11, 20, 20, 0, tzinfo=OSLO)
    assert is_open(teams["Kommunikasjon"], friday_evening)
    assert not is_open(teams["Kundesenter"], friday_evening)


def test_it_loads_only_once(db):
    call_command("demo", "--no-serve", stdout=StringIO())
    output = StringIO()
    call_command("demo", "--no-serve", stdout=output)
    assert "already there" in output.getvalue()
    assert Organization.objects.filter(slug=DEMO_SLUG).count() == 1


def test_replies_to_the_website_go_out_through_the_sandbox_and_the_rest_wait(db):
    from torget.channels.actions.outbox import do_deliver
    from torget.channels.models import Outbound, SandboxPost
    from torget.inbox.models import Reply

    load_demo()
    web_replies = Reply.objects.filter(item__channel="web")
    assert web_replies.exists()
    assert {reply.outbound.state for reply in web_replies} == {Outbound.State.QUEUED}
    for outbound in Outbound.objects.all():
        assert do_deliver(outbound.pk).state == Outbound.State.SENT
    assert SandboxPost.objects.count() == web_replies.count()
    others = Reply.objects.exclude(item__channel="web")
    assert others.exists() and not Outbound.objects.filter(reply__in=others).exists()
