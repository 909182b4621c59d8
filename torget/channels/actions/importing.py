"""Importing an export into the inbox: checked row by row, received in batches, each batch and
the count of rows done in one transaction, so a stopped import resumes exactly where it was."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

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
    classes, teams = known_ids(member)
    for start in range(run.rows_done, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        items = [checked(channel_key, row, classes, teams, progress) for row in batch]
        with transaction.atomic():
            if good := [item for item in items if item is not None]:
                do_receive_items(member.organization, good)
            run.rows_done, run.imported = start + len(batch), run.imported + len(good)
            run.rejected = progress.rejected_before + len(progress.rejections)
            run.save(update_fields=["rows_done", "imported", "rejected"])
        report(progress)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return progress


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
