"""`torget import FILE --org SLUG --channel KEY`: an export of comments and messages into the
inbox, with progress, resumable, and every rejected row named with its reason."""

import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from torget.channels.actions.importing import Progress, do_import
from torget.channels.imports import UnreadableFileError
from torget.orgs.models import Membership, Role


class Command(BaseCommand):
    help = "Import a CSV, JSON or JSON-lines export of comments and messages into the inbox."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="the organization's short name")
        parser.add_argument("--channel", required=True, help="the channel key, e.g. facebook")

    def handle(self, *args, file, org, channel, **options):
        path = Path(file)
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        owner = Membership.objects.filter(organization__slug=org, role=Role.OWNER).first()
        if owner is None:
            raise CommandError(f"no organization {org!r}")
        try:
            progress = do_import(owner, channel.casefold(), raw, path.name, self.show)
        except UnreadableFileError as error:
            raise CommandError(f"{path}: {error}") from None
        sys.stderr.write("\n")
        run = progress.run
        resumed = f" (resumed at row {progress.resumed_from})" if progress.resumed_from else ""
        self.stdout.write(f"{run.imported} items imported, {run.rejected} rows rejected{resumed}.")
        if progress.rejections:
            report = path.with_name(path.name + ".rejected.csv")
            with report.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(["line", "reason"])
                writer.writerows(progress.rejections)
            for line, reason in progress.rejections[:10]:
                self.stdout.write(f"  line {line}: {reason}")
            self.stdout.write(f"Every rejected row and why: {report}")

    def show(self, progress: Progress) -> None:
        done, total = progress.run.rows_done, max(progress.total, 1)
        filled = int(30 * done / total)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{progress.total} rows, "
            f"{len(progress.rejections)} rejected"
        )
        sys.stderr.flush()
