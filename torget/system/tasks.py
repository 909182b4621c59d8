"""What the task queue is asked, once."""

from django_tasks.base import Task


def is_waiting(task: Task, *args) -> bool:
    """Whether this task with these arguments already waits in the queue: one waiting run
    (a retraining, a poll) covers whatever asked for it since."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path, status="READY", args_kwargs__args=list(args)
    ).exists()
