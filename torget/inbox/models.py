"""Everything people write to the organization, how it is classed, and what was done with it."""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from torget.inbox.sentiment import tone
from torget.orgs.models import Membership, OrganizationScoped, Team


class Kind(models.TextChoices):
    POST = "post", _("Post")
    COMMENT = "comment", _("Comment")
    REPLY = "reply", _("Reply")
    MESSAGE = "message", _("Direct message")
    MENTION = "mention", _("Mention")
    REVIEW = "review", _("Review")
    EMAIL = "email", _("E-mail")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    WAITING = "waiting", _("Waiting for the citizen")
    ANSWERED = "answered", _("Answered")
    NO_REPLY = "no_reply", _("No reply needed")
    CLOSED = "closed", _("Closed")


class Language(models.TextChoices):
    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class NoReplyReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    DUPLICATE = "duplicate", _("Duplicate")
    ALREADY_ANSWERED = "already_answered", _("Already answered")
    EMOJI = "emoji", _("Only an emoji")
    REMOVED = "removed", _("Removed on the platform")
    OTHER = "other", _("Other")


class ResponseClass(OrganizationScoped):
    """How soon an item must be answered: a target counted on a team's duty calendar."""

    name_nb = models.CharField(_("name (bokmål)"), max_length=100)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    # {"kind": "duty_minutes", "minutes": 30, "calendar": 1} or {"kind": "next_working_day", ...}
    target = models.JSONField()
    position = models.PositiveSmallIntegerField(default=0)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return {"nn": self.name_nn, "en": self.name_en}.get(get_language() or "nb", self.name_nb)


class Contact(OrganizationScoped):
    """A person who writes to us, as one channel knows them."""

    channel = models.CharField(max_length=40)
    handle = models.CharField(max_length=200)
    name = models.CharField(max_length=200, blank=True)
    profile_url = models.URLField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "channel", "handle"], name="contact_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.handle


class Conversation(OrganizationScoped):
    """A post with its comment tree, or a direct-message thread with one person."""

    channel = models.CharField(max_length=40)
    key = models.CharField(max_length=300)
    started_at = models.DateTimeField()
    last_activity_at = models.DateTimeField()
    storm_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "channel", "key"], name="conversation_unique"
            )
        ]
        indexes = [models.Index(fields=["organization", "storm_since"], name="conversation_storm")]

    def __str__(self) -> str:
        return f"{self.channel}:{self.key}"


class Item(OrganizationScoped):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="items")
    channel = models.CharField(max_length=40)
    external_id = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    ours = models.BooleanField(default=False, help_text="Written by the organization itself")
    author = models.ForeignKey(Contact, null=True, on_delete=models.SET_NULL, related_name="items")
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    media = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    # Kept so a reply that arrives before what it answers is linked when that arrives.
    in_reply_to = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField()
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.OTHER)
    # From -1 (angry) to 1 (praise); triage rules may act on its tone.
    sentiment = models.FloatField(default=0.0)
    response_class = models.ForeignKey(
        ResponseClass, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    labels = models.JSONField(default=list, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    assigned_to = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_items"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    no_reply_reason = models.CharField(max_length=20, choices=NoReplyReason.choices, blank=True)
    suggested_class = models.ForeignKey(
        ResponseClass, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggestion_confidence = models.FloatField(null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # 1 while the item is owed an answer, else 0. Kept by the database, so no update can forget
    # it; the inbox's queues and counts read it through the indexes below. A number rather
    # than a boolean, since SQLite seeks an index on "needs_answer = 1" but not on a bare flag.
    needs_answer = models.GeneratedField(
        expression=Case(
            When(Q(ours=False, status__in=[Status.OPEN, Status.WAITING]), then=Value(1)),
            default=Value(0),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["due_at", "received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "channel", "external_id"], name="item_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status", "due_at"], name="item_queue"),
            # The inbox as responders see it: what is owed an answer, soonest due first.
            models.Index(
                fields=["organization", "needs_answer", "due_at", "received_at", "id"],
                name="item_open_queue",
            ),
            # The counts beside the filters (queries.get_census), read from the index alone.
            models.Index(
                fields=[
                    *("organization", "needs_answer", "team", "response_class"),
                    *("language", "channel", "due_at"),
                ],
                name="item_open_census",
            ),
            models.Index(
                fields=["organization", "assigned_to", "needs_answer", "due_at"],
                name="item_assigned",
            ),
            # The clock's minute-by-minute look for what falls due, across organizations.
            models.Index(fields=["needs_answer", "due_at"], name="item_clock"),
            models.Index(fields=["conversation", "received_at"], name="item_thread"),
            # Replies that arrived before what they answer are found by this when it arrives.
            models.Index(
                fields=["organization", "channel", "in_reply_to"], name="item_in_reply_to"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.external_id}"

    @property
    def tone(self) -> str:
        return tone(self.sentiment)


class ItemRevision(models.Model):
    """An earlier text of an item that was edited on its platform."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField()
    replaced_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.item} @ {self.replaced_at:%Y-%m-%d %H:%M}"


class Decision(models.Model):
    """Every change of an item's class or team: who or what made it, from what, to what."""

    class Source(models.TextChoices):
        RULE = "rule", _("Rule")
        CLASSIFIER = "classifier", _("Suggestion")
        RESPONDER = "responder", _("Responder")
        API = "api", _("API")
        DEFAULT = "default", _("Default")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="decisions")
    field = models.CharField(max_length=20)  # "response_class" or "team"
    old_value = models.CharField(max_length=40, blank=True)
    new_value = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    actor = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL)
    old_due_at = models.DateTimeField(null=True, blank=True)
    new_due_at = models.DateTimeField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.field}: {self.old_value} → {self.new_value}"


class TriageRule(OrganizationScoped):
    """If an item matches the conditions, set its class, team and labels. Applied in order."""

    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    # {"channels": [...], "kinds": [...], "keywords": [...], "authors": [...],
    #  "languages": [...], "ours_thread": true|false, "outside_hours_of": calendar_id}
    conditions = models.JSONField(default=dict)
    response_class = models.ForeignKey(
        ResponseClass, null=True, blank=True, on_delete=models.CASCADE
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE)
    labels = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Reply(OrganizationScoped):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL)
    text = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"reply to {self.item_id}"


class Note(OrganizationScoped):
    """An internal note on an item; never sent to the citizen."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    mentions = models.ManyToManyField(Membership, blank=True, related_name="mentioned_in")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note on {self.item_id}"


class SavedReply(OrganizationScoped):
    title = models.CharField(_("title"), max_length=200)
    text_nb = models.TextField(_("text (bokmål)"))
    text_nn = models.TextField(_("text (nynorsk)"), blank=True)
    is_thanks = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Department(OrganizationScoped):
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HandOff(OrganizationScoped):
    """Feedback passed to the department concerned, followed until the service changed."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Service adjusted")
        DECLINED = "declined", _("No change")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="handoffs")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="handoffs")
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.department}"


class TrainedClassifier(OrganizationScoped):
    """The organization's own triage model, learnt from its responders' decisions."""

    field = models.CharField(max_length=20, default="response_class")
    data = models.BinaryField()
    examples = models.PositiveIntegerField(default=0)
    accuracy = models.FloatField(null=True, blank=True)
    macro_f1 = models.FloatField(null=True, blank=True)
    baseline_accuracy = models.FloatField(null=True, blank=True)
    trained_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "field"], name="classifier_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.field} ({self.examples})"


class Alert(OrganizationScoped):
    """A warning before an item falls due, a breach when it does, a storm on a post, a threat.

    Alerts for a team wait until the team is on duty: `show_after` is the next opening when
    they arise at night, so nobody on a day shift is woken at midnight.
    """

    class Kind(models.TextChoices):
        WARNING = "warning", _("Falls due soon")
        BREACH = "breach", _("Overdue")
        STORM = "storm", _("Storm of comments")
        MENTION = "mention", _("Mentioned in a note")
        THREAT = "threat", _("Threat in a comment")
        REFUSED = "refused", _("A platform did not carry out a moderation step")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    item = models.ForeignKey(Item, null=True, on_delete=models.CASCADE, related_name="alerts")
    recipient = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="alerts")
    created_at = models.DateTimeField(default=timezone.now)
    show_after = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at", "show_after"], name="alert_inbox")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class Presence(models.Model):
    """Who has an item open right now, so two responders do not answer the same citizen."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="presences")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="presence_unique")]

    def __str__(self) -> str:
        return f"{self.member_id} on {self.item_id}"
