from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.accounts.actions.tokens import do_create_token, do_revoke_token
from torget.accounts.forms import TokenForm
from torget.accounts.queries import access_token, get_tokens
from torget.orgs.views.access import member_required


@member_required
def token_list(request, member):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = do_create_token(member, form.cleaned_data["name"])
        form = TokenForm()
    context = {"tokens": get_tokens(member), "form": form, "secret": secret}
    return render(request, "accounts/tokens.html", context)


@require_POST
@member_required
def token_revoke(request, member, token_id):
    do_revoke_token(access_token(member, token_id))
    messages.success(request, _("Token revoked. Programs using it can no longer use the API."))
    return redirect("accounts-tokens")
