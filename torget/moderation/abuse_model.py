"""The abuse classifier an organization trains on its own moderation decisions, in the same
shape as the spam classifier: character and word n-grams beside the lexicon's matches and the
text's shouting, into a linear SVM with balanced classes. bench/abuse_eval.py measures it."""

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from torget.moderation.abuse_lexicon import matches

KINDS = ("insult", "swearing", "threat")
# Chosen by 5-fold cross-validation on the Danish training split only, never its test split
# (bench/abuse_eval.py --choose; about 0.79 over two shufflings at the SVM's own threshold). The
# settings around it, and moving the threshold, all came within 0.01 of it: within the folds'
# own spread, so the threshold stays at 0.
LEXICON_WEIGHT = 2.0
C = 0.3
CHARACTERS = (2, 6)
WORDS = (1, 1)


class LexiconColumns(BaseEstimator, TransformerMixin):
    """How many words of each kind the lexicon finds, and how much of the text is capitals."""

    def fit(self, texts, labels=None):
        return self

    def transform(self, texts):
        rows = []
        for text in texts:
            found = matches(text)
            counts = [min(len(found.get(kind, [])), 3) / 3 for kind in KINDS]
            rows.append([*counts, 1.0 if found else 0.0, capitals(text), exclaiming(text)])
        return csr_matrix(np.array(rows, dtype=float))


def capitals(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    return sum(char.isupper() for char in letters) / len(letters) if len(letters) > 10 else 0.0


def exclaiming(text: str) -> float:
    return min(text.count("!"), 5) / 5


def abuse_classifier(
    weight: float = LEXICON_WEIGHT,
    c: float = C,
    characters: tuple[int, int] = CHARACTERS,
    words: tuple[int, int] = WORDS,
) -> Pipeline:
    features = FeatureUnion(
        [
            ("characters", TfidfVectorizer(
                analyzer="char_wb", ngram_range=characters, min_df=2, sublinear_tf=True)),
            ("words", TfidfVectorizer(ngram_range=words, sublinear_tf=True)),
            ("lexicon", LexiconColumns()),
        ],
        transformer_weights={"characters": 1.0, "words": 1.0, "lexicon": weight},
    )  # fmt: skip
    return Pipeline([("features", features), ("svm", LinearSVC(C=c, class_weight="balanced"))])
