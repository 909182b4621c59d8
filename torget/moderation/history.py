"""What an organization's earlier items say about a batch arriving: domains its spam linked to,
the same text from many writers or many times from one, a writer never seen before
(spam_signals.History). A batch costs at most one query, whatever its size, and none without
links; recent texts are kept in the shared cache (see RECENT)."""

import hashlib
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from django.core.cache import caches
from django.db.models import Q
from django.utils import timezone

from torget.inbox.models import Item
from torget.moderation.models import Verdict
from torget.moderation.spam_signals import History, domains_in, throwaway

SPAM_MEMORY = timedelta(days=90)
SAME_TEXT_WINDOW = timedelta(hours=24)
# Many people write "Takk!" or "Hvorfor?": only a text this long counts as a copy.
MIN_COPIED_LENGTH = 25
# Recent texts are remembered here, one entry per organization, rather than looked up in the
# items: the items have no index by time, and reading a busy organization's day of items for
# every batch would cost more than the batch. Shared by every process, as the census is. A
# count may come out short when two batches are judged at the very same moment, or if the cache
# is lost: a signal then fires a little later, never wrongly.
RECENT = "shared"
# A batch asks about at most this many domains (spam robots link to few).
MAX_DOMAINS = 50
MAX_COPIES_KEPT = 500  # per text: past this many, a text is a campaign whatever the count
RECENT_SECONDS = int(SAME_TEXT_WINDOW.total_seconds()) + 3600
SPACE = re.compile(r"\s+")
# Sites everyone links to: one spam comment with a video must not make every video suspect.
COMMON_DOMAINS = {
    "facebook.com", "m.facebook.com", "instagram.com", "youtube.com", "youtu.be", "x.com",
    "twitter.com", "tiktok.com", "linkedin.com", "google.com", "maps.google.com", "vipps.no",
    "wikipedia.org", "no.wikipedia.org", "nrk.no", "vg.no", "regjeringen.no", "norge.no",
}  # fmt: skip


def handle_of(item: Item) -> str:
    """The writer's handle where it is at hand: edits arrive without their writer loaded."""
    if Item.author.is_cached(item) and item.author is not None:
        return item.author.handle
    return ""


def normalised(text: str) -> str:
    return SPACE.sub(" ", text).strip().casefold()


def histories(items: list[Item], new_authors: set[int]) -> dict[int, History]:
    """Each item's History, keyed by id() of the item. `new_authors`: contacts first seen in
    this batch. The batch's own items count as history for one another."""
    if not items:
        return {}
    organization_id = items[0].organization_id
    spam_domains = domains_seen_in_spam(organization_id, items)
    copies = same_text_counts(organization_id, items)
    return {
        id(item): History(
            spam_domains=spam_domains,
            same_text_authors=copies.get(id(item), (0, 0))[0],
            same_text_by_author=copies.get(id(item), (0, 0))[1],
            new_author=item.author_id in new_authors,
            throwaway_author=throwaway(handle_of(item)),
        )
        for item in items
    }


def domains_seen_in_spam(organization_id: int, items: list[Item]) -> frozenset[str]:
    """Of the domains this batch links to, those in the organization's spam of the last 90
    days: what a person marked spam, or Torget judged spam and nobody said otherwise."""
    linked = [
        domain
        for domain in dict.fromkeys(d for item in items for d in domains_in(item.text))
        if domain not in COMMON_DOMAINS
    ]
    if not linked:
        return frozenset()
    mentions = Q()
    for domain in linked[:MAX_DOMAINS]:
        mentions |= Q(item__text__icontains=domain)
    # Marking spam makes the verdict spam too, so the verdict's index finds both.
    texts = (
        Verdict.objects.filter(mentions, organization_id=organization_id, verdict="spam")
        .exclude(spam_label=False)
        .filter(judged_at__gte=timezone.now() - SPAM_MEMORY)
        .exclude(item__in=[item.pk for item in items if item.pk is not None])
        .values_list("item__text", flat=True)
    )
    seen = {domain for text in texts for domain in domains_in(text)}
    return frozenset(seen & set(linked))


def same_text_counts(organization_id: int, items: list[Item]) -> dict[int, tuple[int, int]]:
    """For each item with a long enough text: (other writers who sent the same text in the
    last 24 hours, times its own writer did, this one included)."""
    by_text: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if copyable(item.text):
            by_text[fingerprint(item.text)].append(item)
    if not by_text:
        return {}
    oldest = (since(items) - SAME_TEXT_WINDOW).timestamp()
    remembered = caches[RECENT].get(recent_key(organization_id), {})
    # fingerprint → [(item id, writer id, when sent)], for the organization's last day.
    recent: dict[str, list[tuple[int, int | None, float]]] = {
        text: kept for text, rows in remembered.items() if (kept := fresh(rows, oldest))
    }
    confirmed = stored_copies(organization_id, {t: recent.get(t, []) for t in by_text})
    counts = {}
    for text, group in by_text.items():
        # (item, writer) → when sent: an item seen before and now again (an edit) counts once.
        sent = {(pk, writer): at for pk, writer, at in recent.get(text, []) if pk in confirmed}
        sent |= {
            (item.pk or -id(item), item.author_id): item.received_at.timestamp() for item in group
        }
        writers = Counter(writer for _item, writer in sent)
        for item in group:
            counts[id(item)] = (len(writers) - (item.author_id in writers), writers[item.author_id])
        latest = sorted(sent.items(), key=lambda row: row[1])[-MAX_COPIES_KEPT:]
        recent[text] = [(pk, writer, at) for (pk, writer), at in latest if pk > 0]
    caches[RECENT].set(recent_key(organization_id), recent, RECENT_SECONDS)
    return counts


def fresh(rows: list, oldest: float) -> list:
    return [row for row in rows if row[2] >= oldest]


def stored_copies(organization_id: int, remembered: dict[str, list]) -> set[int]:
    """Of the remembered copies of this batch's texts, those the database holds as remembered
    (same writer, same text): a batch rolled back leaves copies that were never stored, whose
    ids another item may since have taken. One query, and none when nothing was copied."""
    wanted = {pk: (text, writer) for text, rows in remembered.items() for pk, writer, _at in rows}
    if not wanted:
        return set()
    found = Item.objects.filter(organization_id=organization_id, pk__in=list(wanted))
    return {
        pk
        for pk, writer, text in found.values_list("pk", "author_id", "text")
        if wanted[pk] == (fingerprint(text), writer)
    }


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalised(text).encode()).hexdigest()[:20]


def recent_key(organization_id: int) -> str:
    return f"moderation:recent-texts:{organization_id}"


def since(items: list[Item]) -> datetime:
    """Now, or the earliest item's time when a batch brings older items (a platform catching
    up): they are compared with the day they were written in."""
    return min([timezone.now(), *(item.received_at for item in items if item.received_at)])


def copyable(text: str) -> bool:
    return len(normalised(text)) >= MIN_COPIED_LENGTH
