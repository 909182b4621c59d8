"""How well the inbox's sentiment scorer reads tone, on Norwegian review sentences (NoReC).

    .venv/bin/python bench/sentiment_eval.py

Chooses the tone thresholds on the 3-class dev split (best macro-F1) and reports them next to
the ones in torget/inbox/sentiment.py. Then, on the test splits, prints accuracy, macro-F1 and
per-class precision/recall of tone(sentiment_of(text, "nb")) against the gold label, beside
the baseline of always answering the dev split's majority class, measured in the same run. The
binary split (Positive/Negative only) reads a score below 0 as Negative. NoReC is professional
reviews rather than citizens' comments, so the absolute numbers are modest; what matters is a
clear lead over the baseline in macro-F1 and in Negative recall.
Needs ../shared/data/norec-sentence.
"""

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from torget.inbox import sentiment

DATA = Path(__file__).resolve().parents[2] / "shared/data/norec-sentence"
LABELS = {"negative": "Negative", "neutral": "Neutral", "positive": "Positive"}
GRID = [round(step * 0.05, 2) for step in range(13)]


def load(split: str) -> list[tuple[str, str]]:
    path = DATA / split
    if not path.exists():
        sys.exit(f"NoReC sentence data not found at {path}")
    return [(row["text"], row["label"]) for row in json.loads(path.read_text())]


def scored(rows: list[tuple[str, str]]) -> list[tuple[float, str]]:
    return [(sentiment.sentiment_of(text, "nb"), gold) for text, gold in rows]


def three_class(score: float) -> str:
    return LABELS[sentiment.tone(score)]


def binary(score: float) -> str:
    return "Negative" if score < 0 else "Positive"


def report(pairs: list[tuple[str, str]], classes: list[str]) -> dict[str, float]:
    """Accuracy, macro-F1 and per-class precision/recall of (predicted, gold) pairs."""
    result = {"accuracy": sum(p == g for p, g in pairs) / len(pairs)}
    f1s = []
    for label in classes:
        hits = sum(p == g == label for p, g in pairs)
        predicted = sum(p == label for p, _g in pairs)
        actual = sum(g == label for _p, g in pairs)
        precision = hits / predicted if predicted else 0.0
        recall = hits / actual if actual else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if hits else 0.0)
        result[f"{label} P"], result[f"{label} R"] = precision, recall
    result["macro-F1"] = sum(f1s) / len(f1s)
    return result


def choose_thresholds(dev: list[tuple[float, str]], classes: list[str]) -> tuple[float, float]:
    best = (-1.0, 0.0, 0.0)
    for below in GRID:
        for positive_from in GRID:
            sentiment.NEGATIVE_BELOW, sentiment.POSITIVE_FROM = -below, positive_from
            pairs = [(three_class(score), gold) for score, gold in dev]
            best = max(best, (report(pairs, classes)["macro-F1"], -below, positive_from))
    return best[1], best[2]


def show(
    title: str,
    rows: list[tuple[float, str]],
    predict: Callable[[float], str],
    majority: str,
    classes: list[str],
) -> None:
    counts = Counter(gold for _score, gold in rows)
    print(f"\n{title}: {len(rows)} sentences, " + ", ".join(f"{counts[c]} {c}" for c in classes))
    columns = ["accuracy", "macro-F1"] + [f"{c} {m}" for c in classes for m in "PR"]
    print(f"{'':12}" + "".join(f"{c:>12}" for c in columns))
    systems = {
        "lexicon": [(predict(score), gold) for score, gold in rows],
        f"{majority.lower()} only": [(majority, gold) for _score, gold in rows],
    }
    for name, pairs in systems.items():
        result = report(pairs, classes)
        print(f"{name:12}" + "".join(f"{result[c]:12.3f}" for c in columns))


def main() -> None:
    classes = ["Negative", "Neutral", "Positive"]
    dev = scored(load("3class/dev.json"))
    majority = Counter(gold for _score, gold in dev).most_common(1)[0][0]
    in_module = (sentiment.NEGATIVE_BELOW, sentiment.POSITIVE_FROM)
    chosen = choose_thresholds(dev, classes)
    sentiment.NEGATIVE_BELOW, sentiment.POSITIVE_FROM = chosen
    dev_f1 = report([(three_class(s), g) for s, g in dev], classes)["macro-F1"]
    print(
        f"thresholds chosen on dev: negative below {chosen[0]:+.2f}, "
        f"positive from {chosen[1]:+.2f} (dev macro-F1 {dev_f1:.3f}); "
        f"in sentiment.py: {in_module[0]:+.2f}, {in_module[1]:+.2f}"
    )
    if chosen != in_module:
        print("note: sentiment.py's thresholds differ from the ones chosen here")
    show("3class test", scored(load("3class/test.json")), three_class, majority, classes)
    binary_dev = load("binary/dev.json")
    binary_majority = Counter(gold for _text, gold in binary_dev).most_common(1)[0][0]
    binary_classes = ["Negative", "Positive"]
    show("binary test", scored(load("binary/test.json")), binary, binary_majority, binary_classes)


if __name__ == "__main__":
    main()
