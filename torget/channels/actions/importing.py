"""Importing an export into the inbox: checked row by row, received in batches, each batch and
the count of rows done in one transaction, so a stopped import resumes exactly where it was."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.channels.imports import rows_of
from torget.channels.models import ImportRun
from torget.inbox.actions.ingest import do_receive_items
from torget.inbox.api import known_ids
from torget.inbox.ingest import IngestError, ItemIn, check_item
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.models import Membership

BATCH = 500


@dataclass
class Progress:
    run: ImportRun
    total: int
    rejections: list[tuple[int, str]] = field(default_factory=list)
    resumed_from: int = 0
    rejected_before: int = 0  # by the earlier part of a resumed run


def do_import(
    member: Membership,
    channel_key: str,
    raw: bytes,
    source: str,
    report: Callable[[Progress], None] = lambda progress: None,
) -> Progress:
    check_can_manage(member)
    rows = list(rows_of(raw, source))
    digest = hashlib.sha256(raw).hexdigest()
    run = unfinished(member, digest, channel_key) or ImportRun.objects.create(
        organization_id=member.organization_id,
        channel_key=channel_key,
        source=source[:300],
        digest=digest,
    )
    progress = Progress(run, len(rows), resumed_from=run.rows_done, rejected_before=run.rejected)
    run.total = len(rows)
    classes, teams = known_ids(member)
    for start in range(run.rows_done, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        before = len(progress.rejections)
        items = [checked(channel_key, row, classes, teams, progress) for row in batch]
        with transaction.atomic():
            if good := [item for item in items if item is not None]:
                do_receive_items(member.organization, good)
            run.rows_done, run.imported = start + len(batch), run.imported + len(good)
            run.rejected = progress.rejected_before + len(progress.rejections)
            run.rejections = run.rejections + progress.rejections[before:]
            run.updated_at = timezone.now()
            run.save(update_fields=[*PROGRESS_FIELDS])
        report(progress)
    run.finished_at = run.updated_at = timezone.now()
    run.upload = None  # imported: the file is not kept longer than it is needed
    run.save(update_fields=[*PROGRESS_FIELDS, "finished_at", "upload"])
    return progress


PROGRESS_FIELDS = ("rows_done", "imported", "rejected", "rejections", "total", "updated_at")


# A run's worker renews its hold after every batch; one that died lets go after this long.
IMPORT_LOCK_SECONDS = 120
# A file sent from the page is read whole into memory and kept until imported.
MAX_UPLOAD = 50 * 1024 * 1024


def do_start_import(member: Membership, channel_key: str, raw: bytes, source: str) -> ImportRun:
    """A file sent from the page: checked that it can be read, kept, and imported by the
    worker, which the page follows. The same file again goes on with its unfinished run."""
    check_can_manage(member)
    if len(raw) > MAX_UPLOAD:
        raise ValidationError(_("The file is larger than 50 MB; import it with torget import."))
    total = sum(1 for _row in rows_of(raw, source))  # UnreadableFileError says why not
    if total == 0:
        raise ValidationError(_("The file holds no rows."))
    digest = hashlib.sha256(raw).hexdigest()
    run = unfinished(member, digest, channel_key)
    if run is None:
        run = ImportRun.objects.create(
            organization_id=member.organization_id,
            channel_key=channel_key,
            source=source[:300],
            digest=digest,
            total=total,
            started_by=member,
            upload=raw,
        )
    elif run.upload is None:
        run.upload, run.started_by = raw, member
        run.save(update_fields=["upload", "started_by"])
    schedule_import(run)
    return run


def schedule_import(run: ImportRun) -> None:
    from torget.channels.tasks import import_file

    transaction.on_commit(lambda: import_file.enqueue(run.pk))


def do_go_on_with_import(member: Membership, run: ImportRun) -> None:
    """A run whose worker stopped: it goes on from its last batch."""
    check_can_manage(member)
    if run.finished_at is None and run.stalled:
        schedule_import(run)


def do_import_upload(run_id: int) -> None:
    """One worker per run: a second task for it (the file sent again, Go on pressed while the
    first still works) finds the run taken and leaves it."""
    lock = f"importing:{run_id}"
    if not caches["shared"].add(lock, 1, timeout=IMPORT_LOCK_SECONDS):
        return
    try:
        run = ImportRun.objects.filter(pk=run_id, finished_at=None).first()
        if run is None or run.upload is None or run.started_by is None:
            return
        source = bytes(run.upload)

        def still_working(_progress: Progress) -> None:
            caches["shared"].set(lock, 1, timeout=IMPORT_LOCK_SECONDS)

        do_import(run.started_by, run.channel_key, source, run.source, still_working)
    finally:
        caches["shared"].delete(lock)


def unfinished(member: Membership, digest: str, channel_key: str) -> ImportRun | None:
    return ImportRun.objects.filter(
        organization_id=member.organization_id,
        digest=digest,
        channel_key=channel_key,
        finished_at=None,
    ).first()


def checked(channel_key, row, classes, teams, progress: Progress) -> ItemIn | None:
    line, body = row
    if not isinstance(body, dict):
        progress.rejections.append((line, "not an object with an item's fields"))
        return None
    if "__unreadable__" in body:
        progress.rejections.append((line, f"not JSON: {body['__unreadable__']}"))
        return None
    try:
        return check_item({**body, "channel": channel_key}, classes, teams)
    except IngestError as error:
        progress.rejections.append((line, str(error)))
        return None
