"""Every item the inbox receives is judged as it arrives, in the same transaction."""

from torget.inbox.models import Item
from torget.moderation.models import Verdict
from torget.moderation.spam_signals import History
from torget.moderation.verdicts import judge


def do_judge_items(items: list[Item], new_authors: set[int]) -> list[Verdict]:
    """`new_authors`: contacts first seen in this batch (a brand-new writer adds to spam)."""
    verdicts = []
    for item in items:
        if item.ours:
            continue
        judgement = judge(item.text, History(new_author=item.author_id in new_authors))
        verdicts.append(
            Verdict(
                organization_id=item.organization_id,
                item=item,
                spam_score=judgement.spam_score,
                abuse_score=judgement.abuse_score,
                verdict=judgement.verdict,
                signals=judgement.signals,
            )
        )
    return Verdict.objects.bulk_create(verdicts)
