import secrets

from django.db import transaction
from django.utils import timezone

from torget.accounts.models import TOKEN_PREFIX, ApiToken, hash_token
from torget.orgs.models import Membership


@transaction.atomic
def do_create_token(membership: Membership, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its secret; the secret is shown once and only its hash is kept."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        membership=membership,
        name=name.strip()[:100] or "API",
        token_hash=hash_token(raw),
        hint=raw[:10],
    )
    return token, raw


@transaction.atomic
def do_revoke_token(token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def get_active_token(raw: str) -> ApiToken | None:
    token = (
        ApiToken.objects.filter(token_hash=hash_token(raw), revoked_at=None)
        .select_related("membership__organization", "membership__user")
        .first()
    )
    if token is None or not token.membership.user.is_active:
        return None
    # Touch at most once a minute so a busy client does not turn every read into a write.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
