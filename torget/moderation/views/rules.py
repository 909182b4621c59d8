"""The automatic rules page: rules are written switched off, looked at in a dry run, and only
then switched on, from a button that lives inside the dry run's result. The button carries a
signed note that the dry run was shown, so switching on without one is refused."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.channels.models import Channel
from torget.moderation.actions.autorules import (
    MODERATOR,
    do_create_auto_rule,
    do_delete_auto_rule,
    do_switch_auto_rule,
)
from torget.moderation.autorules import described
from torget.moderation.dry_run import get_dry_run
from torget.moderation.models import AutoRule
from torget.moderation.rule_forms import AutoRuleForm
from torget.orgs.actions.permissions import check_role
from torget.orgs.models import Membership
from torget.orgs.queries import access, scoped
from torget.orgs.views.access import member_required

DRY_RUN_SALT = "torget.moderation.dry-run"
DRY_RUN_FRESH_SECONDS = 60 * 60


@member_required
def rules_page(request, member):
    check_role(member, MODERATOR)
    form = rule_form(member, request.POST or None)
    if request.method == "POST" and form.is_valid():
        rule = do_create_auto_rule(member, **form.rule_fields())
        messages.success(
            request,
            _("Rule saved, switched off. Below is what it would have done in the last 30 days."),
        )
        return redirect("moderation-rule-dry-run", rule.pk)
    return render(request, "moderation/rules.html", page_context(member, form))


@member_required
def rule_dry_run(request, member, rule_id):
    check_role(member, MODERATOR)
    rule = access(AutoRule, member, rule_id)
    context = {"run": get_dry_run(member, rule), "dry_run_token": dry_run_token(rule)}
    if request.htmx:
        return render(request, "moderation/partials/dry_run.html", context)
    context |= page_context(member, rule_form(member))
    return render(request, "moderation/rules.html", context)


@require_POST
@member_required
def rule_switch(request, member, rule_id):
    rule = access(AutoRule, member, rule_id)
    on = request.POST.get("on") == "1"
    if on and not dry_run_was_shown(request.POST.get("dry_run", ""), rule):
        messages.error(request, _("Look at the rule's dry run before switching it on."))
        return redirect("moderation-rule-dry-run", rule.pk)
    do_switch_auto_rule(member, rule, on)
    if on:
        messages.success(request, _("%(name)s is switched on.") % {"name": rule.name})
    else:
        messages.success(request, _("%(name)s is switched off.") % {"name": rule.name})
    return redirect("moderation-rules")


@require_POST
@member_required
def rule_delete(request, member, rule_id):
    rule = access(AutoRule, member, rule_id)
    do_delete_auto_rule(member, rule)
    messages.success(request, _("%(name)s is deleted.") % {"name": rule.name})
    return redirect("moderation-rules")


def rule_form(member: Membership, data=None) -> AutoRuleForm:
    return AutoRuleForm(data, channels=scoped(Channel, member).order_by("name"))


def page_context(member: Membership, form: AutoRuleForm) -> dict:
    rules = scoped(AutoRule, member).order_by("id")
    return {
        "rules": [(rule, described(rule.conditions)) for rule in rules],
        "form": form,
    }


def dry_run_token(rule: AutoRule) -> str:
    return signing.dumps({"rule": rule.pk}, salt=DRY_RUN_SALT)


def dry_run_was_shown(token: str, rule: AutoRule) -> bool:
    """A rule's conditions cannot change once saved, so a recent dry run of it still holds."""
    try:
        shown = signing.loads(token, salt=DRY_RUN_SALT, max_age=DRY_RUN_FRESH_SECONDS)
    except signing.BadSignature:
        return False
    return isinstance(shown, dict) and shown.get("rule") == rule.pk
