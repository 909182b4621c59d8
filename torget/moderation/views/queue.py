"""The moderation queue, and the one place every moderation button posts to."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from torget.accounts.views.login import safe_next
from torget.inbox.models import Item, TrainedClassifier
from torget.moderation.actions.learning import LABELS, MIN_PER_CLASS
from torget.moderation.actions.moderating import ACTIONS, do_moderate_many
from torget.moderation.forms import VERDICT_FILTERS, ModerateForm, QueueFilterForm
from torget.moderation.models import AuditEntry, Explanation
from torget.moderation.presenting import reasons
from torget.moderation.queries import held_items
from torget.orgs.actions.permissions import check_role
from torget.orgs.models import Role
from torget.orgs.queries import scoped
from torget.orgs.views.access import member_required

PAGE_SIZE = 50


@member_required
def moderation_queue(request, member):
    check_role(member, Role.RESPONDER)
    held = held_items(member)
    chosen = QueueFilterForm(request.GET).chosen_verdict()
    shown = held.filter(verdict__verdict=chosen) if chosen else held
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [(item, reasons(item.verdict.signals)) for item in page],
        "filters": verdict_filters(held, chosen),
        "chosen": chosen,
        "explanations": scoped(Explanation, member),
        "learning": learning(member),
        "min_per_class": MIN_PER_CLASS,
    }
    return render(request, "moderation/queue.html", context)


def learning(member) -> list[tuple[str, TrainedClassifier | None]]:
    """What the organization's own classifiers have learnt so far, spam first."""
    trained = {c.field: c for c in scoped(TrainedClassifier, member).filter(field__in=LABELS)}
    names = {"spam": _("Spam"), "abuse": _("Abuse")}
    return [(names[kind], trained.get(kind)) for kind in LABELS]


def verdict_filters(held: QuerySet[Item], chosen: str) -> list[tuple[str, str, int, bool]]:
    """(value, label, how many wait, whether chosen) for each filter link above the queue."""
    counts = dict(held.order_by().values_list("verdict__verdict").annotate(n=Count("pk")))
    return [
        (
            value,
            str(label),
            counts.get(value, 0) if value else sum(counts.values()),
            value == chosen,
        )
        for value, label in VERDICT_FILTERS
    ]


@require_POST
@member_required
def moderation_act(request, member):
    check_role(member, Role.RESPONDER)
    form = ModerateForm(request.POST, member=member)
    back = local_next(request)
    if not form.is_valid():
        for text in form.error_texts():
            messages.error(request, text)
        return redirect(back)
    data = form.cleaned_data
    try:
        entries = do_moderate_many(
            member, list(data["items"]), data["action"], data["reason"], data["explanation"]
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal(error))
        return redirect(back)
    report(request, data["action"], entries)
    return redirect(back)


def local_next(request: HttpRequest) -> str:
    return safe_next(request, str(request.POST.get("next", "")), fallback="moderation-queue")


def refusal(error: PermissionDenied | ValidationError) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do that.")


def report(request: HttpRequest, action: str, entries: list[AuditEntry]) -> None:
    """How many were done, then each thing the platforms said, once."""
    done = ngettext(
        "%(action)s: done for %(count)d item.",
        "%(action)s: done for %(count)d items.",
        len(entries),
    ) % {"action": ACTIONS[action], "count": len(entries)}
    messages.success(request, done)
    for outcome in dict.fromkeys(entry.outcome for entry in entries if entry.outcome):
        messages.info(request, outcome)
