"""How well the inbox tells bokmål from nynorsk, on real Norwegian tweets (NorDial).

    .venv/bin/python bench/language_eval.py [--margin 0.15]

Prints accuracy per written standard for several nynorsk margins, against the baseline of
always answering in bokmål, measured in the same run. Needs ../shared/data/nordial.
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from torget.inbox import language

DATA = Path(__file__).resolve().parents[2] / "shared/data/nordial/tweet_level"
EXPECTED = {"bokmål": "nb", "nynorsk": "nn"}


def load() -> list[tuple[str, str]]:
    if not DATA.exists():
        sys.exit(f"NorDial not found at {DATA}")
    rows = []
    for split in ("train", "dev", "test"):
        for row in json.loads((DATA / f"{split}.json").read_text()):
            if row["category"] in EXPECTED:
                rows.append((row["text"], EXPECTED[row["category"]]))
    return rows


def score(rows, margin: float) -> dict[str, float]:
    language.NYNORSK_MARGIN = margin
    hits, totals = Counter(), Counter()
    for text, expected in rows:
        totals[expected] += 1
        hits[expected] += language.detect_language(text) == expected
    overall = sum(hits.values()) / sum(totals.values())
    return {"all": overall} | {code: hits[code] / totals[code] for code in totals}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--margins", default="0,0.05,0.1,0.15,0.2")
    args = parser.parse_args()
    rows = load()
    counts = Counter(expected for _text, expected in rows)
    print(f"{len(rows)} tweets: {counts['nb']} bokmål, {counts['nn']} nynorsk")
    print(f"baseline (always bokmål): all {counts['nb'] / len(rows):.3f}  nb 1.000  nn 0.000")
    for margin in (float(m) for m in args.margins.split(",")):
        result = score(rows, margin)
        print(
            f"margin {margin:4.2f}: all {result['all']:.3f}  "
            f"nb {result['nb']:.3f}  nn {result['nn']:.3f}"
        )


if __name__ == "__main__":
    main()
