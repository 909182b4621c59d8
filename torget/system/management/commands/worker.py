from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from torget.channels.actions.outbox import do_requeue_unfinished
from torget.inbox.tasks import ensure_clock_running


class Command(DatabaseWorkerCommand):
    help = (
        "Run background tasks from the database queue (run one or more beside the web processes)."
    )

    def handle(self, *args, **options):
        ensure_clock_running()
        # What a worker that was stopped or killed left undelivered goes out again.
        do_requeue_unfinished(timezone.now())
        return super().handle(*args, **options)
