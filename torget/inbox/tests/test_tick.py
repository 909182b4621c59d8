"""The clock: every round runs each minute, a failing round is logged and skipped, and the
clock always schedules its next tick."""

import pytest
from django_tasks_db.models import DBTaskResult

from torget.inbox import tasks

pytestmark = pytest.mark.django_db


def waiting_ticks() -> int:
    return DBTaskResult.objects.filter(task_path=tasks.tick.module_path, status="READY").count()


def test_a_failing_round_neither_stops_the_others_nor_the_clock(monkeypatch, caplog):
    ran = []

    def broken():
        raise LookupError("no platform 'myspace'")

    monkeypatch.setattr(
        tasks,
        "rounds",
        lambda: [
            ("first", lambda: ran.append("first")),
            ("broken", broken),
            ("last", lambda: ran.append("last")),
        ],  # fmt: skip
    )
    tasks.tick.call()
    assert ran == ["first", "last"] and waiting_ticks() == 1
    assert "the clock's round 'broken' failed" in caplog.text


def test_the_real_rounds_run_on_an_empty_organization(cast):
    tasks.tick.call()
    assert waiting_ticks() == 1
