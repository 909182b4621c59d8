"""Throttling of password guessing.

Failures count per username and address together, so a colleague mistyping in the same office
(one address behind NAT) does not lock everyone out. Wider limits catch the other two attacks:
one username guessed from many addresses, and one address spraying many usernames.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from torget.accounts.models import LoginFailure

PER_USERNAME_FACTOR = 4
PER_ADDRESS_FACTOR = 20


def recent_failures():
    since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    return LoginFailure.objects.filter(at__gte=since)


def is_throttled(username: str, ip_address: str | None) -> bool:
    limit = settings.LOGIN_FAILURE_LIMIT
    for_username = recent_failures().filter(username=username.lower())
    if for_username.filter(ip_address=ip_address).count() >= limit:
        return True
    if for_username.count() >= PER_USERNAME_FACTOR * limit:
        return True
    by_address = recent_failures().filter(ip_address=ip_address)
    return ip_address is not None and by_address.count() >= PER_ADDRESS_FACTOR * limit


@transaction.atomic
def do_record_login_failure(username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=username.lower()[:254], ip_address=ip_address)


@transaction.atomic
def do_clear_login_failures(username: str, ip_address: str | None) -> None:
    LoginFailure.objects.filter(username=username.lower(), ip_address=ip_address).delete()
