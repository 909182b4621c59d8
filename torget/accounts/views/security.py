from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.accounts.actions.twofactor import (
    do_confirm_totp,
    do_disable_totp,
    do_start_totp,
    get_confirmed_device,
    get_pending_device,
)
from torget.accounts.forms import CodeForm


@login_required
def security(request):
    pending = get_pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and pending and form.is_valid():
        if do_confirm_totp(pending, form.cleaned_data["code"]):
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts-security")
        form.add_error(
            "code", _("That code is not right. Check the clock on your phone and try again.")
        )
    context = {
        "device": get_confirmed_device(request.user),
        "pending": pending,
        "qr_svg": qr_svg(pending.config_url) if pending else "",
        "secret_b32": b32encode(pending.bin_key).decode() if pending else "",
        "form": form,
    }
    return render(request, "accounts/security.html", context)


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, title=f"{settings.OTP_TOTP_ISSUER} QR")


@require_POST
@login_required
def totp_start(request):
    do_start_totp(request.user)
    return redirect("accounts-security")


@require_POST
@login_required
def totp_disable(request):
    """Turning the second factor off asks for the password, so an unattended session cannot."""
    if not request.user.check_password(request.POST.get("password", "")):
        messages.error(request, _("Wrong password. Two-factor authentication is still on."))
        return redirect("accounts-security")
    do_disable_totp(request.user)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts-security")
