"""The organization's moderation policy: house rules (edited here, read by anyone on their
public page), saved explanations and the organization's own words for the abuse lexicon."""

from copy import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from torget.moderation.abuse_lexicon import DEFAULT
from torget.moderation.actions.lexicon import do_add_lexicon_word, do_remove_lexicon_word
from torget.moderation.actions.policy import (
    do_create_explanation,
    do_delete_explanation,
    do_save_house_rules,
    do_update_explanation,
)
from torget.moderation.models import Explanation, HouseRules, LexiconEntry
from torget.moderation.policy_forms import ExplanationForm, HouseRulesForm, LexiconWordForm
from torget.orgs.actions.permissions import check_can_manage, check_role
from torget.orgs.models import Role
from torget.orgs.queries import access, scoped
from torget.orgs.views.access import member_required


@member_required
def house_rules(request, member):
    rules = scoped(HouseRules, member).select_related("updated_by__user").first()
    # The form fills its instance as it validates; a copy keeps the page saying what is saved.
    form = HouseRulesForm(request.POST or None, instance=copy(rules))
    if request.method == "POST":
        check_can_manage(member)
        if form.is_valid():
            do_save_house_rules(member, **form.cleaned_data)
            messages.success(request, _("House rules saved."))
            return redirect("moderation-house-rules")
    texts = language_texts(rules) if rules else []
    context = {"form": form, "rules": rules, "texts": texts}
    return render(request, "moderation/house_rules.html", context)


@require_safe
def house_rules_public(request, org_slug):
    # Published house rules are public by design: found by the organization's short name.
    rules = get_object_or_404(
        HouseRules.objects.select_related("organization"),
        organization__slug=org_slug,
        is_published=True,
    )
    texts = language_texts(rules)
    if not texts:
        raise Http404("No house rules written.")
    language = get_language().split("-")[0]
    shown = next((t for t in texts if t["code"] == language), texts[0])
    context = {
        "rules": rules,
        "shown": shown,
        "in_another_language": shown["code"] != language,
        "others": [t for t in texts if t is not shown],
    }
    return render(request, "moderation/house_rules_public.html", context)


def language_texts(rules: HouseRules | Explanation) -> list[dict]:
    """The texts that are written, each with its language's code and its name in itself."""
    names = dict(settings.LANGUAGES)
    written = {"nb": rules.text_nb, "nn": rules.text_nn, "en": rules.text_en}
    return [
        {"code": code, "name": names[code], "text": text} for code, text in written.items() if text
    ]


@member_required
def explanation_list(request, member):
    check_role(member, Role.RESPONDER)
    form = ExplanationForm(request.POST or None)
    if request.method == "POST":
        check_can_manage(member)
        if form.is_valid():
            explanation = do_create_explanation(member, **form.cleaned_data)
            messages.success(request, _("Explanation “%(title)s” saved.") % {"title": explanation})
            return redirect("moderation-explanations")
    return render_explanations(request, member, form, editing=None)


@member_required
def explanation_edit(request, member, explanation_id):
    check_can_manage(member)
    explanation = access(Explanation, member, explanation_id)
    form = ExplanationForm(request.POST or None, instance=explanation)
    if request.method == "POST" and form.is_valid():
        do_update_explanation(member, explanation, **form.cleaned_data)
        messages.success(request, _("Explanation “%(title)s” saved.") % {"title": explanation})
        return redirect("moderation-explanations")
    return render_explanations(request, member, form, editing=explanation)


@require_POST
@member_required
def explanation_delete(request, member, explanation_id):
    explanation = access(Explanation, member, explanation_id)
    do_delete_explanation(member, explanation)
    messages.success(request, _("Explanation “%(title)s” deleted.") % {"title": explanation})
    return redirect("moderation-explanations")


def render_explanations(request, member, form, editing: Explanation | None):
    explanations = [
        {"explanation": explanation, "texts": language_texts(explanation)}
        for explanation in scoped(Explanation, member)
    ]
    context = {"form": form, "editing": editing, "explanations": explanations}
    return render(request, "moderation/explanations.html", context)


@member_required
def lexicon(request, member):
    check_role(member, Role.RESPONDER)
    form = LexiconWordForm(request.POST or None)
    if request.method == "POST":
        check_can_manage(member)
        entry = added_word(member, form) if form.is_valid() else None
        if entry is not None:
            messages.success(request, _("“%(word)s” added.") % {"word": entry.word})
            return redirect("moderation-lexicon")
    context = {
        "form": form,
        "entries": scoped(LexiconEntry, member).select_related("added_by__user"),
        "built_in": [
            (LexiconEntry.Kind(kind).label, len(words)) for kind, words in DEFAULT.items()
        ],
    }
    return render(request, "moderation/lexicon.html", context)


def added_word(member, form: LexiconWordForm) -> LexiconEntry | None:
    """The word added, or None with the form telling why not."""
    try:
        return do_add_lexicon_word(member, form.cleaned_data["word"], form.cleaned_data["kind"])
    except ValidationError as error:
        form.add_error("word", error)
        return None


@require_POST
@member_required
def lexicon_delete(request, member, entry_id):
    entry = access(LexiconEntry, member, entry_id)
    do_remove_lexicon_word(member, entry)
    messages.success(request, _("“%(word)s” removed.") % {"word": entry.word})
    return redirect("moderation-lexicon")
