"""The website's own comment field: what visitors wrote on a page, and our replies under it.

A comment is kept as written and as the HTML the field allows (comments.markup). The visitor's
address is never stored: the rate limit counts it in the cache, under a keyed hash.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from torget.channels.models import Channel, WebhookDelivery
from torget.orgs.models import Membership, OrganizationScoped

# Why a comment was held or rejected, by the codes comments.holding gives; a reason from
# elsewhere (a moderator's note, a spam verdict) is shown as it was given.
REASONS = {
    "all": _("Every comment on this site waits for review."),
    "link": _("A link: it waits until a person has looked at where it leads."),
    "bbcode": _("A [url=…] link, as spam robots write them."),
    "honeypot": _("The hidden field only robots fill in was filled in."),
    "hidden": _("Hidden from the page from the inbox."),
    "writer": _("The writer is restricted or banned: a moderator reads it first."),
    "verdict": _("Moderation found signs of spam or abuse: a moderator reads it first."),
}


class WebsiteComment(OrganizationScoped):
    class State(models.TextChoices):
        HELD = "held", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="website_comments")
    page = models.CharField(_("page"), max_length=500)
    external_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author_name = models.CharField(_("name"), max_length=100)
    author_email = models.EmailField(_("e-mail"), blank=True)
    text = models.TextField(_("text"))
    text_html = models.TextField()
    # The external id of the comment this one answers; empty for a comment on the page itself.
    in_reply_to = models.CharField(max_length=40, blank=True)
    ours = models.BooleanField(default=False, help_text="A reply written by the organization")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PUBLISHED)
    hold_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Our replies: the outbox's key, so a reply delivered twice is posted once.
    idempotency_key = models.UUIDField(null=True, blank=True)
    # The body kept for the inbox; none for what never went there (a robot's, our replies).
    delivery = models.ForeignKey(
        WebhookDelivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="website_reply_once",
            )
        ]
        indexes = [
            models.Index(fields=["channel", "page", "state"], name="website_comments_page"),
            models.Index(fields=["organization", "state", "created_at"], name="website_held"),
        ]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.page}"

    @property
    def reason_shown(self) -> str:
        return str(REASONS.get(self.hold_reason, self.hold_reason))

    @property
    def url(self) -> str:
        return f"{self.page}#torget-comment-{self.external_id}"
