"""Real recorded platform material through the connectors' parsers: understood, ignored on
purpose (and why), or failed. Goal: none failed.

    .venv/bin/python bench/contracts.py [--show-failures 10]

Reads (never copies) ../shared/data:
  meta-webhooks-restfb/*.json         Graph API webhook bodies      → facebook (or instagram)
  mastodon-py-cassettes/*.yaml        every recorded server reply   → mastodon
  bluesky-jetstream-sample/*.jsonl    Jetstream events, one a line  → bluesky
"""

import argparse
import gzip
import os
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared/data"


def facebook_bodies():
    for path in sorted((DATA / "meta-webhooks-restfb").glob("*.json")):
        body = path.read_bytes()
        platform = "instagram" if b'"instagram"' in body[:200] else "facebook"
        yield platform, path.name, body


def mastodon_bodies():
    import yaml

    for path in sorted((DATA / "mastodon-py-cassettes").glob("*.yaml")):
        cassette = yaml.safe_load(path.read_text())
        for n, interaction in enumerate(cassette.get("interactions") or []):
            response = interaction["response"]
            body = response.get("body", {}).get("string", b"")
            body = body.encode() if isinstance(body, str) else body
            headers = {k.lower(): " ".join(v) for k, v in (response.get("headers") or {}).items()}
            if "gzip" in headers.get("content-encoding", ""):
                body = gzip.decompress(body)
            kind = headers.get("content-type", "")
            if body.strip() and "json" in kind:
                yield "mastodon", f"{path.name}#{n}", body


def bluesky_bodies():
    for path in sorted((DATA / "bluesky-jetstream-sample").glob("*.jsonl")):
        for n, line in enumerate(path.read_bytes().splitlines(), start=1):
            if line.strip():
                yield "bluesky", f"{path.name}:{n}", line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-failures", type=int, default=10)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"recorded material not found at {DATA}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torget.settings")
    import django

    django.setup()
    from torget.channels.connectors import connector_for
    from torget.channels.events import Ignored, Incoming, MalformedPayloadError, Removed

    failed = []
    for source in (facebook_bodies, mastodon_bodies, bluesky_bodies):
        bodies = understood = 0
        counts: Counter = Counter()
        reasons: Counter = Counter()
        for platform, name, body in source():
            bodies += 1
            try:
                events = connector_for(platform).parse_raw(body)
            except MalformedPayloadError as error:
                failed.append((name, str(error)))
                counts["failed"] += 1
                continue
            understood += 1
            for event in events:
                if isinstance(event, Incoming):
                    counts["edited" if event.edited else "items"] += 1
                elif isinstance(event, Removed):
                    counts["removed"] += 1
                elif isinstance(event, Ignored):
                    counts["ignored"] += 1
                    reasons[event.reason.split(":")[0]] += 1
        label = source.__name__.removesuffix("_bodies")
        print(f"{label}: {bodies} payloads, {understood} understood, {counts['failed']} failed")
        print(
            f"  events: {counts['items']} items, {counts['edited']} edits, "
            f"{counts['removed']} removals, {counts['ignored']} ignored on purpose"
        )
        for reason, n in reasons.most_common():
            print(f"    {n:5d}  {reason}")
    for name, error in failed[: args.show_failures]:
        print(f"FAILED {name}: {error}")
    print(f"goal: none failed: {'holds' if not failed else f'MISSED ({len(failed)} failed)'}")


if __name__ == "__main__":
    main()
