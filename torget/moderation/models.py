"""What moderation says about each item: how likely spam and abuse are, the verdict, and the
signals that gave it, so the item can say why."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from torget.orgs.models import OrganizationScoped


class Verdict(OrganizationScoped):
    class Kind(models.TextChoices):
        CLEAN = "clean", _("Clean")
        SUSPECT = "suspect", _("Suspect: held for a moderator")
        SPAM = "spam", _("Spam")
        ABUSIVE = "abusive", _("Abusive")
        THREAT = "threat", _("Threat")

    item = models.OneToOneField("inbox.Item", on_delete=models.CASCADE, related_name="verdict")
    spam_score = models.FloatField(default=0.0)
    abuse_score = models.FloatField(default=0.0)
    verdict = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CLEAN)
    # [{"name", "kind" (spam | abuse), "weight", "detail"}], as moderation.verdicts gives them.
    signals = models.JSONField(default=list, blank=True)
    judged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["organization", "verdict"], name="verdict_kind")]

    def __str__(self) -> str:
        return self.get_verdict_display()
