"""The spam classifier an organization trains on its own moderation decisions.

Character n-grams (robust to the misspellings and run-together words spam is written in), word
n-grams, and the text's moderator signals (spam_signals) as numbers beside them, into a linear
SVM with balanced classes. bench/spam_eval.py measures this very pipeline on videos it never
saw, against a plain bag-of-words baseline.
"""

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from torget.moderation.spam_signals import spam_signals

# The text-only signals, in a fixed order: one column each, holding the signal's weight.
SIGNAL_COLUMNS = (
    "links",
    "link_shortener",
    "bbcode_link",
    "money_talk",
    "promotion",
    "keyword_stuffing",
    "shouting",
)
SIGNAL_WEIGHT = 2.0  # how much the signals count beside the n-grams (chosen on the YouTube set)
C = 0.5


class SignalColumns(BaseEstimator, TransformerMixin):
    """Each text's moderator signals as numbers a linear model can weigh."""

    def fit(self, texts, labels=None):
        return self

    def transform(self, texts):
        rows = []
        for text in texts:
            fired = {signal.name: signal.weight for signal in spam_signals(text)}
            rows.append([fired.get(name, 0.0) for name in SIGNAL_COLUMNS] + shape(text))
        return csr_matrix(np.array(rows, dtype=float))


def shape(text: str) -> list[float]:
    """Digits (phone numbers, prices, codes), exclamation marks, a question asked (people ask,
    spam tells) and length, each scaled to 0–1."""
    return [
        min(sum(char.isdigit() for char in text), 20) / 20,
        min(text.count("!"), 5) / 5,
        1.0 if "?" in text else 0.0,
        min(len(text), 500) / 500,
    ]


def spam_classifier() -> Pipeline:
    features = FeatureUnion(
        [
            ("characters", TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("signals", SignalColumns()),
        ],
        transformer_weights={"characters": 1.0, "words": 1.0, "signals": SIGNAL_WEIGHT},
    )  # fmt: skip
    return Pipeline([("features", features), ("svm", LinearSVC(C=C, class_weight="balanced"))])
