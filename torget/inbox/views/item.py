from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.channels.queries import offers_platform_thread
from torget.inbox.actions.items import (
    ReplyCollisionError,
    do_add_note,
    do_assign_item,
    do_change_triage,
    do_close_item,
    do_mark_no_reply,
    do_reply_item,
    do_reply_many,
    do_wait_for_citizen,
)
from torget.inbox.actions.presence import do_mark_present
from torget.inbox.forms import NoReplyForm, NoteForm, ReplyForm
from torget.inbox.models import ResponseClass
from torget.inbox.presenting import due_label, urgency
from torget.inbox.queries import (
    access_item,
    get_departments,
    get_earlier_items_from_author,
    get_response_classes,
    get_saved_replies,
    get_similar_open_items,
    get_thread,
)
from torget.inbox.replies import limit_for, text_for
from torget.moderation.queries import verdict_context
from torget.orgs.models import Role, Team
from torget.orgs.queries import access, access_membership, get_people, get_teams
from torget.orgs.views.access import member_required


@member_required
def item_detail(request, member, item_id):
    return render_item(request, member, access_item(member, item_id))


def render_item(request, member, item, reply_form=None):
    now = timezone.now()
    colleagues = do_mark_present(member, item)
    saved = [(saved, text_for(saved, item)) for saved in get_saved_replies(member)]
    context = {
        "item": item,
        "thread": get_thread(item),
        "earlier": get_earlier_items_from_author(item),
        "due_label": due_label(item.due_at, now),
        "urgency": urgency(item.due_at, now),
        "classes": get_response_classes(member),
        "teams": get_teams(member),
        "people": get_people(member),
        "saved_replies": saved,
        "thanks": next((text for reply, text in saved if reply.is_thanks), ""),
        "reply_form": reply_form
        or ReplyForm(initial={"replies_seen": item.replies.count()}, limit=limit_for(item)),
        "note_form": NoteForm(prefix="note"),
        "no_reply_form": NoReplyForm(),
        "handoffs": item.handoffs.select_related("department"),
        "departments": get_departments(member),
        "similar": get_similar_open_items(item),
        "colleagues": colleagues,
        "platform_thread": offers_platform_thread(member, item),
        "can_moderate": member.has_role(Role.RESPONDER),
        **verdict_context(item),
    }
    return render(request, "inbox/item.html", context)


@require_POST
@member_required
def item_reply(request, member, item_id):
    item = access_item(member, item_id)
    form = ReplyForm(request.POST, limit=limit_for(item))
    if form.is_valid():
        try:
            do_reply_item(
                member, item, form.cleaned_data["text"], form.cleaned_data["replies_seen"]
            )
        except ReplyCollisionError as error:
            seen = {"replies_seen": item.replies.count()}
            form = ReplyForm(request.POST | seen, limit=limit_for(item))
            form.is_valid()
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Reply queued for sending."))
            return redirect("inbox-item", item.pk)
    return render_item(request, member, item, reply_form=form)


@member_required
def item_presence(request, member, item_id):
    """Polled by the open item page: who else is looking, and whether anyone has replied."""
    item = access_item(member, item_id)
    context = {"item": item, "colleagues": do_mark_present(member, item)}
    return render(request, "inbox/partials/presence.html", context)


@require_POST
@member_required
def item_reply_similar(request, member, item_id):
    """One answer to this comment and every near-duplicate of it still waiting."""
    item = access_item(member, item_id)
    form = ReplyForm(request.POST, limit=limit_for(item))
    if not form.is_valid():
        return render_item(request, member, item, reply_form=form)
    items = [item, *get_similar_open_items(item)]
    do_reply_many(member, items, form.cleaned_data["text"])
    messages.success(request, _("The answer was queued for %(n)d comments.") % {"n": len(items)})
    return redirect("inbox-list")


@require_POST
@member_required
def item_note(request, member, item_id):
    item = access_item(member, item_id)
    form = NoteForm(request.POST, prefix="note")
    if form.is_valid():
        do_add_note(member, item, form.cleaned_data["text"])
        messages.success(request, _("Note added."))
    return redirect("inbox-item", item.pk)


@require_POST
@member_required
def item_assign(request, member, item_id):
    item = access_item(member, item_id)
    chosen = request.POST.get("membership", "")
    assignee = access_membership(member, chosen) if chosen else None
    do_assign_item(member, item, assignee)
    return redirect("inbox-item", item.pk)


@require_POST
@member_required
def item_classify(request, member, item_id):
    item = access_item(member, item_id)
    chosen = request.POST.get("response_class")
    team = request.POST.get("team")
    do_change_triage(
        member,
        item,
        access(ResponseClass, member, chosen) if chosen else None,
        access(Team, member, team) if team else None,
    )
    messages.success(request, _("Saved. The due time follows the new class."))
    return redirect("inbox-item", item.pk)


@require_POST
@member_required
def item_wait(request, member, item_id):
    item = access_item(member, item_id)
    do_wait_for_citizen(member, item)
    messages.success(request, _("Waiting for the citizen. The due time still stands."))
    return redirect("inbox-item", item.pk)


@require_POST
@member_required
def item_close(request, member, item_id):
    item = access_item(member, item_id)
    if request.POST.get("reason"):
        form = NoReplyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose why no reply is needed."))
            return redirect("inbox-item", item.pk)
        do_mark_no_reply(member, item, form.cleaned_data["reason"])
    else:
        do_close_item(member, item)
    messages.success(request, _("Closed."))
    return redirect("inbox-list")
