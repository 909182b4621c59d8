"""`torget channels parse`: one JSON line per event; exit 1 only for what is not understood."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

WEBHOOK = {
    "object": "page",
    "entry": [
        {
            "id": "1",
            "time": 1763650800,
            "changes": [
                {"field": "feed", "value": {"item": "like", "verb": "add", "post_id": "1_2"}},
                {
                    "field": "feed",
                    "value": {
                        "item": "comment",
                        "verb": "add",
                        "comment_id": "1_2_3",
                        "post_id": "1_2",
                        "from": {"id": "9", "name": "Kari"},
                        "message": "Hei",
                    },
                },
            ],
        }
    ],
}


def test_it_prints_each_event_as_a_line_of_json(tmp_path, capsys):
    path = tmp_path / "body.json"
    path.write_text(json.dumps(WEBHOOK))
    call_command("channels", "parse", "--platform", "facebook", str(path))
    ignored, item = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert ignored["event"] == "ignored" and "like" in ignored["reason"]
    assert item["event"] == "item" and item["external_id"] == "1_2_3"
    assert item["author"] == {"handle": "9", "name": "Kari", "url": ""}
    assert item["thread"] == "1_2" and item["received_at"] == "2025-11-20T15:00:00+00:00"


def test_a_malformed_payload_exits_non_zero_and_says_why(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text('{"object": "page", "entry": [{"changes": []}]}')
    with pytest.raises(SystemExit) as exit_:
        call_command("channels", "parse", "--platform", "facebook", str(path))
    assert exit_.value.code == 1
    assert "missing field id" in capsys.readouterr().err
    with pytest.raises(CommandError, match="cannot read"):
        call_command("channels", "parse", "--platform", "facebook", str(tmp_path / "none.json"))


def test_it_reads_standard_input_from_the_torget_command():
    body = json.dumps({"event": "delete", "payload": "1101"})
    done = subprocess.run(
        [sys.executable, "-m", "torget.cli", "channels", "parse", "--platform", "mastodon", "-"],
        input=body.encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "event": "removed",
        "platform": "mastodon",
        "external_id": "1101",
        "reason": "removed on the platform",
    }
