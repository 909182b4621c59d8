"""The decision classifier learns an organization's routing from its responders' past choices."""

import functools
import io
import json
import pickle
import struct
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.naive_bayes import ComplementNB

from torget.inbox.classifier import (
    MAGIC,
    DecisionClassifier,
    Evaluation,
    Example,
    Suggestion,
    _Model,
    _softmax,
    _vectorize,
    evaluate,
)

WASTE = "1"
PLANTINGS = "2"
PARKING = "3"

WASTE_TEXTS = [
    "Søppelet ble ikke hentet i dag heller, dunken står full i Storgata 12",
    "Hvorfor har ingen tømt restavfallet vårt? Det er tredje gang denne måneden",
    "Renovasjonen har glemt oss igjen. Papirdunken er overfylt",
    "Bosset vart ikkje henta på tysdag, kva skjer?",
    "Søppelbilen kjørte rett forbi huset vårt uten å tømme",
    "Plastavfallet står fortsatt ute, ingen har hentet det",
    "Nå lukter det vondt av søppeldunken som ikke er tømt på to uker",
    "Har dere glemt tømming av matavfall i Bjørkeveien?",
    "Dunken ble ikke tømt. Måker river opp søppelposene",
    "Ingen henting av glass og metall hos oss denne uka",
    "søpla e ikkje henta, dunken e full!!",
    "Restavfall ikke tømt i hele gata vår, hva har skjedd med renovasjonen?",
    "Vi betaler renovasjonsavgift men søppelet blir ikke hentet",
    "Avfallet vårt vart ikkje tømt i går, kan de kome att?",
    "Papiret ble ikke hentet, containeren flyter over",
    "Sopplet er ikke hentet enda, når kommer bilen?",
    "Matavfallsdunken står full og stinker, ingen tømming på fjorten dager",
    "Klager på manglende tømming av avfall i Solbakken borettslag",
    "Renovatøren hoppet over vår dunk igjen i dag",
    "Hentingen av plast uteble, skal vi bare vente til neste runde?",
]
PLANTINGS_TEXTS = [
    "Så flott med de nye blomstene i parken, tusen takk!",
    "De nye trærne langs hovedgata gjør byen så mye finere",
    "Takk for nyplantingen i rundkjøringen, den er nydelig",
    "Fantastisk fine blomsterbed ved rådhuset i år",
    "Kjempefint at dere har plantet tulipaner ved skolen",
    "Dei nye plantane i sentrum er vakre, takk til parkvesenet",
    "For en fin beplantning ved torget, gleder meg hver dag",
    "Bjørkene dere plantet ved stien er allerede grønne, så fint",
    "Skryt til kommunen for de flotte blomsterkassene på brua",
    "Nydelige roser i byparken, takk til gartnerne",
    "Elsker de nye frukttrærne i nærparken vår",
    "Så fine blomar ved kyrkja no, takk for innsatsen",
    "Dere har gjort parken så vakker med alle de nye buskene",
    "Tusen takk for lavendelen ved bussholdeplassen, den dufter herlig",
    "fantastisk fine blomster i sentrum!! takk kommunen",
    "Vil bare si at de nye trærne i gata er kjempefine",
    "Gartnerne har gjort en strålende jobb med bedene i parken",
    "Så hyggelig med blomsterengen ved skolen, sommerfuglene elsker den",
    "Beplantinga i parken er heilt nydeleg i år",
    "Takk for de nye plantene i rundkjøringa, så vakkert",
]
PARKING_TEXTS = [
    "Hvordan søker jeg om beboerparkering i sone B?",
    "Hva koster en parkeringstillatelse for beboere i sentrum?",
    "Kan jeg få gjesteparkeringskort til besøkende?",
    "Hvor lang er behandlingstiden for parkeringstillatelse?",
    "Korleis søkjer eg om parkeringsløyve for bebuarar?",
    "Gjelder beboerkortet også for firmabilen min?",
    "Jeg har flyttet, hvordan endrer jeg sone på parkeringskortet?",
    "Kan man ha to biler på samme beboerparkering?",
    "Hvor fornyer jeg parkeringstillatelsen min på nett?",
    "Får handicapbevis for parkering gratis parkering i sonen?",
    "trenger jeg tillatelse for å parkere utenfor huset mitt i sone A?",
    "Når utløper beboerparkeringen min, og hvordan fornyer jeg den?",
    "Er det mulig å få midlertidig parkeringstillatelse for håndverkere?",
    "Kva kostar det å parkere med beboarkort i eit år?",
    "Hvordan får jeg parkeringskort for elbil i beboersonen?",
    "Må jeg søke på nytt om beboerparkering når jeg bytter bil?",
    "Gjesteparkering: hvor mange timer gjelder kortet?",
    "Hvem kan søke om parkeringstillatelse i Vågen sone?",
    "Jeg mistet parkeringsoblaten, hvordan får jeg en ny?",
    "hvordan søker man parkerings tillatelse?? finner ikke skjemaet",
]
UNSEEN = [
    ("Dunken vår ble ikke tømt i morges, kan dere komme tilbake?", WASTE),
    ("Søppelet har stått ute i en uke uten henting", WASTE),
    ("Takk for de vakre blomstene ved biblioteket!", PLANTINGS),
    ("Så fint med nye trær i parken", PLANTINGS),
    ("Hvordan søker jeg om parkeringstillatelse for gjester?", PARKING),
    ("Hva koster beboerparkering i sone C?", PARKING),
]


def history() -> list[Example]:
    groups = ((WASTE_TEXTS, WASTE), (PLANTINGS_TEXTS, PLANTINGS), (PARKING_TEXTS, PARKING))
    examples = [
        Example(text, channel="facebook", kind="comment", language="nb", label=label)
        for texts, label in groups
        for text in texts
    ]
    return [examples[i] for i in np.random.default_rng(7).permutation(len(examples))]


@functools.cache
def trained() -> DecisionClassifier:
    classifier = DecisionClassifier.train(history())
    assert classifier is not None
    return classifier


def test_it_suggests_the_team_for_unseen_messages():
    classifier = trained()
    for text, label in UNSEEN:
        suggestion = classifier.suggest(Example(text, channel="facebook", kind="comment"))
        assert suggestion.label == label, text
        assert 1 / len(classifier.labels) < suggestion.confidence < 1.0, text


def test_it_lists_the_labels_it_can_suggest():
    assert trained().labels == [WASTE, PLANTINGS, PARKING]


def test_it_declines_to_train_on_too_few_decisions():
    assert DecisionClassifier.train(history()[: DecisionClassifier.MIN_EXAMPLES - 1]) is None


def test_it_declines_to_train_when_every_decision_is_the_same():
    same = [Example(text, label=WASTE) for text in WASTE_TEXTS]
    assert DecisionClassifier.train(same) is None


def test_it_round_trips_through_bytes_with_identical_suggestions():
    classifier = trained()
    data = classifier.to_bytes()
    restored = DecisionClassifier.from_bytes(data)
    probe = [Example(text) for text, _ in UNSEEN] + history()
    assert restored.labels == classifier.labels
    assert restored.suggest_many(probe) == classifier.suggest_many(probe)
    assert DecisionClassifier.from_bytes(memoryview(data)).to_bytes() == data


def test_it_retrains_to_the_same_bytes():
    assert DecisionClassifier.train(history()).to_bytes() == trained().to_bytes()


def _parts(data: bytes) -> tuple[dict, bytes]:
    (size,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    return json.loads(data[start : start + size]), data[start + size :]


def _assemble(header: dict, arrays: bytes) -> bytes:
    head = json.dumps(header).encode()
    return MAGIC + struct.pack(">I", len(head)) + head + arrays


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a model",
        pickle.dumps({"labels": ["1", "2"]}),
        MAGIC,
        MAGIC + b"\x00\x00\x00\x05{}",
        MAGIC + b"\xff\xff\xff\xff garbage",
    ],
)
def test_it_rejects_bytes_that_are_not_a_model(data):
    with pytest.raises(ValueError, match="model"):
        DecisionClassifier.from_bytes(data)


def test_it_rejects_truncated_and_outdated_models():
    good = trained().to_bytes()
    header, arrays = _parts(good)
    for damaged in (
        good[: len(good) // 2],
        _assemble(header | {"format": 99}, arrays),
        _assemble(header | {"labels": ["1"]}, arrays),
        _assemble(header | {"features": {}}, arrays),
    ):
        with pytest.raises(ValueError, match="damaged or outdated"):
            DecisionClassifier.from_bytes(damaged)


def test_it_never_unpickles_stored_arrays():
    header, arrays = _parts(trained().to_bytes())
    with np.load(io.BytesIO(arrays)) as stored:
        same_but_pickled = {name: stored[name].astype(object) for name in stored.files}
    payload = io.BytesIO()
    np.savez(payload, **same_but_pickled)
    with pytest.raises(ValueError, match="damaged or outdated"):
        DecisionClassifier.from_bytes(_assemble(header, payload.getvalue()))


def test_it_learns_that_the_channel_and_kind_matter():
    texts = WASTE_TEXTS[:12]
    examples = [Example(t, channel="facebook", kind="comment", label="1") for t in texts] + [
        Example(t, channel="email", kind="email", label="2") for t in texts
    ]
    classifier = DecisionClassifier.train(examples)
    probe = "Søppelet er ikke hentet i Storgata"
    assert classifier.suggest(Example(probe, channel="facebook", kind="comment")).label == "1"
    assert classifier.suggest(Example(probe, channel="email", kind="email")).label == "2"


def _same_features(a: str, b: str) -> bool:
    return (_vectorize([Example(a)]) != _vectorize([Example(b)])).nnz == 0


def test_it_reads_decomposed_norwegian_letters_like_composed_ones():
    text = "Søppelbåten på Ærøy kom ikke"
    decomposed = unicodedata.normalize("NFD", text)  # as some phones and Mac keyboards send it
    assert decomposed != text
    assert _same_features(decomposed, text)
    assert _same_features(text.upper(), text)


def test_it_keeps_norwegian_letters_apart_from_a_and_o():
    assert not _same_features("får", "far")
    assert not _same_features("bør", "bor")
    assert not _same_features("vær", "var")


def test_it_is_unsure_about_a_message_unlike_any_decision():
    suggestion = trained().suggest(Example("zzqx"))
    assert suggestion.confidence == pytest.approx(1 / 3)


def test_it_ranks_labels_exactly_like_sklearn_complement_nb():
    examples = history()
    x = _vectorize(examples)
    y = np.searchsorted(trained().labels, [e.label for e in examples])
    model = _Model.fit(x, y, 3)
    seen = x[:, model.columns]
    reference = ComplementNB(alpha=0.1).fit(seen, y)
    probe = _vectorize([Example(text) for text, _ in UNSEEN])
    expected = reference.predict_proba(probe[:, model.columns])
    np.testing.assert_allclose(_softmax(model.scores(probe)), expected, rtol=1e-5)


def test_it_evaluates_above_the_majority_baseline():
    result = evaluate(history())
    assert isinstance(result, Evaluation)
    assert result.examples == len(history())
    assert result.accuracy > result.baseline_accuracy + 0.3
    assert 0.0 <= result.macro_f1 <= 1.0
    assert result.macro_f1 > 0.6


def test_it_evaluates_histories_with_rare_labels():
    examples = history() + [Example("Hvor er biblioteket?", label="4")]
    result = evaluate(examples, folds=5)
    assert result is not None
    assert result.accuracy > result.baseline_accuracy


def test_it_does_not_evaluate_a_tiny_or_single_label_history():
    assert evaluate(history()[:5]) is None
    assert evaluate([Example(text, label=WASTE) for text in WASTE_TEXTS]) is None


def test_it_suggests_nothing_for_an_empty_batch():
    assert trained().suggest_many([]) == []


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.builds(
            Example,
            text=st.text(max_size=80),
            channel=st.sampled_from(["", "facebook", "email", "instagram"]),
            kind=st.sampled_from(["", "comment", "message"]),
            language=st.sampled_from(["", "nb", "nn", "en"]),
        ),
        max_size=6,
    )
)
def test_it_suggests_a_known_label_with_a_probability_one_by_one_as_in_batches(examples):
    classifier = trained()
    batch = classifier.suggest_many(examples)
    assert len(batch) == len(examples)
    for example, suggestion in zip(examples, batch, strict=True):
        assert isinstance(suggestion, Suggestion)
        assert suggestion.label in classifier.labels
        assert 0.0 <= suggestion.confidence <= 1.0
        single = classifier.suggest(example)
        assert single.label == suggestion.label
        assert single.confidence == pytest.approx(suggestion.confidence, abs=1e-9)
