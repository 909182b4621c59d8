"""Which written standard a citizen wrote in: bokmål, nynorsk, English or other.

Public bodies answer in the writer's own standard, so nynorsk must not drown in bokmål. Short
Norwegian texts often look Danish or Swedish to a detector; when Norwegian is about as likely,
Norwegian wins, since that is what people write to a Norwegian municipality.
"""

import re
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

CODES = {Language.BOKMAL: "nb", Language.NYNORSK: "nn", Language.ENGLISH: "en"}
NEIGHBOURS = {Language.DANISH, Language.SWEDISH}
# Most Norwegian writing is bokmål, so nynorsk must win clearly; a short, neutral text such as
# "Flott!" or one that only names a street ("…gata") is answered in bokmål. On NorDial
# (bench/language_eval.py) margins 0.05–0.15 tie at 88.5 % overall; 0.15 errs least on the
# far larger bokmål share (94 % right, nynorsk 78 %).
NYNORSK_MARGIN = 0.15
CANDIDATES = [
    Language.BOKMAL,
    Language.NYNORSK,
    Language.ENGLISH,
    Language.DANISH,
    Language.SWEDISH,
    Language.GERMAN,
    Language.POLISH,
    Language.ARABIC,
    Language.SOMALI,
    Language.LITHUANIAN,
    Language.UKRAINIAN,
    Language.SPANISH,
]
LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
MIN_LETTERS = 3


@cache
def detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*CANDIDATES).with_preloaded_language_models().build()
    )


def detect_language(text: str) -> str:
    if len(LETTERS.findall(text or "")) < MIN_LETTERS:
        return "other"
    return choose(detector().compute_language_confidence_values(text))


def languages_of(texts: list[str]) -> dict[str, str]:
    """Each distinct text's language, detected once however often it was said."""
    distinct = list(dict.fromkeys(texts))
    return dict(zip(distinct, detect_languages(distinct), strict=True))


def detect_languages(texts: list[str]) -> list[str]:
    """The same answers as detect_language, computed for a whole batch in parallel."""
    worth_detecting = [len(LETTERS.findall(text or "")) >= MIN_LETTERS for text in texts]
    confidences = detector().compute_language_confidence_values_in_parallel(
        [text for text, worth in zip(texts, worth_detecting, strict=True) if worth]
    )
    found = iter(confidences)
    return [choose(next(found)) if worth else "other" for worth in worth_detecting]


def choose(confidences) -> str:
    if not confidences or confidences[0].value == 0:
        return "other"
    scores = {entry.language: entry.value for entry in confidences}
    top = confidences[0].language
    bokmal, nynorsk = scores.get(Language.BOKMAL, 0), scores.get(Language.NYNORSK, 0)
    norwegian = "nn" if nynorsk >= bokmal + NYNORSK_MARGIN else "nb"
    if top in (Language.BOKMAL, Language.NYNORSK):
        return norwegian
    if top in NEIGHBOURS and bokmal + nynorsk >= scores[top] / 2:
        return norwegian
    return CODES.get(top, "other")
