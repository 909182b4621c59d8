"""Personal access tokens for the API and the record of failed logins used for throttling."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from torget.hashing import sha256_hex
from torget.orgs.models import Membership

TOKEN_PREFIX = "tg_"


def hash_token(raw: str) -> str:
    return sha256_hex(raw)


class ApiToken(models.Model):
    """A bearer token acts as one membership: it sees exactly one organization."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters let a person recognise a token without the secret being stored.
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class LoginFailure(models.Model):
    username = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"
