"""Organizations, their teams and people, and the duty calendars that say when a team answers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from torget.hashing import sha256_hex


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    RESPONDER = "responder", _("Responder")
    MEMBER = "member", _("Member")


# Higher ranks include every right of the lower ones.
ROLE_RANK = {Role.MEMBER: 1, Role.RESPONDER: 2, Role.EDITOR: 3, Role.ADMIN: 4, Role.OWNER: 5}


class OrganizationScoped(models.Model):
    """Every table holding an organization's data carries this key; queries filter on it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)

    class Meta:
        abstract = True


class DutyCalendar(OrganizationScoped):
    name = models.CharField(_("name"), max_length=200)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Oslo")
    # Hours are kept as the API speaks them: {"mon": [["08:00", "16:00"]], ...}.
    weekly = models.JSONField(default=dict)
    holidays = models.CharField(_("public holidays"), max_length=8, blank=True, default="NO")
    holiday_hours = models.JSONField(default=list)
    exceptions = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Assignment(models.TextChoices):
    MANUAL = "manual", _("People claim items themselves")
    ROUND_ROBIN = "round_robin", _("Round-robin among those on duty")
    LEAST_LOADED = "least_loaded", _("Least loaded among those on duty")


class Team(OrganizationScoped):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    assignment = models.CharField(
        _("assignment"), max_length=16, choices=Assignment.choices, default=Assignment.MANUAL
    )
    lead = models.ForeignKey(
        "Membership",
        verbose_name=_("team lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
    )
    calendar = models.ForeignKey(
        DutyCalendar,
        verbose_name=_("duty calendar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teams",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(OrganizationScoped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    joined_at = models.DateTimeField(default=timezone.now)
    # Switched by the person at the start and end of a shift; items they hold return to the
    # queue when they go off duty.
    on_duty = models.BooleanField(_("on duty"), default=True)

    class Meta:
        ordering = ["organization__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"

    def has_role(self, role: str) -> bool:
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(role)]

    @property
    def can_manage(self) -> bool:
        return self.has_role(Role.ADMIN)


class Invitation(OrganizationScoped):
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    teams = models.ManyToManyField(Team, blank=True)
    # Only a hash is stored: a leaked database does not hand out working invitation links.
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @staticmethod
    def hash(token: str) -> str:
        return sha256_hex(token)

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at
