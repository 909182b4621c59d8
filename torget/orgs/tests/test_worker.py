"""The real task queue: invitations are queued in the database and sent by `torget worker`."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from torget.orgs.actions.invitations import do_create_invitation
from torget.orgs.models import Role

pytestmark = pytest.mark.usefixtures("transactional_db", "restore_signal_handlers")


@pytest.fixture(autouse=True)
def database_queue(settings):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def run_worker():
    call_command("worker", "--batch", "--no-startup-delay")


def test_it_queues_the_invitation_email_and_the_worker_sends_it(cast):
    response = cast.client_for(cast.alice).post(
        "/people/", {"email": "erin@example.org", "role": "responder"}
    )
    assert response.status_code == 200
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "torget.orgs.tasks.send_invitation_email"
    assert mail.outbox == []

    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["erin@example.org"]
    assert "Bymiljøetaten" in message.subject
    assert "/invite/" in message.body
    link = next(line for line in message.body.splitlines() if "/invite/" in line).strip()
    assert link in response.content.decode()
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert queued.finished_at is not None


def test_it_sends_each_invitation_once(cast):
    _invitation, link = do_create_invitation(cast.alice, "erin@example.org", Role.MEMBER)
    run_worker()
    run_worker()
    assert len(mail.outbox) == 1
    assert link in mail.outbox[0].body
    invitation_task = DBTaskResult.objects.get(task_path="torget.orgs.tasks.send_invitation_email")
    assert invitation_task.status == TaskResultStatus.SUCCESSFUL


def test_it_queues_nothing_when_the_invitation_is_rolled_back(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        do_create_invitation(cast.alice, "erin@example.org", Role.MEMBER)
        raise RuntimeError("something later in the same request failed")
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert mail.outbox == []
