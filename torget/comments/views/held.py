"""Held comments, for members: editors and above publish or reject them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torget.comments.actions.moderating import can_moderate, do_publish_comment, do_reject_comment
from torget.comments.queries import access_comment, get_held_comments, get_recently_rejected
from torget.orgs.views.access import member_required


@member_required
def held_page(request, member):
    context = {
        "held": get_held_comments(member),
        "rejected": get_recently_rejected(member),
        "can_moderate": can_moderate(member),
    }
    return render(request, "comments/held.html", context)


@require_POST
@member_required
def comment_publish(request, member, comment_id):
    comment = do_publish_comment(member, access_comment(member, comment_id))
    message = _("%(name)s's comment is published.") % {"name": comment.author_name}
    return decided(request, comment, message)


@require_POST
@member_required
def comment_reject(request, member, comment_id):
    comment = do_reject_comment(member, access_comment(member, comment_id))
    message = _("%(name)s's comment is rejected.") % {"name": comment.author_name}
    return decided(request, comment, message)


def decided(request, comment, message: str):
    """With htmx the comment's row becomes the verdict; without, the page comes again."""
    if request.htmx:
        context = {"comment": comment, "message": message}
        return render(request, "comments/partials/decided.html", context)
    messages.success(request, message)
    return redirect("comments-held")
