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


def test_it_tells_the_moderation_story(db):
    from torget.channels.models import Outbound
    from torget.inbox.models import Alert, Item
    from torget.moderation.models import AuditEntry, Verdict

    load_demo()
    items = Item.objects.filter(organization__slug=DEMO_SLUG)
    web_spam, fb_spam = items.get(external_id="web-3"), items.get(external_id="fb-c-206")
    insult, threat = items.get(external_id="fb-c-414"), items.get(external_id="fb-c-442")
    by_rule = AuditEntry.objects.get(item_id=web_spam.pk, action="hide")
    assert by_rule.actor_name == "Torget" and by_rule.rule_id is not None
    assert Outbound.objects.get(audit_entry=by_rule).action == "hide"  # on the sandbox
    assert Verdict.objects.get(item=fb_spam).state == "hidden"
    assert AuditEntry.objects.filter(item_id=fb_spam.pk, action="ban").exists()
    assert Verdict.objects.get(item=insult).state == "hidden" and insult.replies.exists()
    assert Verdict.objects.get(item=threat).verdict == "threat"
    assert Alert.objects.get(kind="threat").recipient.user.username == "kari"
    held = Verdict.objects.filter(organization__slug=DEMO_SLUG, state="held")
    assert held.filter(verdict="abusive").exists() and held.filter(verdict="suspect").exists()
