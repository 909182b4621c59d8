"""The inbox dashboard's figures: what is waiting now and how well this week went."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from django.conf import settings

from torget.inbox.models import Item, ResponseClass, Status


@dataclass(frozen=True)
class ClassWeek:
    response_class: ResponseClass
    received: int
    answered: int
    no_reply: int  # closed as needing no reply: neither answered nor missed
    on_time_share: float | None
    median_first_response_minutes: float | None


def week_start(now: datetime) -> datetime:
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    monday = local - timedelta(days=local.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def class_week(response_class: ResponseClass, items: list[Item]) -> ClassWeek:
    answered = [i for i in items if i.answered_at is not None]
    judged = [i for i in answered if i.due_at is not None]
    on_time = [i for i in judged if i.answered_at <= i.due_at]
    waits = [(i.answered_at - i.received_at).total_seconds() / 60 for i in answered]
    return ClassWeek(
        response_class=response_class,
        received=len(items),
        answered=len(answered),
        no_reply=sum(1 for i in items if i.status == Status.NO_REPLY),
        on_time_share=len(on_time) / len(judged) if judged else None,
        median_first_response_minutes=median(waits) if waits else None,
    )


def dashboard(organization_id: int, now: datetime) -> dict:
    mine = Item.objects.filter(organization_id=organization_id, ours=False)
    week = list(
        mine.filter(received_at__gte=week_start(now)).only(
            "response_class_id", "answered_at", "due_at", "received_at", "status"
        )
    )
    classes = ResponseClass.objects.filter(organization_id=organization_id)
    return {
        "unanswered": mine.filter(needs_answer=1).count(),
        "overdue": mine.filter(needs_answer=1, due_at__lt=now).count(),
        "classes": [
            class_week(c, [i for i in week if i.response_class_id == c.pk]) for c in classes
        ],
    }
