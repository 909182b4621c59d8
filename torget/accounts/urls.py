from django.urls import path

from torget.accounts.views import login, security, tokens

urlpatterns = [
    path("login/", login.login_view, name="accounts-login"),
    path("login/verify/", login.verify_view, name="accounts-verify"),
    path("logout/", login.logout_view, name="accounts-logout"),
    path("account/security/", security.security, name="accounts-security"),
    path("account/security/totp/start/", security.totp_start, name="accounts-totp-start"),
    path("account/security/totp/disable/", security.totp_disable, name="accounts-totp-disable"),
    path("account/tokens/", tokens.token_list, name="accounts-tokens"),
    path(
        "account/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="accounts-token-revoke"
    ),
]
