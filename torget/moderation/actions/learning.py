"""Each organization's own spam and abuse classifiers, learnt in the background from what its
moderators said (Verdict.spam_label, Verdict.abuse_label), and read back for judging.

A model is kept pickled, as scikit-learn keeps its models, behind a signature made with the
site's secret key: bytes in the database that Torget did not write are never unpickled."""

import hashlib
import hmac
import pickle  # noqa: S403 - only bytes signed with the secret key are read back
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from torget.inbox.models import TrainedClassifier
from torget.moderation.models import Verdict
from torget.orgs.models import Organization

MIN_PER_CLASS = 10  # below this many examples of either class, the rules judge alone
MAX_EXAMPLES = 20_000
FOLDS = 5
LABELS = {"spam": "spam_label", "abuse": "abuse_label"}
SALT = "torget.moderation.trained-model"
# (organization id, "spam" | "abuse") → (trained_at, model): each model is unpickled once per
# process and again only when it has been trained anew.
_loaded: dict[tuple[int, str], tuple[datetime, Any]] = {}


def classifier_for(kind: str) -> Callable[[], Any]:
    # scikit-learn is imported only where a model is trained, not on every ingest.
    from torget.moderation.abuse_model import abuse_classifier
    from torget.moderation.spam_model import spam_classifier

    return {"spam": spam_classifier, "abuse": abuse_classifier}[kind]


def labelled(organization: Organization, kind: str) -> tuple[list[str], list[int]]:
    """The texts a person judged, latest first, with their word on them (1: spam or abuse)."""
    field = LABELS[kind]
    rows = (
        Verdict.objects.filter(organization=organization, **{f"{field}__isnull": False})
        .order_by("-decided_at", "-id")
        .values_list("item__text", field)[:MAX_EXAMPLES]
    )
    return [text for text, _label in rows], [int(label) for _text, label in rows]


def do_train_moderation(organization: Organization) -> list[TrainedClassifier]:
    """Trains each classifier with at least MIN_PER_CLASS examples of both classes."""
    trained = []
    for kind in LABELS:
        texts, labels = labelled(organization, kind)
        if min(labels.count(0), labels.count(1)) >= MIN_PER_CLASS:
            trained.append(store(organization, kind, texts, labels))
    return trained


def store(
    organization: Organization, kind: str, texts: list[str], labels: list[int]
) -> TrainedClassifier:
    make = classifier_for(kind)
    model = make().fit(texts, labels)
    accuracy, macro_f1 = cross_validated(make, texts, labels)
    majority = max(labels.count(0), labels.count(1)) / len(labels)
    with transaction.atomic():
        stored, _created = TrainedClassifier.objects.update_or_create(
            organization=organization,
            field=kind,
            defaults={
                "data": to_bytes(model),
                "examples": len(texts),
                "accuracy": accuracy,
                "macro_f1": macro_f1,
                "baseline_accuracy": majority,
                "trained_at": timezone.now(),
            },
        )
    return stored


def cross_validated(
    make: Callable[[], Any], texts: list[str], labels: list[int]
) -> tuple[float, float]:
    """(accuracy, macro-F1) on folds the model did not learn from."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    guessed = cross_val_predict(make(), texts, labels, cv=folds)
    return float(accuracy_score(labels, guessed)), float(f1_score(labels, guessed, average="macro"))


def to_bytes(model: Any) -> bytes:
    data = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    return signature(data) + data


def from_bytes(stored: bytes) -> Any | None:
    """The model, or None when the bytes are not Torget's or no longer load (a model pickled
    by another version of scikit-learn): judging then goes on without it."""
    mark, data = stored[: hashlib.sha256().digest_size], stored[hashlib.sha256().digest_size :]
    if not hmac.compare_digest(mark, signature(data)):
        return None
    try:
        return pickle.loads(data)  # noqa: S301 - signed above
    except (pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None


def signature(data: bytes) -> bytes:
    return bytes(salted_hmac(SALT, data, algorithm="sha256").digest())


def trained_models(organization_id: int) -> dict[str, Any]:
    """The organization's trained classifiers by kind, for judging a batch: one small query,
    and the stored bytes read only for a model trained since this process last loaded it."""
    found = TrainedClassifier.objects.filter(organization_id=organization_id, field__in=LABELS)
    models = {}
    for pk, kind, trained_at in found.values_list("pk", "field", "trained_at"):
        loaded = _loaded.get((organization_id, kind))
        if loaded is None or loaded[0] != trained_at:
            data = TrainedClassifier.objects.filter(pk=pk).values_list("data", flat=True).first()
            loaded = (trained_at, from_bytes(bytes(data)) if data else None)
            _loaded[(organization_id, kind)] = loaded
        if loaded[1] is not None:
            models[kind] = loaded[1]
    return models
