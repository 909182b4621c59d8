"""Reading an export of comments and messages: CSV with a header row, a JSON list, or JSON
lines, each row an item as the API takes it. Rows are numbered as a person counts them in the
file (the CSV header is line 1), so a rejected row can be found and fixed."""

import csv
import io
import json
from collections.abc import Iterator

CSV_AUTHOR = {"author_handle": "handle", "author_name": "name", "author_url": "url"}


class UnreadableFileError(ValueError):
    pass


def rows_of(raw: bytes, name: str) -> Iterator[tuple[int, dict]]:
    """(line or position, item body) for every row of the file."""
    text = decode(raw)
    stripped = text.lstrip()
    json_named = name.lower().endswith((".json", ".jsonl", ".ndjson"))
    if name.lower().endswith(".csv") or not (json_named or stripped.startswith(("[", "{"))):
        yield from csv_rows(text)
    elif stripped.startswith("["):
        try:
            entries = json.loads(text)
        except ValueError as error:
            raise UnreadableFileError(f"not a JSON list: {error}") from None
        yield from enumerate(entries, start=1)
    else:
        yield from json_lines(text)


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")  # a spreadsheet's export often starts with a BOM
    except UnicodeDecodeError:
        raise UnreadableFileError("the file is not UTF-8 text") from None


def csv_rows(text: str) -> Iterator[tuple[int, dict]]:
    try:
        yield from csv_bodies(text)
    except csv.Error as error:
        raise UnreadableFileError(f"not CSV that can be read: {error}") from None


def csv_bodies(text: str) -> Iterator[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "external_id" not in reader.fieldnames:
        raise UnreadableFileError("a CSV file needs a header row with at least external_id")
    for row in reader:
        body: dict = {key: value for key, value in row.items() if key and key not in CSV_AUTHOR}
        body["author"] = {CSV_AUTHOR[key]: row.get(key) or "" for key in CSV_AUTHOR}
        body["ours"] = str(row.get("ours", "")).strip().lower() in ("1", "true", "yes", "ja")
        body = {key: value for key, value in body.items() if value not in ("", None)}
        yield reader.line_num, body


def json_lines(text: str) -> Iterator[tuple[int, dict]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except ValueError as error:
                yield number, {"__unreadable__": str(error)}
