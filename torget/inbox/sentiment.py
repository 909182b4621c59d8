"""How a comment sounds: angry, neutral or pleased, as a score from -1.0 to 1.0.

Triage rules use it as a condition ("negative comments go to the at-once class"), so it must be
predictable, fast and explainable: a hand-written lexicon (torget.inbox.sentiment_words) matched
on word stems, with negation, intensifiers, fixed complaint and thanks phrases, exclamation marks
and emoji. bench/sentiment_eval.py measures it and chose the thresholds below.
"""

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import Stemmer

from torget.inbox import sentiment_words as words

TONES = ("negative", "neutral", "positive")
# Chosen on the NoReC sentence dev split by bench/sentiment_eval.py (best macro-F1).
NEGATIVE_BELOW = -0.25
POSITIVE_FROM = 0.15

# A negated word counts against its usual sense, and a little less: "ikke dårlig" is faint praise.
NEGATION_FACTOR = -0.75
NEGATION_SCOPE = 3
# A service negated ("ikke hentet", "not collected") is a complaint on its own.
UNDONE_SERVICE = -2.0
CAPS_BOOST = 1.3
EXCLAMATION_STEP = 0.15
MAX_EXCLAMATIONS = 3
MAX_SAME_EMOJI = 3
# After "men"/"but" the writer's verdict follows; what came before counts for less.
BEFORE_CONTRAST = 0.5
# tanh(raw / SCALE): one clearly polar word lands near ±0.6, several pile up towards ±1.
SCALE = 3.0

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[.,;:!?]", re.UNICODE)
BOUNDARIES = frozenset(".,;:!?")
EMOTICON = re.compile(r"(?<!\w)[:;]-?[()dD](?!\w)")
EMOJI = re.compile("[" + "".join(re.escape(e) for e in words.EMOJI if len(e) == 1) + "]")


@dataclass(frozen=True)
class Lexicon:
    stem: Callable[[str], str]
    polar: dict[str, float]
    exact: dict[str, float]
    intensifiers: dict[str, float]
    prefixes: dict[str, float]
    negators: frozenset[str]
    service: frozenset[str]
    contrast: frozenset[str]
    phrases: dict[tuple[str, ...], float]
    phrase_starts: frozenset[str]
    prefix_heads: tuple[str, ...]

    def value(self, word: str) -> float:
        """The word's weight: exact form, then its stem, then as a compound of an intensifier."""
        if word in self.exact:
            return self.exact[word]
        found = self.polar.get(word, self.polar.get(self.stem(word), 0.0))
        if found:
            return found
        if not word.startswith(self.prefix_heads):
            return 0.0
        for prefix, boost in self.prefixes.items():
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) > 2:
                return boost * (self.exact.get(rest) or self.polar.get(self.stem(rest)) or 0.0)
        return 0.0


def sentiment_of(text: str, language: str) -> float:
    """Negative for anger, complaints and disappointment, positive for thanks and praise."""
    text = (text or "").replace("\ufe0f", "")
    raw = emoji_score(text)
    lexicon = lexicon_for(language)
    if lexicon is not None:
        raw += words_score(tokens(text), lexicon)
    exclamations = min(text.count("!"), MAX_EXCLAMATIONS)
    return math.tanh(raw * (1 + EXCLAMATION_STEP * exclamations) / SCALE)


def tone(score: float) -> str:
    if score < NEGATIVE_BELOW:
        return "negative"
    if score >= POSITIVE_FROM:
        return "positive"
    return "neutral"


def emoji_score(text: str) -> float:
    found = Counter(e.lower() for e in EMOTICON.findall(text))
    found.update(EMOJI.findall(text))
    return sum(words.EMOJI.get(e, 0.0) * min(n, MAX_SAME_EMOJI) for e, n in found.items())


def tokens(text: str) -> list[str]:
    """Words (original case kept) and clause punctuation; emoji are scored on their own."""
    return [t.replace("’", "'") for t in TOKEN.findall(EMOTICON.sub(" ", text))]


def words_score(found: list[str], lexicon: Lexicon) -> float:
    total, negated, boost = 0.0, 0, 1.0
    stems = [lexicon.stem(w.lower()) for w in found]
    i = 0
    while i < len(found):
        word = found[i].lower()
        size, value = phrase_at(stems, i, lexicon)
        if size:
            total, negated, boost = total + value * boost, 0, 1.0
            i += size
            continue
        if word in BOUNDARIES:
            negated, boost = 0, 1.0
        elif word in lexicon.contrast:
            total, negated, boost = total * BEFORE_CONTRAST, 0, 1.0
        elif is_negator(word, lexicon):
            negated = NEGATION_SCOPE
        elif word in lexicon.intensifiers:
            boost *= lexicon.intensifiers[word]
        else:
            value = word_value(found[i], word, negated > 0, lexicon)
            total += value * boost
            negated = 0 if value else max(negated - 1, 0)
            boost = 1.0
        i += 1
    return total


def word_value(original: str, word: str, negated: bool, lexicon: Lexicon) -> float:
    if word in lexicon.service:
        return UNDONE_SERVICE if negated else 0.0
    value = lexicon.value(word)
    if negated:
        value *= NEGATION_FACTOR
    if len(original) > 2 and original.isupper():
        value *= CAPS_BOOST
    return value


def is_negator(word: str, lexicon: Lexicon) -> bool:
    return word in lexicon.negators or word.endswith("n't")


def phrase_at(stems: list[str], i: int, lexicon: Lexicon) -> tuple[int, float]:
    """The longest fixed phrase starting at word i, as (its length in words, its weight)."""
    if stems[i] not in lexicon.phrase_starts:
        return 0, 0.0
    for size in (4, 3, 2):
        candidate = tuple(stems[i : i + size])
        if len(candidate) == size and candidate in lexicon.phrases:
            return size, lexicon.phrases[candidate]
    return 0, 0.0


@cache
def lexicon_for(language: str) -> Lexicon | None:
    if language in ("nb", "nn"):
        return build_lexicon(
            "norwegian",
            words.NORWEGIAN_WORDS,
            words.NORWEGIAN_EXACT,
            words.NORWEGIAN_INTENSIFIERS,
            words.NORWEGIAN_PREFIXES,
            words.NORWEGIAN_NEGATORS,
            words.NORWEGIAN_SERVICE_VERBS,
            words.NORWEGIAN_CONTRAST,
            words.NORWEGIAN_PHRASES,
        )
    if language == "en":
        return build_lexicon(
            "english",
            words.ENGLISH_WORDS,
            words.ENGLISH_EXACT,
            words.ENGLISH_INTENSIFIERS,
            words.ENGLISH_PREFIXES,
            words.ENGLISH_NEGATORS,
            words.ENGLISH_SERVICE_VERBS,
            words.ENGLISH_CONTRAST,
            words.ENGLISH_PHRASES,
        )
    return None


def build_lexicon(
    algorithm: str,
    polar: dict[str, float],
    exact: dict[str, float],
    intensifiers: dict[str, float],
    prefixes: dict[str, float],
    negators: frozenset[str],
    service: frozenset[str],
    contrast: frozenset[str],
    phrases: dict[str, float],
) -> Lexicon:
    stemmer = Stemmer.Stemmer(algorithm)

    # Bounded: a server scores text from strangers for months.
    @lru_cache(maxsize=100_000)
    def stem(word: str) -> str:
        return str(stemmer.stemWord(word))

    stemmed_phrases = {tuple(stem(w) for w in p.split()): v for p, v in phrases.items()}
    return Lexicon(
        stem=stem,
        polar={stem(w): v for w, v in polar.items()} | polar,
        exact=exact,
        intensifiers=intensifiers,
        prefixes=prefixes,
        negators=negators,
        service=service,
        contrast=contrast,
        phrases=stemmed_phrases,
        phrase_starts=frozenset(phrase[0] for phrase in stemmed_phrases),
        prefix_heads=tuple(prefixes),
    )
