import logging
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from torget.inbox.actions.clock import do_check_due_items, do_deal_out_all
from torget.system.tasks import is_waiting

log = logging.getLogger(__name__)
TICK_EVERY = timedelta(minutes=1)


@task()
def tick() -> None:
    """Checks due times and the channels' rounds, then schedules itself again: the worker
    keeps the clock going. One round that fails is logged and skipped, never the clock."""
    try:
        for name, round_of_the_clock in rounds():
            try:
                round_of_the_clock()
            except Exception:
                log.exception("the clock's round %r failed", name)
    finally:
        tick.using(run_after=timezone.now() + TICK_EVERY).enqueue()


def rounds() -> list[tuple[str, Callable[[], object]]]:
    from torget.channels.actions.outbox import do_deliver_due
    from torget.channels.actions.polling import do_poll_due
    from torget.channels.actions.receiving import do_read_forgotten
    from torget.channels.actions.trouble import schedule_token_check

    return [
        ("due times", lambda: do_check_due_items(timezone.now())),
        ("dealing out", lambda: do_deal_out_all(timezone.now())),
        ("deliveries due", lambda: do_deliver_due(timezone.now())),
        ("forgotten webhook bodies", lambda: do_read_forgotten(timezone.now())),
        ("polls", lambda: do_poll_due(timezone.now())),
        # The platforms are asked in a task of its own: a slow one must not hold the clock.
        ("access expiry", schedule_token_check),
    ]


def ensure_clock_running() -> None:
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=tick.module_path, status="READY")
    if not waiting.exists():
        tick.enqueue()


@task()
def retrain_classifier(organization_id: int) -> None:
    from torget.inbox.actions.learning import do_train_classifier
    from torget.orgs.models import Organization

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is not None:
        do_train_classifier(organization)


def schedule_retraining(organization_id: int) -> None:
    """One pending retraining per organization is enough, however many decisions arrive."""
    if not is_waiting(retrain_classifier, organization_id):
        retrain_classifier.enqueue(organization_id)
