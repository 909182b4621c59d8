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

    class State(models.TextChoices):
        VISIBLE = "", _("Visible")
        HELD = "held", _("Held for a moderator")
        APPROVED = "approved", _("Approved by a moderator")
        HIDDEN = "hidden", _("Hidden")
        DELETED = "deleted", _("Deleted")

    HELD_VERDICTS = (Kind.SUSPECT, Kind.SPAM, Kind.ABUSIVE, Kind.THREAT)
    SHOWN_STATES = (State.VISIBLE, State.APPROVED)

    item = models.OneToOneField("inbox.Item", on_delete=models.CASCADE, related_name="verdict")
    spam_score = models.FloatField(default=0.0)
    abuse_score = models.FloatField(default=0.0)
    verdict = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CLEAN)
    # [{"name", "kind" (spam | abuse), "weight", "detail"}], as moderation.verdicts gives them.
    signals = models.JSONField(default=list, blank=True)
    judged_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, blank=True)
    # A person's word on the item, which the classifiers learn from: None until someone says.
    spam_label = models.BooleanField(null=True, blank=True)
    abuse_label = models.BooleanField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organization", "verdict"], name="verdict_kind"),
            models.Index(fields=["organization", "state"], name="verdict_state"),
        ]

    def __str__(self) -> str:
        return self.get_verdict_display()


class Standing(OrganizationScoped):
    """A writer a moderator has restricted (everything they write is held for review) or
    banned (blocked on the platform where it allows, and hidden in Torget)."""

    class Kind(models.TextChoices):
        RESTRICTED = "restricted", _("Restricted: held for review")
        BANNED = "banned", _("Banned")

    contact = models.OneToOneField(
        "inbox.Contact", on_delete=models.CASCADE, related_name="standing"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.TextField(blank=True)
    set_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.get_kind_display()


class InThreeLanguages:
    """A text the organization writes in bokmål, nynorsk and English (text_nb, _nn, _en)."""

    text_nb: str
    text_nn: str
    text_en: str

    def text(self, language: str) -> str:
        """In the language asked for, or the first the organization wrote."""
        texts = {"nb": self.text_nb, "nn": self.text_nn, "en": self.text_en}
        return texts.get(language) or self.text_nb or self.text_nn or self.text_en


class HouseRules(InThreeLanguages, OrganizationScoped):
    """The organization's published comment policy, in the three languages it speaks."""

    text_nb = models.TextField(_("house rules (bokmål)"), blank=True)
    text_nn = models.TextField(_("house rules (nynorsk)"), blank=True)
    text_en = models.TextField(_("house rules (English)"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization"], name="house_rules_once")]

    def __str__(self) -> str:
        return f"house rules of {self.organization_id}"


class Explanation(InThreeLanguages, OrganizationScoped):
    """A saved text a moderator posts when hiding something: "we removed a comment that …"."""

    title = models.CharField(_("title"), max_length=100)
    text_nb = models.TextField(_("text (bokmål)"), blank=True)
    text_nn = models.TextField(_("text (nynorsk)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class LexiconEntry(OrganizationScoped):
    """A word the organization adds to the abuse lexicon, or one it allows (a place name
    that looks like a swear word): kind "allowed" takes a default word out."""

    class Kind(models.TextChoices):
        INSULT = "insult", _("Insult or slur")
        SWEARING = "swearing", _("Swearing")
        THREAT = "threat", _("Threat")
        ALLOWED = "allowed", _("Allowed (not abuse here)")

    word = models.CharField(_("word or phrase"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    added_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "word"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "word"], name="lexicon_word_once")
        ]

    def __str__(self) -> str:
        return self.word


class AutoRule(OrganizationScoped):
    """A moderation step taken without a person, e.g. hide link spam from first-time writers.

    `conditions`: {"verdicts": ["spam", …], "links": true, "new_author": true,
    "min_spam": 0.8, "min_abuse": 0.7}; every condition given must hold. A rule is made
    switched off; its dry run over the last 30 days shows what it would have done."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hide")
        HOLD = "hold", _("Hold for a moderator")
        MARK_SPAM = "mark_spam", _("Mark as spam")
        DELETE = "delete", _("Delete")

    name = models.CharField(_("name"), max_length=200)
    conditions = models.JSONField(default=dict)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    is_active = models.BooleanField(_("switched on"), default=False)
    created_by = models.ForeignKey(
        "orgs.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    switched_on_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableAuditError("The audit log cannot be changed.")


class ImmutableAuditError(Exception):
    pass


class AuditEntry(OrganizationScoped):
    """One moderation action or verdict change, as it was: who, what, when, why, and the text
    at that moment. Rows are only ever added: the model refuses to save an existing row, and
    a database trigger refuses any UPDATE (migration 0002). Deleting stays possible for the
    organization's erasure and retention."""

    class Action(models.TextChoices):
        JUDGED = "judged", _("Judged on arrival")
        REJUDGED = "rejudged", _("Judged again after an edit")
        HIDE = "hide", _("Hidden")
        UNHIDE = "unhide", _("Shown again")
        DELETE = "delete", _("Deleted")
        BAN = "ban", _("Writer banned")
        UNBAN = "unban", _("Ban lifted")
        RESTRICT = "restrict", _("Writer restricted to review")
        UNRESTRICT = "unrestrict", _("Restriction lifted")
        MARK_SPAM = "mark_spam", _("Marked as spam")
        MARK_NOT_SPAM = "mark_not_spam", _("Marked as not spam")
        MARK_ABUSIVE = "mark_abusive", _("Marked as abusive")
        APPROVE = "approve", _("Approved")
        HOLD = "hold", _("Held for a moderator")
        ESCALATE = "escalate", _("Escalated as a threat")
        STEP_FAILED = "step_failed", _("The platform did not carry out a step")

    at = models.DateTimeField(default=timezone.now)
    # The member who acted; none for Torget itself (verdicts, automatic rules). The name is
    # kept as it was, so the entry still says who after the membership is gone.
    actor = models.ForeignKey(
        "orgs.Membership",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(max_length=200)
    action = models.CharField(max_length=16, choices=Action.choices)
    # Plain ids, not keys: the entry outlives the item and the writer.
    item_id = models.BigIntegerField(null=True, blank=True)
    contact_id = models.BigIntegerField(null=True, blank=True)
    channel = models.CharField(max_length=40, blank=True)
    author_handle = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    verdict_before = models.CharField(max_length=10, blank=True)
    verdict_after = models.CharField(max_length=10, blank=True)
    reason = models.TextField(blank=True)
    # What the platform allowed, or why it did not: "hidden on Facebook", "Mastodon does not
    # let an account hide others' replies; hidden in Torget only".
    outcome = models.TextField(blank=True)
    rule_id = models.BigIntegerField(null=True, blank=True)

    TORGET = "Torget"  # the actor's name when no person acted: verdicts, rules, bans

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organization", "-at"], name="audit_latest")]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_name} at {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def of_item(cls, item, author_handle: str | None = None, **fields) -> "AuditEntry":
        """An entry about an item, unsaved, with the item and its text as they are now."""
        if author_handle is None:
            author_handle = item.author.handle if item.author else ""
        return cls(
            organization_id=item.organization_id,
            item_id=item.pk,
            contact_id=item.author_id,
            channel=item.channel,
            author_handle=author_handle,
            text=item.text,
            **fields,
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableAuditError("The audit log cannot be changed.")
        super().save(*args, **kwargs)
