"""Logging in: username or e-mail, throttling of guessing, safe redirects and two-factor codes."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from torget.accounts.models import LoginFailure

THROTTLED = "Too many failed attempts"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 15


def log_in(client, username, password=PASSWORD, next_url=None):
    url = "/login/" if next_url is None else f"/login/?next={next_url}"
    return client.post(url, {"username": username, "password": password})


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


def code_for(device, drift=0):
    """What the authenticator app shows now (or `drift` time steps away)."""
    return str(totp(device.bin_key, device.step, device.t0, device.digits, drift)).zfill(
        device.digits
    )


def test_it_logs_in_with_the_username(cast):
    client = Client()
    response = log_in(client, "alice")
    assert response.status_code == 302
    assert response.url == "/"
    assert logged_in_user_id(client) == str(cast.alice.user.pk)


def test_it_logs_in_with_the_email_address_in_any_case(cast):
    client = Client()
    response = log_in(client, "Alice@Example.ORG")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(cast.alice.user.pk)


def test_it_refuses_a_wrong_password_with_a_message(cast):
    client = Client()
    response = log_in(client, "alice", "not the password")
    assert response.status_code == 200
    assert "Wrong username, e-mail or password." in response.content.decode()
    assert logged_in_user_id(client) is None
    assert LoginFailure.objects.filter(username="alice").count() == 1


def test_it_follows_a_local_next_url(cast):
    response = log_in(Client(), "alice", next_url="/teams/")
    assert response.status_code == 302
    assert response.url == "/teams/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/teams/", "http://evil.example"]
)
def test_it_ignores_a_next_url_to_another_site(cast, next_url):
    client = Client()
    response = log_in(client, "alice", next_url=next_url)
    assert response.status_code == 302
    assert response.url == "/"
    assert logged_in_user_id(client) == str(cast.alice.user.pk)


def test_it_locks_after_too_many_failures_even_with_the_right_password(cast):
    client = Client()
    for _attempt in range(5):
        assert log_in(client, "alice", "guess").status_code == 200
    response = log_in(client, "alice")
    assert response.status_code == 429
    assert THROTTLED in response.content.decode()
    assert logged_in_user_id(client) is None


def test_it_still_lets_in_after_fewer_failures_than_the_limit(cast):
    client = Client()
    for _attempt in range(4):
        log_in(client, "alice", "guess")
    assert log_in(client, "alice").status_code == 302
    assert logged_in_user_id(client) == str(cast.alice.user.pk)


def test_it_clears_failures_after_a_success(cast):
    for _attempt in range(4):
        log_in(Client(), "alice", "guess")
    assert log_in(Client(), "alice").status_code == 302
    assert not LoginFailure.objects.filter(username="alice").exists()
    for _attempt in range(4):
        log_in(Client(), "alice", "guess")
    # Without the clearing, this would be the ninth failure in the window.
    assert log_in(Client(), "alice").status_code == 302


def test_it_forgets_failures_older_than_the_window(cast):
    long_ago = timezone.now() - timedelta(minutes=16)
    for _attempt in range(5):
        LoginFailure.objects.create(username="alice", ip_address="127.0.0.1", at=long_ago)
    client = Client()
    assert log_in(client, "alice").status_code == 302
    assert logged_in_user_id(client) == str(cast.alice.user.pk)


def test_it_counts_failures_inside_the_window(cast):
    recently = timezone.now() - timedelta(minutes=14)
    for _attempt in range(5):
        LoginFailure.objects.create(username="alice", ip_address="127.0.0.1", at=recently)
    assert log_in(Client(), "alice").status_code == 429


def test_it_lets_the_owner_in_from_another_address_while_one_address_is_locked(cast):
    for _attempt in range(5):
        LoginFailure.objects.create(username="alice", ip_address="203.0.113.9")
    assert log_in(Client(), "alice").status_code == 302


def test_it_locks_a_username_guessed_from_many_addresses(cast):
    for attempt in range(20):
        LoginFailure.objects.create(username="alice", ip_address=f"203.0.113.{attempt}")
    assert log_in(Client(), "alice").status_code == 429


def test_it_does_not_lock_an_office_out_for_a_few_colleagues_mistakes(cast):
    for attempt in range(19):
        LoginFailure.objects.create(username=f"colleague{attempt}", ip_address="127.0.0.1")
    assert log_in(Client(), "alice").status_code == 302


def test_it_locks_an_address_that_sprays_many_usernames(cast):
    for attempt in range(100):
        LoginFailure.objects.create(username=f"guess{attempt}", ip_address="127.0.0.1")
    assert log_in(Client(), "alice").status_code == 429


def test_it_counts_the_address_the_proxy_saw(cast, settings):
    settings.BEHIND_PROXY = True
    for _attempt in range(5):
        LoginFailure.objects.create(username="alice", ip_address="198.51.100.7")
    spoofed = {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 198.51.100.7"}
    response = Client().post("/login/", {"username": "alice", "password": PASSWORD}, **spoofed)
    assert response.status_code == 429


def test_it_logs_out_only_on_post(cast):
    client = cast.client_for(cast.alice)
    assert client.get("/logout/").status_code == 405
    assert logged_in_user_id(client) == str(cast.alice.user.pk)
    response = client.post("/logout/")
    assert response.status_code == 302
    assert response.url == "/login/"
    assert logged_in_user_id(client) is None


@pytest.mark.parametrize(
    "path", ["/", "/teams/", "/people/", "/account/tokens/", "/account/security/"]
)
def test_it_sends_anonymous_people_to_the_login_page(db, path):
    response = Client().get(path)
    assert response.status_code == 302
    assert response.url == f"/login/?next={path}"


# Two-factor authentication.


@pytest.fixture
def device(cast):
    return TOTPDevice.objects.create(user=cast.alice.user, name="Authenticator", confirmed=True)


def test_it_asks_for_a_code_after_the_password(cast, device):
    client = Client()
    response = log_in(client, "alice")
    assert response.status_code == 302
    assert response.url == "/login/verify/"
    assert logged_in_user_id(client) is None
    assert client.get("/teams/").status_code == 302


def test_it_ignores_an_unconfirmed_device(cast):
    TOTPDevice.objects.create(user=cast.alice.user, name="Authenticator", confirmed=False)
    client = Client()
    assert log_in(client, "alice").url == "/"
    assert logged_in_user_id(client) == str(cast.alice.user.pk)


def test_it_logs_in_with_the_right_code(cast, device):
    client = Client()
    log_in(client, "alice", next_url="/teams/")
    response = client.post("/login/verify/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response.url == "/teams/"
    assert logged_in_user_id(client) == str(cast.alice.user.pk)
    assert client.get("/teams/").status_code == 200


def test_it_keeps_people_out_with_a_wrong_code(cast, device):
    valid = {code_for(device, offset) for offset in (-1, 0, 1)}
    wrong = next(code for code in ("123456", "654321", "111111") if code not in valid)
    client = Client()
    log_in(client, "alice")
    response = client.post("/login/verify/", {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert logged_in_user_id(client) is None
    assert client.get("/teams/").status_code == 302


def test_it_sends_verify_without_a_password_step_to_the_login_page(cast, device):
    client = Client()
    assert client.get("/login/verify/").url == "/login/"
    response = client.post("/login/verify/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response.url == "/login/"
    assert logged_in_user_id(client) is None


# Password storage.


def test_it_hashes_passwords_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    assert make_password(PASSWORD).startswith("argon2")


def test_it_configures_argon2_as_the_first_hasher():
    from torget import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
