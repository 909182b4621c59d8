"""The verdict on one text, from the signals a moderator reads: spam (moderation.spam_signals)
and abuse (the lexicon's insults, swearing and threats). A threat is said at once, whatever
else; abuse and spam above their lines are named; what is doubtful is held for a person.
Once an organization's decisions have trained its own classifiers (spam_model, abuse_model),
each weighs in as much as the rules do, and says so as the signal "learned"."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from torget.moderation.abuse_lexicon import matches
from torget.moderation.spam_signals import History, Signal, combined, spam_signals

ABUSE_WEIGHTS = {"threat": 0.95, "insult": 0.6, "swearing": 0.3}
SPAM_LINE = 0.8
ABUSE_LINE = 0.7
DOUBT = 0.45  # above this, either way, a person looks before it counts as clean


@dataclass(frozen=True)
class Judgement:
    spam_score: float
    abuse_score: float
    verdict: str
    signals: list[dict[str, Any]]


def abuse_signals(text: str, lexicon: dict[str, list[str]] | None = None) -> list[Signal]:
    return [
        Signal(kind, ABUSE_WEIGHTS.get(kind, ABUSE_WEIGHTS["insult"]), ", ".join(words))
        for kind, words in matches(text, lexicon).items()
    ]


def judge(
    text: str,
    history: History | None = None,
    lexicon: dict[str, list[str]] | None = None,
    models: Mapping[str, Any] | None = None,
) -> Judgement:
    """`lexicon`: the organization's (moderation.lexicon), else the default one. `models`:
    its own trained classifiers by what they tell ("spam", "abuse"), if it has any."""
    return judge_all([text], [history], lexicon, models)[0]


def judge_all(
    texts: Sequence[str],
    histories: Sequence[History | None],
    lexicon: dict[str, list[str]] | None = None,
    models: Mapping[str, Any] | None = None,
) -> list[Judgement]:
    """judge() for many texts at once: each trained model reads the whole batch in one go."""
    learned = {
        kind: [logistic(value) for value in model.decision_function(list(texts))]
        for kind, model in (models or {}).items()
        if texts
    }
    return [
        judged(text, history, lexicon, {kind: scores[i] for kind, scores in learned.items()})
        for i, (text, history) in enumerate(zip(texts, histories, strict=True))
    ]


def judged(
    text: str,
    history: History | None,
    lexicon: dict[str, list[str]] | None,
    learned: dict[str, float],
) -> Judgement:
    spam, abuse = spam_signals(text, history), abuse_signals(text, lexicon)
    spam_score = blended(combined(spam), learned.get("spam"))
    abuse_score = blended(combined(abuse), learned.get("abuse"))
    named = [asdict(s) | {"kind": "spam"} for s in spam]
    named += [asdict(s) | {"kind": "abuse"} for s in abuse]
    named += [
        {"name": "learned", "weight": round(score, 3), "detail": f"{score:.2f}", "kind": kind}
        for kind, score in learned.items()
    ]
    return Judgement(spam_score, abuse_score, verdict_of(spam_score, abuse, abuse_score), named)


def blended(rules: float, learned: float | None) -> float:
    """The moderator's rules and the organization's own model, as equals."""
    return rules if learned is None else round(0.5 * rules + 0.5 * learned, 3)


def logistic(value: float) -> float:
    return float(1 / (1 + math.exp(-max(min(value, 30.0), -30.0))))


def verdict_of(spam_score: float, abuse: list[Signal], abuse_score: float) -> str:
    if any(signal.name == "threat" for signal in abuse):
        return "threat"
    if abuse_score >= ABUSE_LINE:
        return "abusive"
    if spam_score >= SPAM_LINE:
        return "spam"
    if max(spam_score, abuse_score) >= DOUBT:
        return "suspect"
    return "clean"
