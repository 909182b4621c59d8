"""How fast the inbox lists answer on a big inbox, through the real server, under concurrent load.

Fills a throwaway database with an organization's history (default 1,000,000 items, ~5 % still
open and some of those overdue, several teams, classes, channels and languages, a few people
holding items, conversations and contacts in proportion) with bulk_create in chunks of 5,000,
and prints how long that takes. Then starts the real server (`torget serve` with its shipped
defaults, or --workers/--threads) on a free port of 127.0.0.1, logs a responder in through the
login form (session cookie for the pages) and makes an API token for them, and sends a mix of
filtered list requests:

    /inbox/  ?team=  ?overdue=on  ?mine=on  ?language=nn
    /api/v1/items?status=open&team=…&limit=50   /api/v1/items?overdue=true

first from one client (the baseline without queueing), then from --clients concurrent
keep-alive clients, at most --requests per target and at most --seconds in all: once as
responders use it (each pausing a random --think seconds, mean 1, between requests: the goal
is measured here) and once never pausing (a stress figure: on few cores that measures
throughput, clients/requests-per-second, rather than latency). Prints
p50/p95/p99 latency and requests/s per target and overall, and whether p95 < 50 ms holds. Before
the load it also renders each target in-process and counts its SQL, so a slow page can be told
from a slow query. The load generator shares the machine with the server: on few cores it takes
CPU from the server, which the printed load average shows.

    .venv/bin/python bench/inbox_list.py [--items 1000000] [--clients 20]
                                         [--database-url postgres://…/postgres]

Runs on SQLite as Torget ships it (no ANALYZE; --analyze adds it); on PostgreSQL it runs
VACUUM ANALYZE after the fill, as autovacuum soon would.
"""

import argparse
import http.client
import itertools
import os
import random
import re
import socket
import statistics
import subprocess
import threading
import time
from collections import defaultdict
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from _setup import (
    ROOT,
    BenchDatabase,
    add_database_option,
    add_member,
    make_inbox,
    percentile,
    reset_sequences,
)

CHUNK = 5000
GOAL_P95_MS = 50
PASSWORD = "benk-passord-2026-fjordby"
RESPONDER = "responder"

TEXTS = {
    "nb": [
        "Når blir søppelet hentet i {street}? Det har stått ute siden mandag.",
        "Det har ikke vært brøytet i {street} på tre dager.",
        "Takk for god hjelp i dag!",
        "Hvorfor er gjenvinningsstasjonen stengt på lørdag?",
        "Det ligger et stort hull i veien ved {street}, noen kommer til å skade seg.",
        "Bossbilen kom ikke i dag heller. Hva skjer?",
        "Gatelyset i {street} har vært mørkt i en uke.",
    ],
    "nn": [
        "Kvifor har ikkje bossbilen kome i {street} denne veka?",
        "Eg har venta i tre dagar på svar frå dykk.",
        "Vegen ved {street} er ikkje brøyta enno, og det er farleg å gå der.",
    ],
    "en": ["When is the garbage collected in {street}?", "Thanks for the quick answer!"],
    "other": ["👍", "🙏🙏", "Dziękuję za pomoc", "Mahadsanid"],
}
LANGUAGES = {"nb": 80, "nn": 10, "en": 6, "other": 4}
STREETS = ["Tøyengata", "Storgata", "Kirkeveien", "Sjøgata", "Fjordvegen", "Skolebakken"]
OURS = "Hei! Takk for at du sier fra. Vi har sendt saken videre og følger opp."
POST = "Tømmekalenderen for {street} er oppdatert. Spørsmål? Skriv i kommentarfeltet."
# channel: (share of conversations, kind of the first item, public thread?)
CHANNELS = {
    "facebook": (40, "comment", True),
    "instagram": (15, "comment", True),
    "linkedin": (3, "comment", True),
    "messenger": (20, "message", False),
    "x": (10, "mention", False),
    "email": (8, "email", False),
    "google": (4, "review", False),
}


# Filling ----------------------------------------------------------------------------------------


class Filler:
    """Writes conversations of items, chunk by chunk, with explicit ids so parents link up."""

    def __init__(self, inbox, count: int, seed: int = 20261123):
        from django.utils import timezone

        from torget.inbox.sanitize import text_to_html

        self.inbox, self.count, self.rng = inbox, count, random.Random(seed)
        self.now = timezone.now()
        self.org_id = inbox.organization.pk
        self.teams = inbox.teams
        self.classes = inbox.classes  # at once (30 min), during the day (6 h), next working day
        self.people = [m.pk for m in inbox.members if m.user.username != inbox.owner.user.username]
        self.html = {}
        self.texts = {
            language: [t.format(street=s) for t in texts for s in STREETS]
            for language, texts in TEXTS.items()
        }
        for text in (
            [t for texts in self.texts.values() for t in texts]
            + [OURS]
            + [POST.format(street=s) for s in STREETS]
        ):
            self.html[text] = text_to_html(text)
        self.contacts = {channel: [] for channel in CHANNELS}
        self.next_item = 1
        self.next_conversation = 1
        self.items: list = []
        self.conversations: list = []
        self.written = 0

    def run(self) -> dict[str, float]:
        timings = {}
        started = time.perf_counter()
        self.make_contacts(max(100, self.count // 5))
        timings["contacts"] = time.perf_counter() - started
        started = time.perf_counter()
        channels = list(CHANNELS)
        weights = [share for share, _kind, _public in CHANNELS.values()]
        while self.written + len(self.items) < self.count:
            self.conversation(self.rng.choices(channels, weights)[0])
            if len(self.items) >= CHUNK:
                self.flush()
        self.flush()
        timings["conversations and items"] = time.perf_counter() - started
        from torget.inbox.models import Contact, Conversation, Item

        reset_sequences(Contact, Conversation, Item)
        return timings

    def make_contacts(self, count: int) -> None:
        from django.db import transaction

        from torget.inbox.models import Contact

        rows = []
        channels = list(CHANNELS)
        weights = [share for share, _kind, _public in CHANNELS.values()]
        for n in range(1, count + 1):
            channel = self.rng.choices(channels, weights)[0]
            handle = f"innbygger{n}"
            rows.append(
                Contact(
                    id=n,
                    organization_id=self.org_id,
                    channel=channel,
                    handle=handle,
                    name=f"Innbygger {n}",
                )
            )
            self.contacts[channel].append(n)
        for channel, ids in self.contacts.items():
            if not ids:  # every channel needs someone to write on it
                rows.append(
                    Contact(
                        id=count + len(rows) + 1,
                        organization_id=self.org_id,
                        channel=channel,
                        handle=f"innbygger-{channel}",
                    )
                )
                ids.append(rows[-1].id)
        for start in range(0, len(rows), CHUNK):
            with transaction.atomic():
                Contact.objects.bulk_create(rows[start : start + CHUNK])

    def author(self, channel: str) -> int:
        ids = self.contacts[channel]
        if self.rng.random() < 0.3:  # a few people write a lot
            return ids[min(len(ids) - 1, int(self.rng.paretovariate(1.2)) - 1)]
        return self.rng.choice(ids)

    def conversation(self, channel: str) -> None:
        from torget.inbox.models import Conversation

        rng = self.rng
        _share, first_kind, public = CHANNELS[channel]
        recent = rng.random() < 0.07
        if recent:
            started = self.now - timedelta(hours=rng.uniform(0, 72))
        else:
            started = self.now - timedelta(days=rng.uniform(3, 730))
        conversation_id = self.next_conversation
        self.next_conversation += 1
        first_author = self.author(channel)
        at = started
        parent = post = None
        if public:
            post = self.item(conversation_id, channel, "post", True, None, at, recent, None)
            parent = post
            size = min(400, int(rng.expovariate(1 / 5)) + 1)
        else:
            size = rng.choice((1, 1, 2, 3))
        first = None
        for n in range(size):
            at += timedelta(minutes=rng.expovariate(1 / 30))
            author = first_author if n == 0 or not public else self.author(channel)
            kind = first_kind if (n == 0 or not public or rng.random() < 0.7) else "reply"
            reply_to = parent if kind != "reply" or first is None else first
            item = self.item(conversation_id, channel, kind, False, author, at, recent, reply_to)
            first = first or item
            if rng.random() < (0.15 if recent else 0.5):
                at += timedelta(minutes=rng.expovariate(1 / 60))
                ours_kind = "message" if not public and kind in ("message", "email") else "reply"
                self.item(conversation_id, channel, ours_kind, True, None, at, recent, item)
            if not public:
                parent = item
        # As ingest keys them: the post's id, or the person for direct messages (one thread per
        # person and spell here, so the generator needs no lookups).
        if first_kind in ("message", "email"):
            key = f"dm:innbygger{first_author}:{conversation_id}"
        else:
            key = (post if public else first).external_id
        self.conversations.append(
            Conversation(
                id=conversation_id,
                organization_id=self.org_id,
                channel=channel,
                key=key,
                started_at=started,
                last_activity_at=at,
            )
        )

    def item(self, conversation_id, channel, kind, ours, author, at, recent, parent):
        from torget.inbox.models import Item

        rng = self.rng
        pk = self.next_item
        self.next_item += 1
        row = Item(
            id=pk,
            organization_id=self.org_id,
            conversation_id=conversation_id,
            channel=channel,
            external_id=f"{channel}-{pk}",
            kind=kind,
            ours=ours,
            author_id=author,
            media=[],
            labels=[],
            parent_id=parent.pk if parent is not None else None,
            in_reply_to=parent.external_id if parent is not None else "",
            received_at=at,
        )
        if ours:
            row.text = OURS if kind != "post" else POST.format(street=rng.choice(STREETS))
            row.language, row.status, row.closed_at = "nb", "closed", at
        else:
            language = rng.choices(list(LANGUAGES), weights=list(LANGUAGES.values()))[0]
            row.text, row.language = rng.choice(self.texts[language]), language
            self.triage(row, channel, recent)
        row.html = self.html[row.text]
        self.items.append(row)
        return row

    def triage(self, row, channel: str, recent: bool) -> None:
        rng, at = self.rng, row.received_at
        at_once, during_day, next_day = self.classes
        row.response_class_id = rng.choices((at_once.pk, during_day.pk, next_day.pk), (15, 60, 25))[
            0
        ]
        if channel in ("messenger", "email"):
            team = self.teams["Kundesenter"]
        else:
            team = rng.choices(
                (
                    self.teams["Kommunikasjon"],
                    self.teams["Renovasjon"],
                    self.teams["Vei og park"],
                    None,
                ),
                (60, 20, 15, 5),
            )[0]
        row.team_id = team.pk if team else None
        hours = {at_once.pk: 0.5, during_day.pk: 6, next_day.pk: 24}[row.response_class_id]
        if recent:
            row.status = rng.choices(("open", "waiting", "answered", "no_reply"), (80, 8, 7, 5))[0]
        else:
            row.status = rng.choices(("answered", "no_reply", "closed"), (70, 15, 15))[0]
        if row.status in ("open", "waiting"):
            # A quarter is overdue, the rest falls due within three days.
            row.due_at = self.now + timedelta(hours=rng.uniform(-24, 72))
            if rng.random() < 0.35:
                row.assigned_to_id = rng.choice(self.people)
                row.assigned_at = row.due_at - timedelta(hours=1)
        else:
            row.due_at = at + timedelta(hours=hours)
            done = at + timedelta(minutes=rng.uniform(5, 60 * hours * 1.3))
            row.assigned_to_id = rng.choice(self.people) if rng.random() < 0.8 else None
            if row.status == "answered":
                row.answered_at = done
            else:
                row.closed_at = done
                row.no_reply_reason = "other" if row.status == "no_reply" else ""
            if done > row.due_at:
                row.breached_at = row.due_at

    def flush(self) -> None:
        from django.db import transaction

        from torget.inbox.models import Conversation, Item

        with transaction.atomic():
            Conversation.objects.bulk_create(self.conversations)
            Item.objects.bulk_create(self.items)
        self.written += len(self.items)
        self.items, self.conversations = [], []


def describe(inbox, member) -> str:
    from django.db.models import Count
    from django.utils import timezone

    from torget.inbox.models import Contact, Conversation, Item

    items = Item.objects.filter(organization=inbox.organization)
    statuses = dict(items.values_list("status").annotate(n=Count("pk")).order_by())
    waiting = items.filter(ours=False, status__in=("open", "waiting"))
    return (
        f"{items.count():,} items ({items.filter(ours=True).count():,} our own), "
        f"{Conversation.objects.filter(organization=inbox.organization).count():,} conversations, "
        f"{Contact.objects.filter(organization=inbox.organization).count():,} contacts\n"
        f"  status {statuses}\n"
        f"  needing an answer {waiting.count():,}: overdue "
        f"{waiting.filter(due_at__lt=timezone.now()).count():,}, nynorsk "
        f"{waiting.filter(language='nn').count():,}, held by {RESPONDER} "
        f"{waiting.filter(assigned_to=member).count():,}, by team "
        f"{dict(waiting.values_list('team__name').annotate(n=Count('pk')).order_by())}"
    )


def analyze(vendor: str, on_sqlite: bool) -> str:
    from django.db import connection

    started = time.perf_counter()
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        return f"VACUUM ANALYZE {time.perf_counter() - started:.1f} s"
    if on_sqlite:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return f"ANALYZE {time.perf_counter() - started:.1f} s"
    return "no ANALYZE (as Torget runs SQLite)"


# In-process look at each target ---------------------------------------------------------------


def in_process(targets, member, token) -> None:
    """Each target rendered in this process: time, SQL statements and the slowest of them."""
    from django.db import connection
    from django.test import Client

    page = Client(SERVER_NAME="127.0.0.1")
    page.force_login(member.user)
    api = Client(SERVER_NAME="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    print(f"\nin-process, no HTTP, no concurrency (median of 3): {'':14} ms  SQL  SQL ms")
    for name, path in targets:
        client = api if path.startswith("/api/") else page
        runs = []
        for _ in range(3):
            statements: list[tuple[float, str]] = []

            def timed(execute, sql, params, many, context, statements=statements):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    statements.append((time.perf_counter() - started, sql))

            with connection.execute_wrapper(timed):
                started = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - started
            assert response.status_code == 200, (path, response.status_code)
            runs.append((elapsed, statements))
        elapsed, statements = sorted(runs, key=lambda run: run[0])[1]
        slowest = sorted(statements, reverse=True)[: 6 if name == "/inbox/" else 1]
        print(
            f"  {name:46} {elapsed * 1000:6.1f} {len(statements):4} "
            f"{sum(t for t, _s in statements) * 1000:7.1f}  slowest:"
        )
        for seconds, sql in slowest:
            print(f"    {seconds * 1000:7.1f} ms  {shorten(sql)}")
    connection.close()


def shorten(sql: str) -> str:
    sql = re.sub(r'"inbox_item"\."(\w+)"', r"\1", sql)
    head = re.sub(r"^SELECT .*? FROM", "SELECT … FROM", sql, flags=re.S)
    head = re.sub(r" (INNER|LEFT OUTER) JOIN .*? (WHERE|GROUP BY)", r" … \2", head, flags=re.S)
    return head[:150]


# The server and its clients ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database, port: int, log_path, workers, threads) -> subprocess.Popen:
    """`torget serve` as it ships, unless --workers or --threads say otherwise."""
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
    chosen = [("--workers", workers), ("--threads", threads)]
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/torget"), "serve", "--host", "127.0.0.1", "--port", str(port)]
        + [str(part) for flag, value in chosen if value for part in (flag, value)],
        cwd=ROOT,
        env=database.server_env(),
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at once; see {log_path}:\n{log_path.read_text()}")
        try:
            status, _headers, _body = get(port, "/login/")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"the server did not answer within 90 s; see {log_path}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def cpu_seconds(pids, reaped: bool = False) -> float:
    """User plus system CPU of the given processes so far, from /proc; with `reaped`, also that
    of their children that have ended (PostgreSQL's backends and parallel workers)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
        if reaped:
            total += int(fields[13]) + int(fields[14])
    return total / os.sysconf("SC_CLK_TCK")


def parent_of(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rpartition(")")[2].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def postgres_backends() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


class CpuMeter:
    """CPU spent by the server's workers, PostgreSQL (all of it) and this load generator."""

    def __init__(self, server: subprocess.Popen, vendor: str):
        self.workers = [server.pid, *children_of(server.pid)]
        self.vendor = vendor

    def sample(self) -> tuple[float, float, float]:
        database = 0.0
        if self.vendor == "postgresql":
            backends = postgres_backends()
            # The postmaster collects the CPU of backends that have ended; the live ones and the
            # postmaster itself are read directly. The whole cluster counts, other users included.
            postmasters = [pid for pid in backends if parent_of(pid) not in backends]
            database = cpu_seconds(backends) + cpu_seconds(postmasters, reaped=True)
            database -= cpu_seconds(postmasters)
        own = os.times()
        return cpu_seconds(self.workers), database, own.user + own.system

    def report(self, before, after, requests: int, wall: float) -> float:
        server, database, client = (b - a for a, b in zip(before, after, strict=True))
        database_part = (
            f", PostgreSQL (whole cluster) {database / requests * 1000:.1f} ms"
            if self.vendor == "postgresql"
            else ""
        )
        print(
            f"  CPU per request: server workers {server / requests * 1000:.1f} ms{database_part}, "
            f"load generator {client / requests * 1000:.1f} ms; the server used "
            f"{(server + database) / wall:.2f} of {os.cpu_count()} cores, the load generator "
            f"{client / wall:.2f}"
        )
        return (server + database) / requests


def get(port: int, path: str, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def cookies_of(headers) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            jar.load(value)
    return {key: morsel.value for key, morsel in jar.items()}


def log_in(port: int) -> str:
    """Through the real login form, CSRF and all; returns the session cookie."""
    status, headers, body = get(port, "/login/")
    csrf = cookies_of(headers)["csrftoken"]
    form_token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        "/login/",
        body=urlencode(
            {
                "csrfmiddlewaretoken": form_token.decode(),
                "username": RESPONDER,
                "password": PASSWORD,
            }
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
        },
    )
    response = connection.getresponse()
    response.read()
    session = cookies_of(response.getheaders()).get("sessionid")
    connection.close()
    if response.status != 302 or not session:
        raise SystemExit(f"logging in failed: HTTP {response.status}")
    return f"sessionid={session}; csrftoken={csrf}"


def hammer(port, targets, headers_for, clients, per_target, seconds, think=0.0):
    """`clients` threads with one keep-alive connection each share the interleaved work list.

    With `think` each client pauses a random while (exponential, that mean in seconds) after
    each answer, as a responder reads the list before the next click.
    """
    jobs = [name for name, _path in targets for _ in range(per_target)]
    random.Random(7).shuffle(jobs)
    paths = dict(targets)
    counter = itertools.count()
    results: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(seed: int) -> None:
        pause = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[tuple[str, float, bool]] = []
        while time.monotonic() < deadline:
            if think and mine:
                time.sleep(pause.expovariate(1 / think))
            index = next(counter)
            if index >= len(jobs):
                break
            name = jobs[index]
            for _attempt in (1, 2):
                started = time.perf_counter()
                try:
                    connection.request("GET", paths[name], headers=headers_for(paths[name]))
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                    if response.getheader("Connection", "").lower() == "close":
                        connection.close()
                    break
                except (OSError, http.client.HTTPException):
                    # The server closes a keep-alive connection idle past its timeout; a
                    # browser opens a new one and asks again, and so does this client, once.
                    ok = False
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append((name, time.perf_counter() - started, ok))
        connection.close()
        with lock:
            for name, elapsed, ok in mine:
                if ok:
                    results[name].append(elapsed)
                else:
                    errors[name] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors, time.perf_counter() - started


def serving(args) -> str:
    from torget.system.management.commands.serve import default_workers

    workers = args.workers or int(os.environ.get("WEB_CONCURRENCY", default_workers()))
    threads = args.threads or int(os.environ.get("WEB_THREADS", 1))
    return f"{workers} processes x {threads} thread{'s' if threads > 1 else ''}"


def under_load(port, targets, headers_for, meter, args, think: float) -> bool:
    """The load run; returns whether the goal holds (only asked of clients that pause)."""
    before = meter.sample()
    results, errors, wall = hammer(
        port, targets, headers_for, args.clients, args.requests, args.seconds, think
    )
    after = meter.sample()
    pausing = f"pausing a mean {think} s between requests" if think else "that never pause"
    ok = report(
        f"{args.clients} concurrent keep-alive clients {pausing}, up to {args.requests} "
        f"requests per target, {wall:.1f} s (server: {serving(args)}; load average "
        f"{load()})",
        targets,
        results,
        errors,
        wall,
    )
    everything = sorted(t for times in results.values() for t in times)
    cpu = meter.report(before, after, len(everything) + sum(errors.values()), wall)
    print(
        f"  p95 < {GOAL_P95_MS} ms for every target: {'yes' if ok else 'no'} (overall p95 "
        f"{percentile(everything, 0.95) * 1000:.1f} ms, "
        f"median {statistics.median(everything) * 1000:.1f} ms)"
    )
    if think:
        return ok
    # Little's law for clients that never pause: latency = clients / throughput.
    needed = args.clients / (GOAL_P95_MS / 1000)
    print(
        f"  {args.clients} clients that never pause wait clients/throughput = "
        f"{args.clients / (len(everything) / wall) * 1000:.0f} ms on average; under "
        f"{GOAL_P95_MS} ms needs over {needed:.0f} requests/s, i.e. at most "
        f"{os.cpu_count() / needed * 1000:.1f} ms of CPU per request on "
        f"{os.cpu_count()} cores (measured {cpu * 1000:.1f} ms)"
    )
    return True


def report(title, targets, results, errors, wall: float) -> bool:
    print(f"\n{title}")
    print(
        f"  {'target':46} {'n':>6} {'err':>4} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'req/s':>7}"
    )
    everything = []
    ok = True
    for name, _path in targets:
        times = sorted(results.get(name, []))
        everything += times
        p95 = percentile(times, 0.95) * 1000
        ok &= p95 < GOAL_P95_MS and not errors.get(name)
        print(
            f"  {name:46} {len(times):6} {errors.get(name, 0):4} "
            f"{percentile(times, 0.5) * 1000:7.1f} {p95:7.1f} "
            f"{percentile(times, 0.99) * 1000:7.1f} {len(times) / wall:7.1f}"
        )
    everything.sort()
    print(
        f"  {'all':46} {len(everything):6} {sum(errors.values()):4} "
        f"{percentile(everything, 0.5) * 1000:7.1f} {percentile(everything, 0.95) * 1000:7.1f} "
        f"{percentile(everything, 0.99) * 1000:7.1f} {len(everything) / wall:7.1f}"
    )
    return ok


# After the load: ingest into the big inbox ------------------------------------------------------


def ingest_check(inbox, fresh) -> None:
    """One batch of 500 new items into the filled inbox, against the same into an empty one."""
    from ingest import Stages, generated_bodies, ingest  # the sibling bench

    from torget.inbox.language import detector

    detector()  # loaded once per process; not part of either measurement
    ingest(make_inbox("Oppvarming", "warm").organization, generated_bodies(100, seed=5))
    bodies = generated_bodies(500, seed=99)
    for body in bodies:  # ids of their own, so none is already in the filled inbox
        body["external_id"] = f"new-{body['external_id']}"
        if body.get("in_reply_to"):
            body["in_reply_to"] = f"new-{body['in_reply_to']}"
    fresh_seconds, _ = ingest(fresh.organization, bodies)
    with Stages() as stages:
        big_seconds, _ = ingest(inbox.organization, bodies)
    print(
        f"\ningest of the same 500 new items: into an empty inbox {fresh_seconds:.2f} s "
        f"({500 / fresh_seconds:,.0f} items/s), into this filled one {big_seconds:.2f} s "
        f"({500 / big_seconds:,.0f} items/s); there the costliest steps and statements were"
    )
    for label, spent in sorted(stages.seconds.items(), key=lambda kv: -kv[1])[:3]:
        print(f"  {label:42} {spent:8.2f} s")
    for shape, (count, spent) in sorted(stages.sql.items(), key=lambda kv: -kv[1][1])[:3]:
        print(f"  {shape[:42]:42} {spent:8.2f} s in {count} statements")


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    add_database_option(parser)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="at most, per target")
    parser.add_argument("--seconds", type=float, default=120, help="at most, for the whole load")
    parser.add_argument("--sequential", type=int, default=30, help="one-client requests/target")
    parser.add_argument("--workers", type=int, help="server processes (default: torget serve's)")
    parser.add_argument("--threads", type=int, help="threads per process (default: serve's)")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean pause of a responder between requests (s)"
    )
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE on SQLite too")
    parser.add_argument("--no-ingest-check", action="store_true")
    args = parser.parse_args()

    with BenchDatabase(args.database_url) as database:
        from django.db import connection, connections

        from torget.accounts.actions.tokens import do_create_token
        from torget.orgs.models import Role

        print(f"{database.label}; {os.cpu_count()} cores; load average {load()}")
        inbox = make_inbox("Bymiljøetaten", "alice")
        teams = inbox.teams
        member = add_member(
            inbox,
            RESPONDER,
            Role.RESPONDER,
            [teams["Kommunikasjon"], teams["Kundesenter"]],
            password=PASSWORD,
        )
        for n, team in enumerate(itertools.islice(itertools.cycle(teams.values()), 7)):
            add_member(inbox, f"kollega{n}", Role.RESPONDER, [team])

        started = time.perf_counter()
        filler = Filler(inbox, args.items)
        timings = filler.run()
        fill = time.perf_counter() - started
        written = filler.written
        print(
            f"fill: {written:,} items in {fill:.1f} s ({written / fill:,.0f} items/s; "
            + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
            + f"); {analyze(connection.vendor, args.analyze)}"
        )
        print("  " + describe(inbox, member))
        _token, secret = do_create_token(member, "bench")
        kommunikasjon, kundesenter = teams["Kommunikasjon"].pk, teams["Kundesenter"].pk
        targets = [
            ("/inbox/", "/inbox/"),
            ("/inbox/?team=Kommunikasjon", f"/inbox/?team={kommunikasjon}"),
            ("/inbox/?overdue=on", "/inbox/?overdue=on"),
            ("/inbox/?mine=on", "/inbox/?mine=on"),
            ("/inbox/?language=nn", "/inbox/?language=nn"),
            (
                "/api/v1/items?status=open&team=Kundesenter",
                f"/api/v1/items?status=open&team={kundesenter}&limit=50",
            ),
            ("/api/v1/items?overdue=true", "/api/v1/items?overdue=true"),
        ]
        in_process(targets, member, secret)
        connections.close_all()

        port = free_port()
        log_path = database.data_dir / "server.log"
        server = start_server(database, port, log_path, args.workers, args.threads)
        try:
            session = log_in(port)
            page_headers = {"Cookie": session, "Accept-Language": "nb"}
            api_headers = {"Authorization": f"Bearer {secret}"}

            def headers_for(path: str) -> dict[str, str]:
                return api_headers if path.startswith("/api/") else page_headers

            for _name, path in targets:  # warm both workers' caches
                for _ in range(4):
                    status, _h, _b = get(port, path, headers_for(path))
                    assert status == 200, (path, status)
            meter = CpuMeter(server, connection.vendor)
            before = meter.sample()
            results, errors, wall = hammer(
                port, targets, headers_for, 1, args.sequential, args.seconds
            )
            after = meter.sample()
            report(
                f"one client, {args.sequential} requests per target (baseline: no queueing)",
                targets,
                results,
                errors,
                wall,
            )
            meter.report(before, after, sum(map(len, results.values())), wall)
            ok = True
            for think in (args.think, 0.0):
                ok &= under_load(port, targets, headers_for, meter, args, think)
            print(
                f"\ngoal p95 < {GOAL_P95_MS} ms for every target with {args.clients} responders "
                f"who pause a mean {args.think} s between requests: {'holds' if ok else 'MISSED'}"
            )
        finally:
            stop_server(server)
        if not args.no_ingest_check:
            ingest_check(inbox, make_inbox("Tom innboks", "empty"))


if __name__ == "__main__":
    main()
