"""How the inbox speaks about time: "in 12 min", "overdue 3 h"."""

from datetime import datetime

from django.utils.translation import gettext as _


def span(minutes: int) -> str:
    if minutes < 60:
        return _("%(n)d min") % {"n": minutes}
    if minutes < 48 * 60:
        return _("%(n)d h") % {"n": minutes // 60}
    return _("%(n)d days") % {"n": minutes // (24 * 60)}


def due_label(due_at: datetime | None, now: datetime) -> str:
    if due_at is None:
        return ""
    minutes = int((due_at - now).total_seconds() // 60)
    if minutes < 0:
        return _("overdue %(span)s") % {"span": span(-minutes)}
    return _("in %(span)s") % {"span": span(minutes)}


def urgency(due_at: datetime | None, now: datetime) -> str:
    """A word for styling: overdue, soon (within 30 minutes) or later."""
    if due_at is None:
        return "none"
    seconds = (due_at - now).total_seconds()
    if seconds < 0:
        return "overdue"
    return "soon" if seconds < 30 * 60 else "later"
