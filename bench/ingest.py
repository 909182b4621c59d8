"""How fast items go through the whole ingest path, against a plain bulk insert of the same rows.

The whole path is what POST /api/v1/items/batch does: check_batch (validate every field), then
do_receive_items (sanitize, detect the language, thread, triage, route, compute the due time,
store the item, its contact, conversation and decisions), in batches of 500 in one process.
The baseline, measured in the same run on the same database, is Item.objects.bulk_create of the
very rows ingest produced (every field precomputed, ids, parents and all) into a second
organization, also in batches of 500.

Two inputs: (a) generated Norwegian-ish volume (comments on our posts, replies, direct messages,
varied authors, four weeks of arrivals), and (b) the real customer-support threads in
../shared/data/twcs-sample (read, never copied).

    .venv/bin/python bench/ingest.py [--items 20000] [--database-url postgres://…/postgres]
                                     [--stages] [--profile]

Goals: at least 2,000 items/s on SQLite, and at least a third of the bulk-insert rate. When a
goal is missed (or with --stages) input (a) is ingested once more into a third organization with
timers round each stage and every SQL statement, which says where the time goes; --profile adds
cProfile's top 15 by cumulative time for that pass.
"""

import argparse
import cProfile
import csv
import io
import os
import pstats
import random
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from _setup import ROOT, BenchDatabase, add_database_option, make_inbox, reset_sequences

BATCH = 500
GOAL_RATE = 2000
GOAL_RATIO = 1 / 3
TWCS = ROOT.parent / "shared/data/twcs-sample/twcs_first5000.csv"
OSLO = ZoneInfo("Europe/Oslo")

STREETS = ["Tøyengata", "Storgata", "Kirkeveien", "Sjøgata", "Fjordvegen", "Skolebakken"]
TEXTS = {
    "nb": [
        "Når blir søppelet hentet i {street}?",
        "Det har ikke vært brøytet i {street} på tre dager, og bussen kommer ikke fram.",
        "Takk for god hjelp i dag!",
        "Hvorfor er gjenvinningsstasjonen stengt på lørdag? Det står ingenting på nettsiden.",
        "Det ligger et stort hull i veien ved {street}, noen kommer til å skade seg.",
        "Bossbilen kom ikke i dag heller. Hva skjer?",
        "Kan dere svare på meldingen min fra i går? Jeg venter fortsatt.",
        "Hvor kan jeg levere hageavfall i helgen?",
        "Søpla har ikke blitt hentet på to uker, dette er ikke greit.\n\nHilsen en lei nabo",
        "Gatelyset i {street} har vært mørkt i en uke.",
    ],
    "nn": [
        "Kvifor har ikkje bossbilen kome i {street} denne veka?",
        "Eg har venta i tre dagar på svar frå dykk.",
        "Takk for hjelpa, det var fint gjort!",
        "Når opnar gjenvinningsstasjonen att etter jul?",
        "Vegen ved {street} er ikkje brøyta enno, og det er farleg å gå der.",
        "Kan de sjå på hòlet i vegen ved skulen? Borna må gå rundt det kvar dag.",
    ],
    "en": [
        "When is the garbage collected in {street}?",
        "The recycling station was closed again today, why?",
        "Thanks for the quick answer!",
        "There's a big pothole on {street}, someone will get hurt.",
    ],
    "other": ["👍", "🙏🙏", "!!!", "Dziękuję za pomoc", "Mahadsanid <3", "Danke schön für alles"],
}
SIGN_OFFS = {
    "nb": ["\n\nMvh {name}", " Hilsen {name} i nr. {n}", " {name}", "\n– {name}, {n} år"],
    "nn": ["\n\nHelsing {name}", " Mvh. {name} i nr. {n}", " {name}"],
    "en": ["\n\nRegards, {name}", " - {name}, flat {n}", " {name}"],
}
NAMES = [
    *("Kari", "Ola", "Ingrid", "Per", "Aisha", "Mohammed", "Sigrid", "Lars", "Nora", "Jonas"),
    *("Astrid", "Tor", "Fatima", "Ahmed", "Solveig", "Magnus", "Ewa", "Piotr", "Hanne", "Knut"),
]
LANGUAGE_WEIGHTS = {"nb": 75, "nn": 12, "en": 8, "other": 5}
OUR_REPLIES = [
    "Hei! Takk for at du sier fra, vi har sendt saken videre til Renovasjon.",
    "Hei, vi beklager. Vi sjekker {street} i løpet av dagen.",
    "Takk for meldinga! Vi ser på det no.",
]
OUR_POSTS = [
    "Tømmekalender for {street} og omegn er oppdatert. Spørsmål? Skriv i kommentarfeltet.",
    "Brøytemannskapene er ute i hele byen i natt. Sett bilen i garasjen om du kan.",
    "Gjenvinningsstasjonen har nye åpningstider fra mandag.",
]


# (a) Generated volume ---------------------------------------------------------------------------


def citizen_text(rng: random.Random) -> str:
    """Nearly every text differs, as in a real inbox (and in TWCS): an address with its number,
    often a greeting and a name, so that nothing is cheaper for being said twice."""
    language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    sentences = rng.sample(TEXTS[language], k=min(len(TEXTS[language]), rng.choice((1, 1, 2, 3))))
    text = " ".join(sentences).format(street=f"{rng.choice(STREETS)} {rng.randint(1, 140)}")
    if language in SIGN_OFFS and rng.random() < 0.8:
        text += rng.choice(SIGN_OFFS[language]).format(name=rng.choice(NAMES), n=rng.randint(1, 99))
    if rng.random() < 0.02:
        text += " <b>VIKTIG</b> se https://example.org/sak?id=1&x=<script>"
    return text


def generated_bodies(count: int, seed: int = 20261123) -> list[dict]:
    """Comments on our posts (one pinned post draws many), replies in the threads, DMs, from a
    skewed set of people, spread evenly over four weeks."""
    rng = random.Random(seed)
    end = datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)
    start = end - timedelta(weeks=4)
    step = (end - start) / count
    authors = [f"innbygger{n}" for n in range(max(50, count // 8))]
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(authors))]
    posts: list[tuple[str, str]] = []  # (channel, external id)
    comments: list[tuple[str, str]] = []  # citizen comments and replies we may answer
    dms: list[tuple[str, str]] = []
    bodies = []
    for n in range(count):
        at = start + step * n + timedelta(seconds=rng.uniform(0, step.total_seconds()))
        handle = rng.choices(authors, weights=weights)[0]
        body = {
            "author": {"name": handle.title(), "handle": handle},
            "received_at": at.isoformat(),
        }
        roll = rng.random()
        if not posts or roll < 0.02:
            channel = rng.choice(("facebook", "instagram"))
            external_id = f"{channel[:2]}-post-{n}"
            posts.append((channel, external_id))
            body |= {
                "channel": channel,
                "kind": "post",
                "ours": True,
                "text": rng.choice(OUR_POSTS).format(street=rng.choice(STREETS)),
                "author": {"name": "Bymiljøetaten", "handle": "bymiljoetaten"},
            }
        elif roll < 0.52:
            # A pinned post (the waste calendar) draws a steady fifth of all comments.
            channel, post = posts[0] if rng.random() < 0.2 else rng.choice(posts[-8:])
            external_id = f"{channel[:2]}-c-{n}"
            comments.append((channel, external_id))
            body |= {"channel": channel, "kind": "comment", "in_reply_to": post}
            body["text"] = citizen_text(rng)
        elif roll < 0.67 and comments:
            channel, comment = rng.choice(comments[-200:])
            external_id = f"{channel[:2]}-r-{n}"
            comments.append((channel, external_id))
            body |= {"channel": channel, "kind": "reply", "in_reply_to": comment}
            body["text"] = citizen_text(rng)
        elif roll < 0.77 and (comments or dms):
            channel, answered = rng.choice(comments[-100:] + dms[-30:])
            external_id = f"{channel[:2]}-o-{n}"
            kind = "message" if channel == "messenger" else "reply"
            body |= {"channel": channel, "kind": kind, "in_reply_to": answered, "ours": True}
            body["text"] = rng.choice(OUR_REPLIES).format(street=rng.choice(STREETS))
            body["author"] = {"name": "Bymiljøetaten", "handle": "bymiljoetaten"}
        elif roll < 0.96:
            channel = "messenger"
            external_id = f"dm-{n}"
            dms.append((channel, external_id))
            body |= {"channel": channel, "kind": "message", "text": citizen_text(rng)}
        else:
            channel = rng.choice(("x", "google", "email"))
            kind = {"x": "mention", "google": "review", "email": "email"}[channel]
            external_id = f"{channel}-{n}"
            body |= {"channel": channel, "kind": kind, "text": citizen_text(rng)}
        body["external_id"] = external_id
        bodies.append(body)
    # Platforms deliver a little out of order: some replies arrive before what they answer.
    for n in range(1, count - 1):
        if rng.random() < 0.01:
            bodies[n], bodies[n + 1] = bodies[n + 1], bodies[n]
    return bodies


# (b) Real conversations from TWCS ---------------------------------------------------------------


def twcs_bodies() -> list[dict]:
    if not TWCS.exists():
        sys.exit(
            f"The TWCS sample is missing: {TWCS} not found. Input (b) needs the shared data folder "
            "../shared/data/twcs-sample next to the repository."
        )
    rows = []
    with TWCS.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                created = datetime.strptime(row["created_at"], "%a %b %d %H:%M:%S %z %Y")
                tweet_id = int(row["tweet_id"])
            except (TypeError, ValueError):
                continue  # the one tweet split over two lines by a raw line break
            rows.append((created, tweet_id, row))
    rows.sort(key=lambda entry: (entry[0], entry[1]))
    # The threads are from late 2017; move them so the latest arrives on 2026-11-23 09:00.
    offset = datetime(2026, 11, 23, 8, 0, tzinfo=UTC) - rows[-1][0]
    bodies = []
    for created, tweet_id, row in rows:
        answers = (row["in_response_to_tweet_id"] or "").strip()
        inbound = row["inbound"] == "True"
        bodies.append(
            {
                "channel": "x",
                "external_id": str(tweet_id),
                "kind": "reply" if answers else "mention",
                "author": {"name": row["author_id"], "handle": row["author_id"]},
                "text": row["text"],
                "received_at": (created + offset).isoformat(),
                "in_reply_to": str(int(float(answers))) if answers else "",
                "ours": not inbound,
            }
        )
    return bodies


# Timing -----------------------------------------------------------------------------------------


def batches(bodies: list[dict]):
    for start in range(0, len(bodies), BATCH):
        yield bodies[start : start + BATCH]


def known_ids(organization) -> tuple[set[int], set[int]]:
    """What the API's known_ids does for every batch."""
    from torget.inbox.models import ResponseClass
    from torget.orgs.models import Team

    classes = set(
        ResponseClass.objects.filter(organization=organization).values_list("pk", flat=True)
    )
    teams = set(Team.objects.filter(organization=organization).values_list("pk", flat=True))
    return classes, teams


def ingest(organization, bodies: list[dict]) -> tuple[float, list[float]]:
    """The whole path, batch by batch; returns total seconds and the seconds of each batch."""
    from torget.inbox.actions.ingest import do_receive_items
    from torget.inbox.ingest import check_batch

    per_batch = []
    for chunk in batches(bodies):
        started = time.perf_counter()
        items = check_batch(chunk, *known_ids(organization))
        received = do_receive_items(organization, items)
        per_batch.append(time.perf_counter() - started)
        assert sum(r.created for r in received) == len({(i.channel, i.external_id) for i in items})
    return sum(per_batch), per_batch


def bulk_rows(source, target) -> list:
    """The rows ingest stored for `source`, as Items of `target`: same fields, ids shifted.

    Contacts and conversations are copied first (not timed); classes and teams map by position.
    """
    from django.db.models import Max

    from torget.inbox.models import Contact, Conversation, Item, ResponseClass
    from torget.orgs.models import Team

    def pairs(model):
        return dict(
            zip(
                model.objects.filter(organization=source.organization)
                .order_by("pk")
                .values_list("pk", flat=True),
                model.objects.filter(organization=target.organization)
                .order_by("pk")
                .values_list("pk", flat=True),
                strict=True,
            )
        )

    classes, teams = pairs(ResponseClass), pairs(Team)
    contacts, conversations = {}, {}
    for model, mapping in ((Contact, contacts), (Conversation, conversations)):
        copies = list(model.objects.filter(organization=source.organization).order_by("pk"))
        original_pks = [row.pk for row in copies]
        for row in copies:
            row.pk, row.organization = None, target.organization
        model.objects.bulk_create(copies, batch_size=BATCH)
        if copies and copies[0].pk is None:  # a database that does not return ids
            copies = list(model.objects.filter(organization=target.organization).order_by("pk"))
        mapping.update(zip(original_pks, [row.pk for row in copies], strict=True))
    offset = Item.objects.aggregate(top=Max("pk"))["top"] + 1_000_000
    rows = []
    for values in Item.objects.filter(organization=source.organization).order_by("pk").values():
        values |= {
            "id": values["id"] + offset,
            "organization_id": target.organization.pk,
            "conversation_id": conversations[values["conversation_id"]],
            "author_id": contacts.get(values["author_id"]),
            "parent_id": values["parent_id"] and values["parent_id"] + offset,
            "response_class_id": classes.get(values["response_class_id"]),
            "suggested_class_id": classes.get(values["suggested_class_id"]),
            "team_id": teams.get(values["team_id"]),
        }
        rows.append(Item(**values))
    # A reply stored before its parent points forwards; across a batch boundary that would
    # break the foreign key at the batch's commit, so those few keep parent empty here.
    batch_of = {row.pk: n // BATCH for n, row in enumerate(rows)}
    for n, row in enumerate(rows):
        if row.parent_id and batch_of.get(row.parent_id, -1) > n // BATCH:
            row.parent_id = None
    return rows


def bulk_insert(rows: list) -> float:
    from django.db import transaction

    from torget.inbox.models import Item

    started = time.perf_counter()
    for start in range(0, len(rows), BATCH):
        with transaction.atomic():
            Item.objects.bulk_create(rows[start : start + BATCH])
    seconds = time.perf_counter() - started
    reset_sequences(Item)
    return seconds


def compare(name: str, bodies: list[dict], ingest_into, bulk_into, vendor: str) -> bool:
    seconds, per_batch = ingest(ingest_into.organization, bodies)
    rows = bulk_rows(ingest_into, bulk_into)
    bulk_seconds = bulk_insert(rows)
    rate, bulk_rate = len(bodies) / seconds, len(rows) / bulk_seconds
    ratio = rate / bulk_rate
    head, tail = per_batch[:5], per_batch[-5:]
    head_rate = len(bodies[: BATCH * len(head)]) / sum(head)
    tail_rate = min(BATCH * len(tail), len(bodies) - BATCH * (len(per_batch) - len(tail)))
    tail_rate /= sum(tail)
    counts = summarize(ingest_into.organization)
    print(f"\n{name}: {len(bodies):,} items in {len(per_batch)} batches of up to {BATCH}")
    print(f"  stored: {counts}")
    print(
        f"  whole ingest (check_batch + do_receive_items): {seconds:8.2f} s {rate:10,.0f} items/s"
    )
    print(
        f"  plain Item.objects.bulk_create, same rows:     {bulk_seconds:8.2f} s "
        f"{bulk_rate:10,.0f} items/s"
    )
    print(
        f"  ingest rate over the first {len(head)} batches {head_rate:,.0f} items/s, "
        f"over the last {len(tail)} {tail_rate:,.0f} items/s (slowest batch "
        f"{max(per_batch) * 1000:,.0f} ms)"
    )
    rate_ok = rate >= GOAL_RATE
    ratio_ok = ratio >= GOAL_RATIO
    if vendor == "sqlite":
        print(f"  goal ≥ {GOAL_RATE:,} items/s on SQLite: {'holds' if rate_ok else 'MISSED'}")
    else:
        print(f"  (the {GOAL_RATE:,} items/s goal is for SQLite; here {rate:,.0f} items/s)")
        rate_ok = True
    print(
        f"  goal ≥ 1/3 of bulk insert: ingest/bulk = {ratio:.3f} (1/{1 / ratio:.0f}) "
        f"{'holds' if ratio_ok else 'MISSED'}"
    )
    return rate_ok and ratio_ok


def summarize(organization) -> str:
    from django.db.models import Count

    from torget.inbox.models import Contact, Conversation, Decision, Item

    scope = {"organization": organization}
    items = Item.objects.filter(**scope)
    statuses = dict(items.values_list("status").annotate(n=Count("pk")).order_by())
    languages = dict(items.values_list("language").annotate(n=Count("pk")).order_by())
    return (
        f"{items.count():,} items, {Contact.objects.filter(**scope).count():,} contacts, "
        f"{Conversation.objects.filter(**scope).count():,} conversations, "
        f"{Decision.objects.filter(item__organization=organization).count():,} decisions; "
        f"status {statuses}; language {languages}; "
        f"with parent {items.exclude(parent=None).count():,}"
    )


# Where the time goes ----------------------------------------------------------------------------


class Stages:
    """Timers round the ingest path's steps and every SQL statement (bench-side wrappers only)."""

    STEPS = [
        ("torget.inbox.actions.ingest", "Batch", "Batch(): up-front reads and languages"),
        ("torget.inbox.actions.ingest", "languages_of", "  of which language detection"),
        ("torget.inbox.actions.ingest", "build_item", "build_item (in memory)"),
        ("torget.inbox.actions.ingest", "text_to_html", "  of which text_to_html"),
        ("torget.inbox.actions.ingest", "triage", "  of which triage rules"),
        ("torget.inbox.actions.ingest", "suggest_classes", "suggest_classes and due times"),
        ("torget.inbox.actions.ingest", "due_for", "  of which due times"),
        ("torget.inbox.actions.ingest", "save", "save (bulk inserts)"),
        ("torget.inbox.actions.ingest", "adopt_waiting_children", "adopt_waiting_children (SQL)"),
        ("torget.inbox.actions.ingest", "mark_answered_by_us", "mark_answered_by_us (SQL)"),
        ("torget.inbox.actions.ingest", "deal_out_new_items", "deal_out_new_items (per batch)"),
        ("torget.inbox.actions.ingest", "do_detect_storms", "do_detect_storms (per batch)"),
        ("torget.inbox.actions.ingest", "do_judge_items", "moderation: judging"),
        ("torget.moderation.actions.judging", "histories", "  of which history signals"),
        ("torget.moderation.actions.judging", "judge_all", "  of which the verdicts"),
        ("torget.moderation.actions.judging", "write_audit", "  of which the audit entries"),
        (
            "torget.inbox.actions.ingest",
            "do_moderate_arrivals",
            "moderation: standings, threats, rules",
        ),
    ]

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.sql: dict[str, list] = defaultdict(lambda: [0, 0.0])
        self.saved: list = []

    def __enter__(self):
        import importlib

        from django.db import connection

        for module_name, attribute, label in self.STEPS:
            module = importlib.import_module(module_name)
            original = getattr(module, attribute, None)
            if original is None:
                continue  # the app changed; time what is still there
            self.saved.append((module, attribute, original))
            setattr(module, attribute, self.timed(original, label))
        self.wrapper = connection.execute_wrapper(self.time_sql)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)
        for module, attribute, original in self.saved:
            setattr(module, attribute, original)

    def timed(self, function, label):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - started

        return wrapper

    def time_sql(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            entry = self.sql[statement_shape(sql)]
            entry[0] += 1
            entry[1] += time.perf_counter() - started


def statement_shape(sql: str) -> str:
    words = sql.split()
    verb = words[0].upper() if words else "?"
    table = next((w for w in words if w.startswith(('"inbox_', '"orgs_'))), "")
    if verb == "UPDATE" and len(words) > 3:
        return f"UPDATE {words[1]} SET {words[3]}"
    return f"{verb} {table}".strip()


def diagnose(bodies: list[dict], inbox, profile: bool) -> None:
    from torget.inbox.ingest import check_batch

    print(
        f"\nwhere the time goes: input (a) again, {len(bodies):,} items, into a third organization"
    )
    profiler = cProfile.Profile() if profile else None
    checked = time.perf_counter()
    for chunk in batches(bodies):
        check_batch(chunk, *known_ids(inbox.organization))
    checked = time.perf_counter() - checked
    with Stages() as stages:
        if profiler:
            profiler.enable()
        seconds, _per_batch = ingest(inbox.organization, bodies)
        if profiler:
            profiler.disable()
    total = seconds
    per_item = 1e6 / len(bodies)
    print(
        f"  instrumented ingest {seconds:.2f} s ({len(bodies) / seconds:,.0f} items/s); "
        f"check_batch alone {checked:.2f} s ({checked * per_item:.0f} µs/item)"
    )
    print(f"  {'step (inclusive, overlapping)':42} {'seconds':>8} {'µs/item':>8} {'share':>6}")
    for label, spent in sorted(stages.seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {label:42} {spent:8.2f} {spent * per_item:8.0f} {spent / total:6.0%}")
    sql_total = sum(t for _n, t in stages.sql.values())
    queries = sum(n for n, _t in stages.sql.values())
    print(
        f"  all SQL: {queries:,} statements ({queries / len(bodies):.1f} per item), "
        f"{sql_total:.2f} s = {sql_total / total:.0%} of the ingest; Python outside SQL "
        f"{total - sql_total:.2f} s"
    )
    print(f"  {'statement':42} {'count':>8} {'seconds':>8} {'µs each':>8}")
    for shape, (count, spent) in sorted(stages.sql.items(), key=lambda kv: -kv[1][1])[:10]:
        print(f"  {shape[:42]:42} {count:8,} {spent:8.2f} {spent / count * 1e6:8.0f}")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(15)
        print("\ncProfile, top 15 by cumulative time:")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=20_000, help="size of input (a)")
    add_database_option(parser)
    parser.add_argument("--stages", action="store_true", help="always show where the time goes")
    parser.add_argument("--profile", action="store_true", help="cProfile top 15 (implies --stages)")
    args = parser.parse_args()
    real = twcs_bodies()  # fails early, before any database is made, when the data is missing
    generated = generated_bodies(args.items)

    with BenchDatabase(args.database_url) as database:
        from django.db import connection

        from torget.inbox.language import detector

        started = time.perf_counter()
        detector()
        print(
            f"{database.label}; migrate {database.migrate_seconds:.1f} s; language models "
            f"loaded in {time.perf_counter() - started:.1f} s (once per process, not timed below); "
            f"load average {load()} on {os.cpu_count()} cores"
        )
        # One batch through both paths first, so neither pays for first-use costs below.
        warm, warm_bulk = make_inbox("Oppvarming", "warm"), make_inbox("Oppvarming B", "warm_b")
        ingest(warm.organization, generated_bodies(BATCH, seed=1))
        bulk_insert(bulk_rows(warm, warm_bulk))
        ok = compare(
            "(a) generated",
            generated,
            make_inbox("Bymiljøetaten", "alice"),
            make_inbox("Bulk A", "bulk_a"),
            connection.vendor,
        )
        ok &= compare(
            f"(b) TWCS customer-support threads ({TWCS.parent.name})",
            real,
            make_inbox("Kundeservice", "kari"),
            make_inbox("Bulk B", "bulk_b"),
            connection.vendor,
        )
        if not ok or args.stages or args.profile:
            diagnose(generated, make_inbox("Diagnose", "diagnose"), args.profile)
    print(
        f"\nload average at the end: {load()} on {os.cpu_count()} cores "
        "(this bench keeps about one core busy; more means other work competed)"
    )


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
