"""`torget import`: an export into the inbox, every bad row named, a stopped run resumed."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from torget.channels.actions import importing
from torget.channels.models import ImportRun
from torget.inbox.models import Item

pytestmark = pytest.mark.django_db
CSV = """external_id,kind,author_handle,author_name,text,received_at,in_reply_to
p1,post,bymiljo,Bymiljøetaten,Ryddeaksjon mandag!,2026-11-20T15:00:00+01:00,
c1,comment,kari,Kari,Når kommer bossbilen?,2026-11-20T16:00:00+01:00,p1
c2,comment,,Ola,Uten avsender,2026-11-20T16:05:00+01:00,p1
c3,comment,per,Per,Når?,i går,p1
c4,tweet,ida,Ida,Feil slag,2026-11-20T16:10:00+01:00,p1
c5,reply,ida,Ida,"Enig, og ""takk""!",2026-11-20T16:20:00+01:00,c1
"""


def run(cast, path, *more) -> str:
    slug = cast.alice.organization.slug
    out = StringIO()
    call_command("import", str(path), "--org", slug, "--channel", "facebook", *more, stdout=out)
    return out.getvalue()


def test_a_csv_export_lands_threaded_and_every_bad_row_is_named(cast, tmp_path, capsys):
    path = tmp_path / "eksport.csv"
    path.write_text(CSV, encoding="utf-8-sig")  # with the BOM spreadsheets write
    said = run(cast, path)
    assert "3 items imported, 3 rows rejected" in said
    assert {i.external_id for i in Item.objects.all()} == {"p1", "c1", "c5"}
    assert Item.objects.get(external_id="c5").parent.external_id == "c1"
    assert Item.objects.get(external_id="c5").text == 'Enig, og "takk"!'
    rejected = (tmp_path / "eksport.csv.rejected.csv").read_text().splitlines()
    assert rejected[0] == "line,reason"
    assert [line.split(",")[0] for line in rejected[1:]] == ["4", "5", "6"]
    assert "author.handle" in rejected[1] and "received_at" in rejected[2]
    assert "kind" in rejected[3]
    assert "6/6 rows" in capsys.readouterr().err  # the progress bar


def test_json_lines_and_a_run_stopped_midway_resumes_where_it_stopped(cast, tmp_path, monkeypatch):
    rows = [
        {"external_id": f"m{n}", "kind": "message", "author": {"handle": f"p{n}"},
         "text": f"Melding {n}", "received_at": "2026-11-20T10:00:00+01:00"}
        for n in range(7)
    ]  # fmt: skip
    path = tmp_path / "meldinger.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n{not json\n")
    monkeypatch.setattr(importing, "BATCH", 3)
    real = importing.do_receive_items
    calls = []

    def failing_third_batch(*args):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the operator stops it, or the machine goes down
        return real(*args)

    monkeypatch.setattr(importing, "do_receive_items", failing_third_batch)
    with pytest.raises(KeyboardInterrupt):
        run(cast, path)
    assert ImportRun.objects.get().rows_done == 6 and Item.objects.count() == 6
    monkeypatch.setattr(importing, "do_receive_items", real)
    said = run(cast, path)
    assert "(resumed at row 6)" in said and "line 8: not JSON" in said
    assert Item.objects.count() == 7 and ImportRun.objects.get().finished_at is not None


def test_an_unreadable_file_or_unknown_organization_is_said(cast, tmp_path):
    path = tmp_path / "tull.csv"
    path.write_text("navn,tekst\nKari,hei\n")
    with pytest.raises(CommandError, match="external_id"):
        run(cast, path)
    with pytest.raises(CommandError, match="no organization"):
        call_command("import", str(path), "--org", "finnes-ikke", "--channel", "facebook")


def test_rows_that_are_not_objects_are_rejected_not_a_crash(cast, tmp_path):
    path = tmp_path / "rart.jsonl"
    path.write_text('42\n[1, "x"]\n')
    said = run(cast, path)
    assert "0 items imported, 2 rows rejected" in said
    broken = tmp_path / "brudd.csv"
    broken.write_text('external_id,text\nc1,"' + "x" * 140_000 + '"\n')  # over csv's field limit
    with pytest.raises(CommandError, match="CSV"):
        run(cast, broken)
