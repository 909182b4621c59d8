"""Suggest a response class or team for an inbox item, learned from the organization's decisions.

Text is hashed (word uni/bigrams and character n-grams within words, so typos and dialect
spellings still share features) and the channel, kind and language are added as tokens. The model
is Complement Naive Bayes: on routing-like data (many teams, few and uneven decisions) it beat
logistic regression, SGD and a linear SVM, and it trains in milliseconds. Its scores are
overconfident or underconfident depending on the history, so they are calibrated on held-out
folds before they are shown as confidences.

A trained model is only hashed column numbers, per-label feature sums and a JSON header, stored
with numpy's pickle-free format, so bytes read back from the database cannot run code.
"""

import io
import json
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zipfile import BadZipFile

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold

MAGIC = b"TORGETDC"
FORMAT_VERSION = 1
MODEL = "complement-nb"
ALPHA = 0.1
FEATURES: dict[str, Any] = {
    "word_ngrams": [1, 2],
    "char_ngrams": [3, 5],
    "word_bits": 20,
    "char_bits": 20,
    "meta_bits": 10,
}
CSR_PARTS = ("data", "indices", "indptr")
TEMPERATURES = np.geomspace(0.02, 20.0, 61)
_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"(?<!\w)@\w+")
_DECODE_ERRORS = (ValueError, KeyError, TypeError, OSError, EOFError, struct.error, BadZipFile)


@dataclass(frozen=True)
class Example:
    text: str
    channel: str = ""
    kind: str = ""
    language: str = ""
    label: str = ""


@dataclass(frozen=True)
class Suggestion:
    label: str
    confidence: float


@dataclass(frozen=True)
class Evaluation:
    examples: int
    accuracy: float
    macro_f1: float
    baseline_accuracy: float


def _normalize(text: str) -> str:
    # NFC so that a decomposed "å" (a + ring, common from phones) hashes like the composed one.
    text = unicodedata.normalize("NFC", text).lower()
    text = _URL.sub(" __url ", text)
    return _MENTION.sub(" __mention ", text)


_COMMON = {"lowercase": False, "alternate_sign": False}  # NB needs counts >= 0
_WORDS = HashingVectorizer(
    ngram_range=tuple(FEATURES["word_ngrams"]), n_features=2 ** FEATURES["word_bits"], **_COMMON
)
_CHARS = HashingVectorizer(
    analyzer="char_wb",
    ngram_range=tuple(FEATURES["char_ngrams"]),
    n_features=2 ** FEATURES["char_bits"],
    **_COMMON,
)
_META = FeatureHasher(2 ** FEATURES["meta_bits"], input_type="string", alternate_sign=False)


def _vectorize(examples: Sequence[Example]) -> sp.csr_matrix:
    texts = [_normalize(e.text) for e in examples]
    meta = [_meta_tokens(e) for e in examples]
    parts = [_WORDS.transform(texts), _CHARS.transform(texts), _META.transform(meta)]
    return sp.hstack(parts, format="csr")


def _meta_tokens(example: Example) -> list[str]:
    fields = {"channel": example.channel, "kind": example.kind, "language": example.language}
    return [f"__{name}_{value.lower()}" for name, value in fields.items() if value]


def _restrict(x: sp.csr_matrix, columns: np.ndarray) -> sp.csr_matrix:
    """Only the hashed columns seen in training, renumbered 0..len(columns)-1.

    Unseen n-grams are dropped rather than smoothed: in CNB they would push towards small labels.
    """
    position = np.searchsorted(columns, x.indices).clip(max=max(len(columns) - 1, 0))
    keep = columns[position] == x.indices if len(columns) else np.zeros(x.nnz, dtype=bool)
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))[keep]
    return sp.csr_matrix((x.data[keep], (rows, position[keep])), shape=(x.shape[0], len(columns)))


@dataclass(frozen=True)
class _Model:
    """sklearn's ComplementNB (norm=False) kept sparse: its dense labels x n-grams matrix dominated
    training and prediction time. Scores differ from sklearn's by a per-item constant only."""

    columns: np.ndarray  # sorted hashed column numbers seen in training
    counts: sp.csr_matrix  # labels x columns feature sums: all that is stored
    weights: sp.csr_matrix  # columns x labels, nonzero where the label has the feature
    log_norm: np.ndarray  # per label

    @classmethod
    def fit(cls, x: sp.csr_matrix, y: np.ndarray, n_labels: int) -> "_Model":
        columns, position = np.unique(x.indices, return_inverse=True)
        seen = sp.csr_matrix((x.data, position, x.indptr), shape=(x.shape[0], len(columns)))
        onehot = sp.csr_matrix((np.ones(len(y)), (y, np.arange(len(y)))), shape=(n_labels, len(y)))
        return cls.from_counts(columns.astype(np.int64), (onehot @ seen).astype(np.float32))

    @classmethod
    def from_counts(cls, columns: np.ndarray, counts: sp.csr_matrix) -> "_Model":
        exact = counts.astype(np.float64).tocoo()
        smoothed_all = np.asarray(exact.sum(axis=0)).ravel() + ALPHA
        # -log(all + alpha - count) = -log(all + alpha) - log1p(-count / (all + alpha)); the first
        # term is the same for every label, so only the sparse second one is kept.
        values = np.log1p(-exact.data / smoothed_all[exact.col])
        weights = sp.csr_matrix((-values, (exact.col, exact.row)), shape=counts.shape[::-1])
        totals = np.asarray(exact.sum(axis=1)).ravel()
        log_norm = np.log(ALPHA * len(columns) + totals.sum() - totals)
        return cls(columns, counts, weights, log_norm)

    def scores(self, x: sp.csr_matrix) -> np.ndarray:
        seen = _restrict(x, self.columns)
        mass = np.asarray(seen.sum(axis=1))
        return np.asarray((seen @ self.weights).todense() + mass * self.log_norm)


def _softmax(scores: np.ndarray) -> np.ndarray:
    exp = np.exp(scores - scores.max(axis=1, keepdims=True))
    return np.asarray(exp / exp.sum(axis=1, keepdims=True))


def _out_of_fold_scores(
    x: sp.csr_matrix, y: np.ndarray, n_labels: int, splitter: KFold | StratifiedKFold
) -> np.ndarray:
    scores = np.empty((len(y), n_labels))
    for train, test in splitter.split(x, y):
        scores[test] = _Model.fit(x[train], y[train], n_labels).scores(x[test])
        # A label missing from this fold's training part has no counts and must not be suggested.
        scores[np.ix_(test, np.bincount(y[train], minlength=n_labels) == 0)] = -np.inf
    return scores


@dataclass(frozen=True)
class _Calibration:
    """Scales scores so that a confidence of 0.7 is right about 70 % of the time.

    The mix with the uniform distribution follows the rule of succession: after n held-out
    decisions that were all right, no suggestion is more than about (n + 1) / (n + 2) certain.
    """

    temperature: float = 1.0
    evidence: int = 0  # held-out decisions the temperature was fitted on

    def __post_init__(self) -> None:
        if not (self.temperature > 0 and self.evidence >= 0):
            raise ValueError(f"calibration out of range: {self}")

    @classmethod
    def fit(cls, scores: np.ndarray, y: np.ndarray) -> "_Calibration":
        usable = np.isfinite(scores[np.arange(len(y)), y])
        scores, y = scores[usable], y[usable]
        candidates = [cls(float(t), len(y)) for t in TEMPERATURES]
        # The (log T)^2 prior trusts CNB's own scale until held-out errors say otherwise; without
        # it a short history that is all right on its folds makes every suggestion 99 % certain.
        losses = [
            -np.log(c.probabilities(scores)[np.arange(len(y)), y]).sum()
            + np.log(c.temperature) ** 2
            for c in candidates
        ]
        return candidates[int(np.argmin(losses))] if len(y) else cls()

    def probabilities(self, scores: np.ndarray) -> np.ndarray:
        uniform = 1 / scores.shape[1]
        mixed = self.evidence * _softmax(scores / self.temperature) + uniform
        return np.asarray(mixed / (self.evidence + 1))


class DecisionClassifier:
    MIN_EXAMPLES = 10

    def __init__(self, labels: list[str], model: _Model, calibration: _Calibration) -> None:
        self._labels = labels
        self._model = model
        self._calibration = calibration

    @classmethod
    def train(cls, examples: Sequence[Example]) -> "DecisionClassifier | None":
        labels = sorted({e.label for e in examples})
        if len(examples) < cls.MIN_EXAMPLES or len(labels) < 2:
            return None
        x = _vectorize(examples)
        y = np.searchsorted(labels, [e.label for e in examples])
        held_out = _out_of_fold_scores(x, y, len(labels), KFold(3, shuffle=True, random_state=0))
        return cls(labels, _Model.fit(x, y, len(labels)), _Calibration.fit(held_out, y))

    @property
    def labels(self) -> list[str]:
        return list(self._labels)

    def suggest(self, example: Example) -> Suggestion:
        return self.suggest_many([example])[0]

    def suggest_many(self, examples: Sequence[Example]) -> list[Suggestion]:
        if not examples:
            return []
        scores = self._model.scores(_vectorize(examples))
        probabilities = self._calibration.probabilities(scores)
        return [
            Suggestion(self._labels[best], float(row[best]))
            for best, row in zip(probabilities.argmax(axis=1), probabilities, strict=True)
        ]

    def to_bytes(self) -> bytes:
        header = {
            "format": FORMAT_VERSION,
            "model": MODEL,
            "alpha": ALPHA,
            "labels": self._labels,
            "temperature": self._calibration.temperature,
            "evidence": self._calibration.evidence,
            "features": FEATURES,
        }
        counts, arrays = self._model.counts, io.BytesIO()
        np.savez_compressed(
            arrays, columns=self._model.columns, **{k: getattr(counts, k) for k in CSR_PARTS}
        )
        head = json.dumps(header).encode()
        return MAGIC + struct.pack(">I", len(head)) + head + arrays.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "DecisionClassifier":
        data = bytes(data)  # PostgreSQL hands binary fields back as memoryview
        if not data.startswith(MAGIC):
            raise ValueError("Not a stored Torget decision model (the header is missing).")
        try:
            return cls._decode(data[len(MAGIC) :])
        except _DECODE_ERRORS as error:
            raise ValueError(f"Stored decision model is damaged or outdated: {error}") from error

    @classmethod
    def _decode(cls, data: bytes) -> "DecisionClassifier":
        (size,) = struct.unpack(">I", data[:4])
        header = json.loads(data[4 : 4 + size])
        expected = {"format": FORMAT_VERSION, "model": MODEL, "alpha": ALPHA, "features": FEATURES}
        found = {key: header.get(key) for key in expected} if isinstance(header, dict) else {}
        if found != expected or not isinstance(header.get("labels"), list):
            raise ValueError(f"written with other settings {found}; retrain to replace it")
        labels = [str(label) for label in header["labels"]]
        with np.load(io.BytesIO(data[4 + size :]), allow_pickle=False) as arrays:
            columns = arrays["columns"]
            parts = tuple(arrays[k] for k in CSR_PARTS)
        counts = sp.csr_matrix(parts, shape=(len(labels), len(columns)))
        calibration = _Calibration(float(header["temperature"]), int(header["evidence"]))
        return cls(labels, _Model.from_counts(columns, counts), calibration)


def evaluate(examples: Sequence[Example], folds: int = 5) -> Evaluation | None:
    """Cross-validated accuracy and macro-F1, and the majority-label baseline on the same folds."""
    labels = sorted({e.label for e in examples})
    if len(examples) < DecisionClassifier.MIN_EXAMPLES or len(labels) < 2:
        return None
    y = np.searchsorted(labels, [e.label for e in examples])
    x = _vectorize(examples)
    folds = max(2, min(folds, len(y)))
    stratified = np.bincount(y).min() >= folds  # every label in every fold, when there are enough
    splitter = (StratifiedKFold if stratified else KFold)(folds, shuffle=True, random_state=0)
    predicted = _out_of_fold_scores(x, y, len(labels), splitter).argmax(axis=1)
    baseline = np.empty_like(y)
    for train, test in splitter.split(x, y):
        baseline[test] = np.bincount(y[train]).argmax()
    return Evaluation(
        examples=len(examples),
        accuracy=float((predicted == y).mean()),
        macro_f1=float(f1_score(y, predicted, average="macro")),
        baseline_accuracy=float((baseline == y).mean()),
    )
