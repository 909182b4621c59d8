"""Importing from the page: the file is checked and kept, the worker imports it, the page
follows its progress and lists what it did not take."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from torget.channels.actions.importing import do_import_upload
from torget.channels.models import ImportRun
from torget.channels.tasks import import_file
from torget.channels.tests.test_import import CSV
from torget.inbox.models import Item

pytestmark = pytest.mark.django_db


def send(cast, content: bytes, name="eksport.csv", member=None, channel="facebook"):
    client = cast.client_for(member or cast.alice)
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(
        "/channels/import/",
        {"channel": channel, "file": upload},
        headers={"Accept-Language": "en"},
    )


def imports_waiting() -> list[int]:
    waiting = DBTaskResult.objects.filter(task_path=import_file.module_path, status="READY")
    return [task.args_kwargs["args"][0] for task in waiting]


def test_a_file_is_kept_and_imported_by_the_worker(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = send(cast, CSV.encode())
    run = ImportRun.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/channels/import/{run.pk}/"
    assert imports_waiting() == [run.pk] and run.total == 6 and not Item.objects.exists()
    page = cast.client_for(cast.alice).get(answer["Location"], headers={"Accept-Language": "en"})
    assert (
        "0 of 6 rows read" in page.content.decode()
        and 'hx-trigger="every 1s"' in page.content.decode()
    )
    do_import_upload(run.pk)
    run.refresh_from_db()
    assert (run.imported, run.rejected, run.percent, run.upload) == (3, 3, 100, None)
    assert Item.objects.count() == 3
    done = cast.client_for(cast.alice).get(
        answer["Location"], headers={"Accept-Language": "en", "HX-Request": "true"}
    )
    text = done.content.decode()
    assert "6 of 6 rows read: 3 items imported, 3 rows rejected" in text
    assert "every 1s" not in text  # finished: the page stops asking
    assert "<td>4</td><td>author.handle" in text and "<td>6</td><td>kind" in text


def test_the_rejected_rows_download_as_csv(cast):
    send(cast, CSV.encode())
    run = ImportRun.objects.get()
    do_import_upload(run.pk)
    csv = cast.client_for(cast.alice).get(f"/channels/import/{run.pk}/rejected.csv")
    lines = csv.content.decode().splitlines()
    assert csv["Content-Type"].startswith("text/csv") and lines[0] == "line,reason"
    assert len(lines) == 4 and lines[1].startswith("4,")


def test_an_unreadable_file_is_said_on_the_form_and_nothing_is_kept(cast):
    answer = send(cast, "external_id\n".encode("utf-16"))
    assert answer.status_code == 200 and "not UTF-8" in answer.content.decode()
    empty = send(cast, b"external_id,text\n")
    assert "holds no rows" in empty.content.decode()
    assert not ImportRun.objects.exists()


def test_the_same_file_again_goes_on_with_its_unfinished_run(cast):
    send(cast, CSV.encode())
    send(cast, CSV.encode())
    assert ImportRun.objects.count() == 1


def test_a_stalled_run_can_be_set_going_again(cast, django_capture_on_commit_callbacks):
    send(cast, CSV.encode())
    run = ImportRun.objects.get()
    page = cast.client_for(cast.alice).get(
        f"/channels/import/{run.pk}/", headers={"Accept-Language": "en"}
    )
    assert "Go on where it stopped" not in page.content.decode()
    ImportRun.objects.filter(pk=run.pk).update(updated_at=run.updated_at - timezone_minutes(3))
    page = cast.client_for(cast.alice).get(
        f"/channels/import/{run.pk}/", headers={"Accept-Language": "en"}
    )
    assert "Go on where it stopped" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cast.client_for(cast.alice).post(f"/channels/import/{run.pk}/go-on/")
    assert imports_waiting() == [run.pk]


def timezone_minutes(minutes: int):
    from datetime import timedelta

    return timedelta(minutes=minutes)


def test_only_admins_import_and_no_one_sees_another_organizations_runs(cast):
    assert send(cast, CSV.encode(), member=cast.bob).status_code == 403
    send(cast, CSV.encode())
    run = ImportRun.objects.get()
    mallory = cast.client_for(cast.mallory)
    assert mallory.get(f"/channels/import/{run.pk}/").status_code == 404
    assert mallory.get(f"/channels/import/{run.pk}/rejected.csv").status_code == 404
    assert mallory.post(f"/channels/import/{run.pk}/go-on/").status_code == 404
    assert "eksport.csv" not in mallory.get("/channels/import/").content.decode()


def test_a_second_task_for_a_run_being_imported_leaves_it_alone(cast):
    from django.core.cache import caches

    send(cast, CSV.encode())
    run = ImportRun.objects.get()
    caches["shared"].add(f"importing:{run.pk}", 1, timeout=60)  # the first task works on it
    do_import_upload(run.pk)
    run.refresh_from_db()
    assert run.rows_done == 0 and not Item.objects.exists()
    caches["shared"].delete(f"importing:{run.pk}")
    do_import_upload(run.pk)
    run.refresh_from_db()
    assert run.finished_at is not None and Item.objects.count() == 3
