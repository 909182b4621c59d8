"""The verdict on one text, from the signals a moderator reads: spam (moderation.spam_signals)
and abuse (the lexicon's insults, swearing and threats). A threat is said at once, whatever
else; abuse and spam above their lines are named; what is doubtful is held for a person.
The classifiers (spam_model, abuse_model) join here once an organization's decisions have
trained them."""

from dataclasses import asdict, dataclass

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
    signals: list[dict]


def abuse_signals(text: str) -> list[Signal]:
    return [
        Signal(kind, ABUSE_WEIGHTS[kind], ", ".join(words)) for kind, words in matches(text).items()
    ]


def judge(text: str, history: History | None = None) -> Judgement:
    spam, abuse = spam_signals(text, history), abuse_signals(text)
    spam_score, abuse_score = combined(spam), combined(abuse)
    named = [asdict(s) | {"kind": "spam"} for s in spam]
    named += [asdict(s) | {"kind": "abuse"} for s in abuse]
    return Judgement(spam_score, abuse_score, verdict_of(spam_score, abuse, abuse_score), named)


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
