"""The classifier learns from what responders decided, in the background."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from torget.inbox.models import Decision, Item, TrainedClassifier
from torget.inbox.suggestions import example_of
from torget.orgs.models import Organization

MAX_EXAMPLES = 20_000


def decided_items(organization: Organization):
    """Items whose class a person chose or stood by: changed by a responder, or answered."""
    by_person = Q(decisions__source=Decision.Source.RESPONDER, decisions__field="response_class")
    return (
        Item.objects.filter(organization=organization, ours=False, response_class__isnull=False)
        .filter(by_person | Q(answered_at__isnull=False))
        .distinct()
        .order_by("-received_at")[:MAX_EXAMPLES]
    )


@transaction.atomic
def do_train_classifier(organization: Organization) -> TrainedClassifier | None:
    from torget.inbox.classifier import DecisionClassifier, evaluate

    examples = [
        example_of(item, str(item.response_class_id)) for item in decided_items(organization)
    ]
    model = DecisionClassifier.train(examples)
    if model is None:
        return None
    evaluation = evaluate(examples)
    stored, _created = TrainedClassifier.objects.update_or_create(
        organization=organization,
        field="response_class",
        defaults={
            "data": model.to_bytes(),
            "examples": len(examples),
            "accuracy": evaluation.accuracy if evaluation else None,
            "macro_f1": evaluation.macro_f1 if evaluation else None,
            "baseline_accuracy": evaluation.baseline_accuracy if evaluation else None,
            "trained_at": timezone.now(),
        },
    )
    return stored
