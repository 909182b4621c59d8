"""Triage rules send negative comments to the at-once class, so tone must be read right."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from torget.inbox import sentiment, sentiment_words
from torget.inbox.sentiment import TONES, sentiment_of, tone


def tone_of(text: str, language: str = "nb") -> str:
    return tone(sentiment_of(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Søppelet er ikke hentet på tre uker. Dette er en skandale!", "nb"),
        ("Elendig service, jeg har ventet i over en time på svar", "nb"),
        ("Hvorfor er ikke veien brøytet ennå?", "nb"),
        ("Jeg er veldig skuffet over hvordan saken er behandlet", "nb"),
        ("Takk for ingenting.", "nb"),
        ("Eg har venta i fleire veker og fått ingen svar. Heilt håplaust!", "nn"),
        ("Bosset er ikkje henta, og det luktar forferdeleg", "nn"),
        ("Dette er dårleg gjort av kommunen, eg er sinna", "nn"),
        ("The bins were not collected again. Terrible service!", "en"),
        ("I have been waiting for weeks and still no reply", "en"),
        ("This is unacceptable, I'm really disappointed", "en"),
    ],
)
def test_clear_complaints_are_negative(text, language):
    assert tone_of(text, language) == "negative"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Tusen takk for rask hjelp!", "nb"),
        ("Kjempebra jobba med brøytinga i år", "nb"),
        ("Flott at dere fikset lekeplassen, supert!", "nb"),
        ("Veldig fornøyd med svaret jeg fikk", "nb"),
        ("Takk for hjelpa, de er kjempeflinke og veldig hyggelege", "nn"),
        ("Eg er svært nøgd med den nye bussruta", "nn"),
        ("Thank you so much for the quick help, great job!", "en"),
        ("The new park is lovely", "en"),
    ],
)
def test_thanks_and_praise_are_positive(text, language):
    assert tone_of(text, language) == "positive"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Når blir søppelet hentet i Tøyengata?", "nb"),
        ("Hvor kan jeg søke om parkeringstillatelse?", "nb"),
        ("Er biblioteket ope på laurdag?", "nn"),
        ("When is the recycling station open?", "en"),
        ("Her er far og jeg, vi leier bil i helgen", "nb"),
    ],
)
def test_plain_questions_and_statements_are_neutral(text, language):
    assert tone_of(text, language) == "neutral"


def test_negation_flips_the_words_that_follow():
    assert tone_of("ikke bra") == "negative"
    assert tone_of("ikkje dårleg", "nn") != "negative"
    assert tone_of("Det var ikke så veldig bra") == "negative"
    assert tone_of("not good at all", "en") == "negative"
    assert tone_of("It wasn't bad", "en") != "negative"
    assert sentiment_of("ikkje dårleg", "nn") > 0


def test_negation_ends_at_the_clause():
    assert tone_of("Ikke noe problem. Bra jobbet!") == "positive"


def test_a_service_is_only_a_complaint_when_it_was_not_done():
    assert tone_of("Søppelet ble hentet i dag") == "neutral"
    assert tone_of("Søppelet ble ikke hentet i dag") == "negative"
    assert tone_of("The road was not ploughed", "en") == "negative"


def test_intensifiers_and_exclamation_marks_strengthen_the_tone():
    assert sentiment_of("veldig dårlig", "nb") < sentiment_of("dårlig", "nb") < 0
    assert sentiment_of("kjempebra", "nb") > sentiment_of("bra", "nb") > 0
    assert sentiment_of("dårlig!!!", "nb") < sentiment_of("dårlig", "nb")
    assert sentiment_of("SKANDALE", "nb") < sentiment_of("skandale", "nb")


def test_what_follows_but_weighs_most():
    assert tone_of("Fin start, men altfor lang og kjedelig") == "negative"


def test_emoji_carry_tone_in_every_language():
    for language in ("nb", "nn", "en", "other"):
        assert tone_of("😡😡", language) == "negative"
        assert tone_of("👎", language) == "negative"
        assert tone_of("🙏", language) == "positive"
        assert tone_of("❤️", language) == "positive"
    assert tone_of("Takk 😊") == "positive"
    assert tone_of("Søppelet er ikke hentet 🤬") == "negative"


def test_other_languages_are_neutral_without_emoji():
    assert sentiment_of("To jest skandal, bardzo źle!", "other") == 0.0
    assert sentiment_of("Terrible, awful, worst", "other") == 0.0


def test_empty_text_is_neutral():
    for language in ("nb", "nn", "en", "other"):
        assert sentiment_of("", language) == 0.0
        assert tone(sentiment_of("   ", language)) == "neutral"


def test_tone_uses_the_module_thresholds():
    assert tone(-1.0) == "negative"
    assert tone(0.0) == "neutral"
    assert tone(1.0) == "positive"
    assert tone(sentiment.NEGATIVE_BELOW) == "neutral"
    assert tone(sentiment.POSITIVE_FROM) == "positive"
    assert TONES == ("negative", "neutral", "positive")


@pytest.mark.parametrize(
    ("words", "stemmer"),
    [(sentiment_words.NORWEGIAN_WORDS, "nb"), (sentiment_words.ENGLISH_WORDS, "en")],
)
def test_no_stem_is_shared_by_a_praising_and_a_condemning_word(words, stemmer):
    stem = sentiment.lexicon_for(stemmer).stem
    signs: dict[str, set[bool]] = {}
    for word, weight in words.items():
        signs.setdefault(stem(word), set()).add(weight > 0)
    assert [s for s, found in signs.items() if len(found) > 1] == []


@given(st.text(), st.sampled_from(["nb", "nn", "en", "other"]))
def test_scores_stay_within_bounds(text, language):
    score = sentiment_of(text, language)
    assert -1.0 <= score <= 1.0
    assert tone(score) in TONES


@given(st.lists(st.sampled_from(["skandale", "elendig", "😡", "!", "SKANDALE"]), max_size=300))
def test_piled_up_anger_stays_within_bounds(parts):
    score = sentiment_of(" ".join(parts), "nb")
    assert -1.0 <= score <= 0.0
