"""The organization's learnt classifier, as ingest and the item page use it."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from torget.inbox.models import Item, TrainedClassifier

if TYPE_CHECKING:
    from torget.inbox.classifier import DecisionClassifier, Example

# Below this the suggestion is shown to the responder but does not set the class by itself.
CONFIDENT = 0.6


@dataclass(frozen=True)
class ClassSuggestion:
    class_id: int
    confidence: float

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT


def example_of(item: Item, label: str = "") -> "Example":
    # scikit-learn is imported only once an organization has a model to use.
    from torget.inbox.classifier import Example

    return Example(
        text=item.text, channel=item.channel, kind=item.kind, language=item.language, label=label
    )


class Suggester:
    def __init__(self, model: "DecisionClassifier | None"):
        self.model = model

    @classmethod
    def load(cls, organization) -> "Suggester":
        stored = TrainedClassifier.objects.filter(
            organization=organization, field="response_class"
        ).first()
        if stored is None:
            return cls(None)
        from torget.inbox.classifier import DecisionClassifier

        try:
            return cls(DecisionClassifier.from_bytes(bytes(stored.data)))
        except ValueError:
            return cls(None)

    def suggest(self, item: Item) -> ClassSuggestion | None:
        return self.suggest_many([item])[0]

    def suggest_many(self, items: list[Item]) -> list[ClassSuggestion | None]:
        if self.model is None or not items:
            return [None] * len(items)
        suggestions = self.model.suggest_many([example_of(item) for item in items])
        return [
            ClassSuggestion(int(s.label), s.confidence) if s.label.isdigit() else None
            for s in suggestions
        ]
