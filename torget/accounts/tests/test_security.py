"""The two-factor setup page: scan a code, prove the app has it, and turn it off again."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def code_for(device, drift=0):
    return str(totp(device.bin_key, device.step, device.t0, device.digits, drift)).zfill(
        device.digits
    )


def started(cast, member):
    client = cast.client_for(member)
    response = client.post("/account/security/totp/start/")
    assert response.status_code == 302
    assert response.url == "/account/security/"
    return client, TOTPDevice.objects.get(user=member.user, confirmed=False)


def test_it_offers_setup_when_two_factor_is_off(cast):
    response = cast.client_for(cast.bob).get("/account/security/")
    assert response.status_code == 200
    assert "/account/security/totp/start/" in response.content.decode()
    assert "<svg" not in response.content.decode()


def test_it_shows_a_qr_code_and_the_key_after_starting(cast):
    client, device = started(cast, cast.bob)
    page = client.get("/account/security/").content.decode()
    assert "<svg" in page
    key = re.search(r'<span class="secret">([A-Z2-7=]+)</span>', page).group(1)
    assert b32decode(key) == device.bin_key


def test_it_does_not_turn_on_before_the_code_is_confirmed(cast):
    started(cast, cast.bob)
    assert not TOTPDevice.objects.filter(user=cast.bob.user, confirmed=True).exists()


def test_it_turns_on_with_the_right_code(cast):
    client, device = started(cast, cast.bob)
    response = client.post("/account/security/", {"code": code_for(device)}, follow=True)
    assert response.redirect_chain == [("/account/security/", 302)]
    assert "Two-factor authentication is on." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert TOTPDevice.objects.filter(user=cast.bob.user).count() == 1


def test_it_stays_off_with_a_wrong_code(cast):
    client, device = started(cast, cast.bob)
    valid = {code_for(device, drift) for drift in (-1, 0, 1)}
    wrong = next(code for code in ("123456", "654321", "111111") if code not in valid)
    response = client.post("/account/security/", {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_it_turns_off(cast):
    client, device = started(cast, cast.bob)
    client.post("/account/security/", {"code": code_for(device)})
    assert TOTPDevice.objects.filter(user=cast.bob.user, confirmed=True).exists()
    url = "/account/security/totp/disable/"
    response = client.post(url, {"password": PASSWORD}, follow=True)
    assert "Two-factor authentication is off." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.bob.user).exists()
    assert client.get("/account/security/totp/disable/").status_code == 405


def test_it_asks_for_the_password_before_turning_off(cast):
    client, device = started(cast, cast.bob)
    client.post("/account/security/", {"code": code_for(device)})
    url = "/account/security/totp/disable/"
    response = client.post(url, {"password": "not it"}, follow=True)
    assert "Wrong password" in response.content.decode()
    assert TOTPDevice.objects.filter(user=cast.bob.user, confirmed=True).exists()


def test_it_leaves_other_peoples_devices_alone(cast):
    other = TOTPDevice.objects.create(user=cast.carol.user, name="Authenticator", confirmed=True)
    client, _device = started(cast, cast.bob)
    client.post("/account/security/totp/disable/")
    assert TOTPDevice.objects.filter(pk=other.pk).exists()
