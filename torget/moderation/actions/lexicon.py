"""An organization's own words in the abuse lexicon: added, or allowed, or taken back. The
next batch judged reads them (moderation.lexicon); nothing else needs telling."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.moderation.models import LexiconEntry
from torget.orgs.actions.permissions import check_can_manage, check_same_organization
from torget.orgs.models import Membership


@transaction.atomic
def do_add_lexicon_word(member: Membership, word: str, kind: str) -> LexiconEntry:
    """Adds the word, or changes the kind of one the organization already has."""
    check_can_manage(member)
    word = " ".join(word.split()).lower()
    if not word:
        raise ValidationError(_("Write the word or phrase."))
    if kind not in LexiconEntry.Kind.values:
        raise ValidationError(_("Choose what kind of word it is."))
    entry, _created = LexiconEntry.objects.update_or_create(
        organization_id=member.organization_id,
        word=word,
        defaults={"kind": kind, "added_by": member, "added_at": timezone.now()},
    )
    return entry


@transaction.atomic
def do_remove_lexicon_word(member: Membership, entry: LexiconEntry) -> None:
    check_can_manage(member)
    check_same_organization(member, entry)
    entry.delete()
