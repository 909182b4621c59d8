"""The abuse lexicon as one organization reads it: the default words (abuse_lexicon.DEFAULT)
and its own, less the ones it allows. Its few rows are read once a batch; the pattern made
from them is kept per lexicon (abuse_lexicon.pattern), so it is compiled again only when the
organization's words change, and never shared with another organization's."""

from collections.abc import Iterable

from torget.moderation.abuse_lexicon import ALLOWED, DEFAULT
from torget.moderation.models import LexiconEntry


def lexicon_for(organization_id: int) -> dict[str, list[str]]:
    rows = LexiconEntry.objects.filter(organization_id=organization_id).values_list("word", "kind")
    return merged(list(rows))


def merged(entries: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """The default lexicon with (word, kind) entries added; an allowed word takes out the
    default term it names, with or without its "*", and is never a match itself."""
    entries = [(word.strip().lower(), kind) for word, kind in entries if word.strip()]
    allowed = {word.casefold() for word, kind in entries if kind == ALLOWED}
    lexicon = {
        kind: [term for term in terms if term.rstrip("*").casefold() not in allowed]
        for kind, terms in DEFAULT.items()
    }
    for word, kind in entries:
        if kind != ALLOWED and word not in lexicon.setdefault(kind, []):
            lexicon[kind].append(word)
    if allowed:
        lexicon[ALLOWED] = sorted(allowed)
    return lexicon
