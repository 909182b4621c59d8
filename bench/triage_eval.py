"""How well learned suggestions route real customer-service messages to the right team.

    .venv/bin/python bench/triage_eval.py [--steps 50,100,200,400]

Replays the 600 hand-labelled inbound tweets to AmazonHelp, AppleSupport and SpotifyCares (TWCS,
topic labels from Kecht et al., ICPM 2021) in time order, as if one organization's responders had
routed each to a team by topic. Each team is brand + topic ("AppleSupport/Battery"); a tweet with
several topics goes to the team of its most common one, a tweet with none to the brand's general
queue. After 50, 100, 200 and 400 decisions the classifier is trained on the decisions so far and
suggests a team for every later tweet (the same held-out tweets at every step), against the
baseline of always suggesting the most common team so far. Also prints training time, suggestion
throughput, stored model size and the cross-validated score the settings page would show.

Needs ../shared/data/twcs-labeled-topics-ericsson (non-commercial data: benchmark only).
"""

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

from sklearn.metrics import f1_score

from torget.inbox.classifier import DecisionClassifier, Example, evaluate

DATA = Path(__file__).resolve().parents[2] / "shared/data/twcs-labeled-topics-ericsson"
FIRST_LABEL_COLUMN = 10  # index, ids, created_at, author, inbound, text, company come first


def load() -> list[tuple[str, Example]]:
    """(created_at, example) for every inbound tweet, oldest first."""
    if not DATA.exists():
        sys.exit(f"TWCS topic labels not found at {DATA}; see ../shared/data/README.md")
    rows = []
    for path in sorted(DATA.glob("*-inbound.csv")):
        with path.open(newline="", encoding="utf-8") as file:
            tweets = list(csv.DictReader(file))
        topics = list(tweets[0])[FIRST_LABEL_COLUMN:]
        frequency = Counter(t for tweet in tweets for t in topics if tweet[t] == "1")
        for tweet in tweets:
            mine = [t for t in topics if tweet[t] == "1"]
            topic = max(mine, key=lambda t: (frequency[t], -topics.index(t))) if mine else "general"
            label = f"{tweet['company']}/{topic}"
            example = Example(tweet["text"], "twitter", "mention", "en", label)
            rows.append((tweet["created_at"], example))
    rows.sort(key=lambda row: row[0])
    return rows


def scores(truth: list[str], suggested: list[str]) -> tuple[float, float]:
    accuracy = sum(t == s for t, s in zip(truth, suggested, strict=True)) / len(truth)
    return accuracy, float(f1_score(truth, suggested, average="macro", zero_division=0))


def timed(function, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="50,100,200,400", help="decisions to train on")
    steps = [int(step) for step in parser.parse_args().steps.split(",")]
    examples = [example for _, example in load()]
    held_out = examples[max(steps) :]
    truth = [e.label for e in held_out]
    unlabelled = [Example(e.text, e.channel, e.kind, e.language) for e in held_out]
    print(
        f"{len(examples)} tweets, {len({e.label for e in examples})} teams; "
        f"suggesting for the {len(held_out)} tweets after the first {max(steps)}\n"
    )
    print("decisions  teams  accuracy  macro-F1 | baseline acc  macro-F1 | train wall/cpu   size")
    for step in steps:
        seen = examples[:step]
        classifier, wall, cpu = timed(DecisionClassifier.train, seen)
        accuracy, macro = scores(truth, [s.label for s in classifier.suggest_many(unlabelled)])
        majority = Counter(e.label for e in seen).most_common(1)[0][0]
        base_accuracy, base_macro = scores(truth, [majority] * len(truth))
        print(
            f"{step:>9}  {len(classifier.labels):>5}  {accuracy:>8.3f}  {macro:>8.3f} | "
            f"{base_accuracy:>12.3f}  {base_macro:>8.3f} | {wall:>5.2f}s/{cpu:.2f}s"
            f"  {len(classifier.to_bytes()) / 1000:>5.0f} kB"
        )
    batch, wall, _ = timed(classifier.suggest_many, unlabelled)
    _, single_wall, _ = timed(lambda: [classifier.suggest(e) for e in unlabelled])
    print(
        f"\nsuggestions per second: {len(batch) / wall:,.0f} in one batch, "
        f"{len(unlabelled) / single_wall:,.0f} one at a time"
    )
    confidence = sum(s.confidence for s in batch) / len(batch)
    print(f"mean confidence {confidence:.3f} (compare with the accuracy above)")
    result, wall, cpu = timed(evaluate, examples)
    print(
        f"settings page, 5-fold on all {result.examples}: accuracy {result.accuracy:.3f}, "
        f"macro-F1 {result.macro_f1:.3f}, baseline {result.baseline_accuracy:.3f} "
        f"({wall:.2f}s wall, {cpu:.2f}s cpu)"
    )


if __name__ == "__main__":
    main()
