from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from torget.accounts.actions.logins import (
    do_clear_login_failures,
    do_record_login_failure,
    is_throttled,
)
from torget.accounts.actions.twofactor import get_confirmed_device
from torget.accounts.forms import CodeForm, LoginForm

PENDING_USER = "pending_user_id"
PENDING_NEXT = "pending_next"


def client_ip(request) -> str | None:
    if settings.BEHIND_PROXY:
        # The proxy appends the address it saw; earlier entries are whatever the client sent.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")


def safe_next(request, target: str | None, fallback: str = "orgs-home") -> str:
    """Back where the person came from, but never to another site."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if is_throttled(username, client_ip(request)):
            form.add_error(None, _("Too many failed attempts. Wait a few minutes and try again."))
            return render(request, "accounts/login.html", {"form": form}, status=429)
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None:
            do_record_login_failure(username, client_ip(request))
            form.add_error(None, _("Wrong username, e-mail or password."))
        else:
            do_clear_login_failures(username, client_ip(request))
            return after_password(request, user, request.GET.get("next"))
    return render(request, "accounts/login.html", {"form": form})


def after_password(request, user, target):
    if get_confirmed_device(user) is None:
        login(request, user)
        return redirect(safe_next(request, target))
    request.session[PENDING_USER] = user.pk
    request.session[PENDING_NEXT] = target or ""
    return redirect("accounts-verify")


def verify_view(request):
    """The second step for people with two-factor authentication turned on."""
    user_id = request.session.get(PENDING_USER)
    if user_id is None:
        return redirect("accounts-login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = get_confirmed_device_for(user_id)
        if (
            device
            and not is_throttled(f"otp:{user_id}", client_ip(request))
            and device.verify_token(form.cleaned_data["code"])
        ):
            return complete_login(request, device)
        do_record_login_failure(f"otp:{user_id}", client_ip(request))
        form.add_error("code", _("That code is not right. Codes change every 30 seconds."))
    return render(request, "accounts/verify.html", {"form": form})


def complete_login(request, device):
    target = request.session.pop(PENDING_NEXT, "")
    del request.session[PENDING_USER]
    login(request, device.user, backend="torget.accounts.backends.UsernameOrEmailBackend")
    otp_login(request, device)
    return redirect(safe_next(request, target))


def get_confirmed_device_for(user_id):
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    return get_confirmed_device(user) if user else None


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("accounts-login")
