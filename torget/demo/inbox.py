"""The demo inbox: last week of Bymiljøetaten's dialog, triaged and mostly answered.

The week comes from `inbox_scenario`; what a good responder would have decided is replayed
through the same actions the pages use, so the dashboard, the classifier and the queues all
start from a believable history.
"""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from torget.channels.models import Channel
from torget.demo.comment_field import KEY as COMMENT_FIELD
from torget.demo.comment_field import connect_comment_field
from torget.demo.inbox_scenario import scenario
from torget.demo.moderation import moderate_the_week, set_up_moderation
from torget.inbox.actions.classes import do_create_default_classes
from torget.inbox.actions.ingest import do_receive_items
from torget.inbox.actions.items import do_change_triage, do_mark_no_reply, do_reply_item
from torget.inbox.actions.learning import do_train_classifier
from torget.inbox.ingest import check_batch
from torget.inbox.models import Department, Item, Reply, SavedReply, TriageRule
from torget.orgs.models import Assignment, Membership, Team

URGENT_WORDS = [
    "tauet",
    "borttauet",
    "ambulanse",
    "hjemmesykepleie",
    "spiker",
    "farlig",
    "innen 07",
]

SAVED_REPLIES = [
    (
        "Takk for ros",
        True,
        "Tusen takk, {navn}! Det setter vi stor pris på, og vi sender rosen videre til dem "
        "som gjorde jobben.",
        "Tusen takk, {navn}! Det set vi stor pris på, og vi sender rosen vidare til dei "
        "som gjorde jobben.",
    ),
    (
        "Hentedager",
        False,
        "Hei {navn}! Du finner hentedagene for adressen din på fjordby.example/tomming. "
        "Gi oss gjerne adressen i en melding hvis noe ikke stemmer, så sjekker vi.",
        "Hei {navn}! Du finn hentedagane for adressa di på fjordby.example/tomming. "
        "Send oss gjerne adressa i ei melding om noko ikkje stemmer, så sjekkar vi.",
    ),
    (
        "Send oss en melding",
        False,
        "Hei {navn}! Dette vil vi gjerne se nærmere på. Send oss en direktemelding med adresse og "
        "telefonnummer, så tar vi kontakt.",
        "Hei {navn}! Dette vil vi gjerne sjå nærare på. Send oss ei direktemelding med adresse og "
        "telefonnummer, så tek vi kontakt.",
    ),
    (
        "Meldt videre",
        False,
        "Takk for at du sier fra, {navn}! Vi har sendt saken videre til riktig avdeling.",
        "Takk for at du seier frå, {navn}! Vi har sendt saka vidare til rett avdeling.",
    ),
]
DEPARTMENTS = ["Vei", "Park", "Renovasjon", "Parkering"]
NO_REPLY = {"spam": "spam", "duplicate": "duplicate", "emoji": "emoji", "👍": "emoji"}


def last_monday(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return (local - timedelta(days=local.weekday() + 7)).date()


def load_inbox(owner: Membership, teams: dict[str, Team], people: dict[str, Membership]) -> int:
    organization = owner.organization
    classes = do_create_default_classes(
        organization, teams["Kommunikasjon"].calendar, teams["Kundesenter"].calendar
    )
    by_key = dict(zip(("at_once", "during_day", "next_day"), classes, strict=True))
    create_rules(organization, teams, by_key["at_once"])
    create_helpers(organization, teams, people)
    connect_website(organization)
    connect_comment_field(organization)
    set_up_moderation(organization, owner)
    bodies = scenario(last_monday(timezone.now()))
    expectations = {(b["external_id"]): b.pop("expect") for b in bodies}
    checked = check_batch(bodies, {c.pk for c in classes}, {t.pk for t in teams.values()})
    received = do_receive_items(organization, checked)
    replay_decisions(received, expectations, by_key, teams, people)
    moderate_the_week(organization, people)
    do_train_classifier(organization)
    return len(received)


def connect_website(organization) -> Channel:
    """The website's comments come through the built-in sandbox platform, so replies to them are
    delivered by the worker as on a real platform, with a little of a platform's delay."""
    return Channel.objects.create(
        organization=organization,
        key="web",
        platform="sandbox",
        name="Nettsiden (sandkasse)",
        settings={"delay_ms": 300},
    )


def create_rules(organization, teams, at_once) -> None:
    rules = [
        (
            "Direktemeldinger, e-post og omtaler til Kundesenter",
            {"kinds": ["message", "email", "mention", "review"]},
            None,
            teams["Kundesenter"],
        ),
        (
            "Nettsiden til Kundesenter",
            {"channels": ["web", COMMENT_FIELD]},
            None,
            teams["Kundesenter"],
        ),
        (
            "Kommentarer på våre innlegg til Kommunikasjon",
            {"on_our_post": True},
            None,
            teams["Kommunikasjon"],
        ),
        (
            "Innlegg fra besøkende til Kundesenter",
            {"kinds": ["post", "comment"]},
            None,
            teams["Kundesenter"],
        ),
        ("Haster: bil tauet, fare, helse", {"keywords": URGENT_WORDS}, at_once, None),
    ]
    for position, (name, conditions, response_class, team) in enumerate(rules):
        TriageRule.objects.create(
            organization=organization,
            name=name,
            position=position,
            conditions=conditions,
            response_class=response_class,
            team=team,
        )
    TriageRule.objects.create(
        organization=organization,
        name="Sinte meldinger merkes",
        position=len(rules),
        conditions={"tones": ["negative"]},
        labels=["sint"],
    )


def create_helpers(organization, teams, people) -> None:
    for title, is_thanks, text_nb, text_nn in SAVED_REPLIES:
        SavedReply.objects.create(
            organization=organization,
            title=title,
            is_thanks=is_thanks,
            text_nb=text_nb,
            text_nn=text_nn,
        )
    for name in DEPARTMENTS:
        Department.objects.create(organization=organization, name=name)
    Team.objects.filter(pk=teams["Kommunikasjon"].pk).update(lead=people["kari"])
    Team.objects.filter(pk=teams["Kundesenter"].pk).update(
        lead=people["tor"], assignment=Assignment.LEAST_LOADED
    )


def replay_decisions(received, expectations, by_key, teams, people) -> None:
    rng = random.Random(17)  # noqa: S311  (a repeatable demo, not a secret)
    cutoff = timezone.now() - timedelta(hours=48)
    for result in received:
        item = result.item
        expect = expectations[item.external_id]
        if expect is None:
            continue
        responder = people["ingrid"] if expect["team"] == "Kommunikasjon" else people["sindre"]
        if expect["class"] is None:
            do_mark_no_reply(responder, item, no_reply_reason(expect["note"]))
            continue
        item = do_change_triage(responder, item, by_key[expect["class"]], teams[expect["team"]])
        # The weekend's storm is still being worked through; the rest of the week is answered.
        if item.received_at < cutoff and item.conversation.storm_since is None:
            answer(responder, item, rng)


def no_reply_reason(note: str) -> str:
    return next((reason for word, reason in NO_REPLY.items() if word in note.lower()), "other")


def answer(responder: Membership, item: Item, rng: random.Random) -> None:
    """An answer as it happened: mostly in time, now and then late, as real weeks go."""
    choices = SavedReply.objects.filter(organization=item.organization, is_thanks=False)
    saved = rng.choice(list(choices))
    text = saved.text_nb.replace("{navn}", (item.author.name or "").split(" ")[0])
    do_reply_item(responder, item, text)
    if item.due_at is None:
        return
    budget = (item.due_at - item.received_at).total_seconds()
    share = rng.uniform(0.1, 0.9) if rng.random() > 0.12 else rng.uniform(1.05, 1.6)
    answered_at = item.received_at + timedelta(seconds=max(budget * share, 120))
    Item.objects.filter(pk=item.pk).update(answered_at=answered_at)
    Reply.objects.filter(item=item).update(created_at=answered_at, state=Reply.State.SENT)
