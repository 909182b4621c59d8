"""Throttling of password guessing: a username (or address) locks after repeated failures."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from torget.accounts.models import LoginFailure


def recent_failures(username: str, ip_address: str | None):
    since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    same = Q(username=username.lower())
    if ip_address:
        # A guesser spraying many usernames from one address is counted too, more generously.
        return LoginFailure.objects.filter(at__gte=since).filter(same | Q(ip_address=ip_address))
    return LoginFailure.objects.filter(at__gte=since).filter(same)


def is_throttled(username: str, ip_address: str | None) -> bool:
    failures = recent_failures(username, ip_address)
    per_user = failures.filter(username=username.lower()).count()
    return (
        per_user >= settings.LOGIN_FAILURE_LIMIT
        or failures.count() >= 4 * settings.LOGIN_FAILURE_LIMIT
    )


def do_record_login_failure(username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=username.lower()[:254], ip_address=ip_address)


def do_clear_login_failures(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
