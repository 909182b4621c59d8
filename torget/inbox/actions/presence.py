from datetime import timedelta

from django.utils import timezone

from torget.inbox.models import Item, Presence
from torget.orgs.models import Membership

# The item page reports every 20 seconds; a minute without a report means the page was left.
FRESH = timedelta(seconds=60)


def do_mark_present(member: Membership, item: Item) -> list[Membership]:
    """Records that this member has the item open; returns the colleagues who have it open too."""
    now = timezone.now()
    Presence.objects.update_or_create(item=item, member=member, defaults={"seen_at": now})
    others = Presence.objects.filter(item=item, seen_at__gte=now - FRESH).exclude(member=member)
    return [presence.member for presence in others.select_related("member__user")]
