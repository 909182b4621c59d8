"""An item's whole conversation on its platform, fetched when a responder asks for it."""

from django.shortcuts import render

from torget.channels.connectors.base import DeliveryError
from torget.channels.events import MalformedPayloadError
from torget.channels.queries import get_platform_thread
from torget.inbox.models import Item
from torget.inbox.queries import access_item
from torget.orgs.views.access import member_required


@member_required
def item_platform_thread(request, member, item_id):
    item = access_item(member, item_id)
    problem, posts = "", []
    try:
        posts = get_platform_thread(member, item)
    except (DeliveryError, MalformedPayloadError) as error:
        problem = str(error)
    known = set(
        Item.objects.filter(
            organization_id=member.organization_id,
            channel=item.channel,
            external_id__in=[post.external_id for post in posts],
        ).values_list("external_id", flat=True)
    )
    context = {"item": item, "posts": posts, "known": known, "problem": problem}
    return render(request, "channels/partials/platform_thread.html", context)
