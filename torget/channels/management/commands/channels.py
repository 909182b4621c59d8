"""`torget channels parse --platform NAME FILE`: what Torget makes of one raw payload.

Prints one JSON object per line for each event (an item, an edit, a removal, or why the payload
is ignored on purpose). Exits 1 only when the payload is malformed or not understood.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from torget.channels.connectors import connector_for, connectors
from torget.channels.events import MalformedPayloadError


class Command(BaseCommand):
    help = "Operator tools for channels."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        parse = actions.add_parser(
            "parse", help="Print the items one webhook body or API response yields."
        )
        parse.add_argument("--platform", required=True, choices=sorted(connectors()))
        parse.add_argument("file", help="the raw body, as received; - reads standard input")

    def handle(self, *args, action, platform, file, **options):
        body = sys.stdin.buffer.read() if file == "-" else read(Path(file))
        try:
            events = connector_for(platform).parse_raw(body)
        except MalformedPayloadError as error:
            self.stderr.write(f"{file}: not understood as {platform}: {error}")
            sys.exit(1)
        for event in events:
            self.stdout.write(json.dumps(event.as_json(), ensure_ascii=False))


def read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
