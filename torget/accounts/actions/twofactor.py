from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


def get_confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def get_pending_device(user) -> TOTPDevice | None:
    """A secret being set up: shown as a QR code until the person confirms a code from it."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


@transaction.atomic
def do_start_totp(user) -> TOTPDevice:
    """A fresh unconfirmed secret; it counts only after the person proves their app has it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


@transaction.atomic
def do_confirm_totp(device: TOTPDevice, code: str) -> bool:
    if not device.verify_token(code):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def do_disable_totp(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
