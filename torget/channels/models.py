"""Connected accounts, the outbox that delivers to them, and the built-in sandbox platform."""

import secrets
import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from torget.orgs.models import OrganizationScoped


def new_hook_token() -> str:
    return secrets.token_urlsafe(32)


class Channel(OrganizationScoped):
    """One connected account on one platform. Items name their channel by its `key`."""

    key = models.SlugField(_("key"), max_length=40)
    platform = models.CharField(_("platform"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    # What is not secret: the sandbox's behaviour, an account's handle, an instance's address.
    settings = models.JSONField(default=dict, blank=True)
    # Tokens and app secrets, encrypted (channels.secrets); read with secrets().
    sealed_secrets = models.TextField(blank=True)
    # The unguessable part of this channel's webhook address, /hooks/<hook_token>/.
    hook_token = models.CharField(max_length=64, unique=True, default=new_hook_token)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Where the next poll of the platform starts (a notification id, a mailbox UID, …): it
    # moves only in the transaction that keeps what was fetched, so nothing is missed or doubled.
    cursor = models.TextField(blank=True)
    polled_at = models.DateTimeField(null=True, blank=True)
    # What the platform last said against us: a poll refused, a token refused, a rate limit.
    trouble = models.CharField(max_length=500, blank=True)
    trouble_at = models.DateTimeField(null=True, blank=True)
    rate_limited_until = models.DateTimeField(null=True, blank=True)
    # When the platform says the token lapses (Facebook's page tokens; most never do).
    token_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="channel_unique_key")
        ]

    def __str__(self) -> str:
        return self.name

    def secrets(self) -> dict[str, str]:
        from torget.channels.secrets import unseal

        return unseal(self.sealed_secrets)

    def readable_secrets(self) -> dict[str, str]:
        """For pages: a channel sealed under an old key shows as needing a new connection."""
        from torget.channels.secrets import SecretsUnreadableError

        try:
            return self.secrets()
        except SecretsUnreadableError:
            return {"unreadable": "yes"}

    def set_secrets(self, values: dict[str, str]) -> None:
        from torget.channels.secrets import seal

        self.sealed_secrets = seal(values)


class WebhookDelivery(OrganizationScoped):
    """Every webhook body a channel received, kept as it came: a body Torget could not read
    can be read again once it can, and the channel's page shows what arrived."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not understood")

    class Via(models.TextChoices):
        WEBHOOK = "webhook", _("Webhook")
        POLL = "poll", _("Fetched")
        WIDGET = "widget", _("Comment field")

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="deliveries")
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.WEBHOOK)
    body = models.BinaryField()
    state = models.CharField(max_length=10, choices=State.choices)
    items = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["channel", "received_at"], name="webhook_recent")]


class Outbound(OrganizationScoped):
    """A reply (later also a post or a message) on its way out: stored first, then delivered by
    the worker, once. The idempotency key travels with every attempt, so a platform that got
    an attempt before a crash recognises the next one as the same."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        RETRYING = "retrying", _("Waiting to retry")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SUPERSEDED = "superseded", _("Replaced by a later step")

    class Action(models.TextChoices):
        REPLY = "reply", _("Reply")
        HIDE = "hide", _("Hide")
        UNHIDE = "unhide", _("Show again")
        DELETE = "delete", _("Delete")
        BLOCK = "block", _("Block the writer")
        UNBLOCK = "unblock", _("Lift the block")

    UNFINISHED = (State.QUEUED, State.RETRYING, State.SENDING)

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="outbound")
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.REPLY)
    # What a moderation step acts on: the item's external id, or the writer's handle to block.
    target = models.CharField(max_length=300, blank=True)
    audit_entry = models.ForeignKey(
        "moderation.AuditEntry", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="steps",
    )  # fmt: skip
    reply = models.OneToOneField(
        "inbox.Reply", null=True, on_delete=models.CASCADE, related_name="outbound"
    )
    text = models.TextField()
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # While a worker delivers, no other may; if it dies, the claim lapses and another retries.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    external_id = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbound_due")]

    def __str__(self) -> str:
        return f"{self.get_state_display()} to {self.channel}"


class SandboxPost(OrganizationScoped):
    """What the sandbox platform holds: everything Torget sent to it, once per key."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="sandbox_posts")
    idempotency_key = models.UUIDField()
    in_reply_to = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "idempotency_key"], name="sandbox_post_once")
        ]

    @property
    def external_id(self) -> str:
        return f"sandbox-{self.pk}"


class ImportRun(OrganizationScoped):
    """One file imported into a channel: how far it got, so a stopped import goes on where
    it stopped."""

    channel_key = models.SlugField(max_length=40)
    source = models.CharField(max_length=300)
    digest = models.CharField(max_length=64)  # SHA-256 of the file: the same file resumes
    rows_done = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A file sent from the page waits here for the worker, with who sent it; the command
    # line reads its file itself.
    started_by = models.ForeignKey(
        "orgs.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    upload = models.BinaryField(null=True, blank=True)
    total = models.PositiveIntegerField(null=True, blank=True)  # rows, once counted
    # (line, reason) for every row not taken, so the page can list them and offer them as CSV.
    rejections = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    @property
    def stalled(self) -> bool:
        """No batch for two minutes: its worker stopped (a batch takes a second or two), and
        has let go of the run (channels.actions.importing)."""
        return self.updated_at < timezone.now() - timedelta(minutes=2)

    @property
    def percent(self) -> int:
        if self.finished_at:
            return 100
        return int(100 * self.rows_done / self.total) if self.total else 0

    class Meta:
        indexes = [models.Index(fields=["organization", "digest"], name="import_resume")]
