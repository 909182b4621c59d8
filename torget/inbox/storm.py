"""Storms and near-duplicates: when a post draws a surge of comments, answer many at once.

A storm is a post whose comments in the last hour far exceed its own usual hourly rate (the
Friday-afternoon campaign that drew a weekend of anger). Near-duplicate comments are grouped
with MinHash over word shingles, so one answer can go to all of them.
"""

import re
from bisect import bisect_right
from datetime import datetime, timedelta

from datasketch import MinHash, MinHashLSH

WINDOW = timedelta(hours=1)
MIN_STORM = 10  # comments in the window before anything counts as a storm
SURGE = 4  # times the post's own usual hourly rate
SIMILAR = 0.5  # Jaccard similarity of shingles for "the same comment"
PERMUTATIONS = 64
WORD = re.compile(r"\w+", re.UNICODE)


def is_storm(comment_times: list[datetime], posted_at: datetime, now: datetime) -> bool:
    recent = sum(1 for t in comment_times if now - WINDOW < t <= now)
    earlier = sum(1 for t in comment_times if t <= now - WINDOW)
    return surges(recent, earlier, posted_at, now)


def surges(recent: int, earlier: int, posted_at: datetime, now: datetime) -> bool:
    """`recent` comments in the hour up to `now` against `earlier` ones before that hour."""
    if recent < MIN_STORM:
        return False
    hours_before = max((now - WINDOW - posted_at).total_seconds() / 3600, 1.0)
    usual_rate = earlier / hours_before
    return recent >= SURGE * max(usual_rate, 1.0)


def storm_start(
    sorted_times: list[datetime],
    posted_at: datetime,
    checked_from: datetime | None = None,
    before: int = 0,
) -> datetime | None:
    """The first comment time from `checked_from` on at which the post was in a storm, as
    is_storm sees it.

    Every such comment time is checked, so a batch that delivers a whole weekend at once still
    finds Friday's surge; counting by bisection keeps that O(n log n) for a post with thousands.
    `sorted_times` may leave out the `before` comments that came more than an hour before
    `checked_from`, since only their number matters.
    """
    for now in sorted_times:
        if checked_from is not None and now < checked_from:
            continue
        up_to_now = bisect_right(sorted_times, now)
        earlier = bisect_right(sorted_times, now - WINDOW)
        if surges(up_to_now - earlier, before + earlier, posted_at, now):
            return now
    return None


def shingles(text: str) -> set[str]:
    words = WORD.findall(text.casefold())
    if len(words) < 3:
        return set(words)
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)} | set(words)


def signature(text: str) -> MinHash:
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    for shingle in shingles(text):
        minhash.update(shingle.encode())
    return minhash


def similar_groups(texts: dict[int, str]) -> list[list[int]]:
    """Groups of ids whose texts are near-duplicates, largest first; singletons left out."""
    lsh = MinHashLSH(threshold=SIMILAR, num_perm=PERMUTATIONS)
    signatures = {key: signature(text) for key, text in texts.items() if text.strip()}
    for key, minhash in signatures.items():
        lsh.insert(key, minhash)
    seen: set[int] = set()
    groups = []
    for key, minhash in signatures.items():
        if key in seen:
            continue
        group = sorted(k for k in lsh.query(minhash) if k not in seen)
        seen.update(group)
        if len(group) > 1:
            groups.append(group)
    return sorted(groups, key=len, reverse=True)
