from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.inbox.actions.rules import do_create_rule, do_delete_rule
from torget.inbox.forms import RuleForm
from torget.inbox.models import TrainedClassifier, TriageRule
from torget.inbox.queries import get_response_classes
from torget.inbox.tasks import schedule_retraining
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.queries import access, get_teams, scoped
from torget.orgs.views.access import member_required


@member_required
def inbox_settings(request, member):
    classes = get_response_classes(member)
    form = RuleForm(request.POST or None, classes=classes, teams=get_teams(member))
    if request.method == "POST" and form.is_valid():
        do_create_rule(member, **form.rule_fields())
        messages.success(request, _("Rule added."))
        return redirect("inbox-settings")
    context = {
        "classes": classes,
        "rules": scoped(TriageRule, member).select_related("response_class", "team"),
        "classifier": scoped(TrainedClassifier, member).filter(field="response_class").first(),
        "form": form,
    }
    return render(request, "inbox/settings.html", context)


@require_POST
@member_required
def rule_delete(request, member, rule_id):
    do_delete_rule(member, access(TriageRule, member, rule_id))
    messages.success(request, _("Rule deleted."))
    return redirect("inbox-settings")


@require_POST
@member_required
def classifier_retrain(request, member):
    check_can_manage(member)
    schedule_retraining(member.organization_id)
    messages.success(request, _("Retraining has been queued; the figures update when it is done."))
    return redirect("inbox-settings")
