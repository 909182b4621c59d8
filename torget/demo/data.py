"""A demo organization modelled on a city environment agency, written in Norwegian.

Loaded through the same actions the pages and API use, so the demo exercises real rules.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from torget.demo.inbox import load_inbox
from torget.orgs.actions.calendars import do_create_calendar
from torget.orgs.actions.organizations import do_create_organization
from torget.orgs.actions.teams import do_create_team
from torget.orgs.models import Membership, Organization, Role

DEMO_SLUG = "bymiljo-fjordby"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")

PEOPLE = [
    # username, full name, role, teams
    ("kari", "Kari Nordmann", Role.ADMIN, ["Kommunikasjon"]),
    ("tor", "Tor Evensen", Role.ADMIN, ["Kundesenter"]),
    ("ola", "Ola Haugen", Role.EDITOR, ["Kommunikasjon"]),
    ("hanne", "Hanne Strand", Role.EDITOR, ["Kommunikasjon"]),
    ("ingrid", "Ingrid Solberg", Role.RESPONDER, ["Kommunikasjon"]),
    ("mats", "Mats Aune", Role.RESPONDER, ["Kommunikasjon"]),
    ("sindre", "Sindre Bakke", Role.RESPONDER, ["Kundesenter"]),
    ("amira", "Amira Haddad", Role.RESPONDER, ["Kundesenter"]),
    ("jorunn", "Jorunn Vik", Role.RESPONDER, ["Kundesenter"]),
    ("nils", "Nils Ødegård", Role.RESPONDER, ["Kundesenter", "Kommunikasjon"]),
    ("per", "Per Lunde", Role.MEMBER, []),
    ("siv", "Siv Holm", Role.MEMBER, []),
    ("eirik", "Eirik Berg", Role.MEMBER, []),
]


def year_exceptions(year: int, notes: dict[str, tuple[list, str]]) -> list[dict]:
    return [
        {"date": f"{year}-{day}", "hours": hours, "note": note}
        for day, (hours, note) in notes.items()
    ]


def communications_calendar(year: int) -> dict:
    """Answers day, evening and weekend: the agency's own promise to its followers."""
    weekly = {day: [["08:00", "22:00"]] for day in WEEKDAYS} | {
        "sat": [["10:00", "18:00"]],
        "sun": [["10:00", "18:00"]],
    }
    holidays = {
        "12-24": ([["09:00", "14:00"]], "Julaften: kortvakt"),
        "12-31": ([["10:00", "16:00"]], "Nyttårsaften: vakt til fyrverkeriet er over"),
    }
    return {
        "name": "Kommunikasjon – dag, kveld og helg",
        "weekly": weekly,
        "holidays": "NO",
        "holiday_hours": [["10:00", "16:00"]],
        "exceptions": year_exceptions(year, holidays),
    }


def customer_centre_calendar(year: int) -> dict:
    closed = {
        "12-24": ([["08:00", "12:00"]], "Julaften: åpent til kl. 12"),
        "12-28": ([], "Stengt mellom jul og nyttår"),
        "12-29": ([], "Stengt mellom jul og nyttår"),
        "12-30": ([], "Stengt mellom jul og nyttår"),
        "12-31": ([["08:00", "12:00"]], "Nyttårsaften: åpent til kl. 12"),
    }
    return {
        "name": "Kundesenter – kontortid",
        "weekly": {day: [["08:00", "15:30"]] for day in WEEKDAYS} | {"sat": [], "sun": []},
        "holidays": "NO",
        "holiday_hours": [],
        "exceptions": year_exceptions(year, closed),
    }


def create_person(organization, username: str, full_name: str, role: str) -> Membership:
    first, _sep, last = full_name.partition(" ")
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@fjordby.example"},
    )
    if _created:
        user.set_unusable_password()
        user.save()
    return Membership.objects.create(organization=organization, user=user, role=role)


@transaction.atomic
def load_demo() -> bool:
    """Create the demo organization unless it exists; returns whether anything was created."""
    if Organization.objects.filter(slug=DEMO_SLUG).exists():
        return False
    owner = get_user_model().objects.create_user(
        username="demo",
        email="demo@fjordby.example",
        password="demo",
        first_name="Demo",
        last_name="Eier",
    )
    member = do_create_organization("Bymiljøetaten i Fjordby kommune", owner)
    Organization.objects.filter(pk=member.organization_id).update(slug=DEMO_SLUG)
    member.organization.refresh_from_db()
    year = timezone.localdate().year
    calendars = {
        "Kommunikasjon": do_create_calendar(member, communications_calendar(year)),
        "Kundesenter": do_create_calendar(member, customer_centre_calendar(year)),
    }
    teams = {
        "Kommunikasjon": do_create_team(
            member,
            "Kommunikasjon",
            "Svarer i kommentarfeltene på våre egne innlegg, dag, kveld og helg.",
            calendars["Kommunikasjon"],
        ),
        "Kundesenter": do_create_team(
            member,
            "Kundesenter",
            "Tar direktemeldinger og innlegg fra besøkende i kontortiden.",
            calendars["Kundesenter"],
        ),
    }
    member.teams.add(teams["Kommunikasjon"])
    people = {}
    for username, full_name, role, team_names in PEOPLE:
        people[username] = create_person(member.organization, username, full_name, role)
        people[username].teams.set([teams[name] for name in team_names])
    load_inbox(member, teams, people)
    load_partner(owner)
    return True


def load_partner(owner) -> None:
    """A second organization the demo owner belongs to, so the switcher has somewhere to go."""
    partner = do_create_organization("Fjordby Renovasjon IKS", owner)
    calendar = do_create_calendar(
        partner,
        {
            "name": "Kundeservice",
            "weekly": {day: [["07:30", "15:00"]] for day in WEEKDAYS},
            "holidays": "NO",
        },
    )
    do_create_team(partner, "Kundeservice", "Spørsmål om henting av avfall.", calendar)
    partner.role = Role.RESPONDER
    partner.save(update_fields=["role"])
