"""A verdict's signals in words a moderator reads on the item."""

from django.utils.translation import gettext_lazy as _

SIGNAL_NAMES = {
    "links": _("Links"),
    "link_shortener": _("A link shortener"),
    "domain_seen_in_spam": _("A domain seen in earlier spam"),
    "bbcode_link": _("A [url=…] link, as spam robots write them"),
    "money_talk": _("Money, loans or crypto"),
    "money_with_link": _("An offer of money with a link to take it"),
    "promotion": _("Promotion"),
    "keyword_stuffing": _("One word repeated over and over"),
    "shouting": _("Mostly capital letters"),
    "same_text_many_authors": _("The same text from several writers"),
    "same_text_repeated": _("The same text several times from this writer"),
    "new_author": _("A writer not seen before"),
    "throwaway_author": _("A disposable mailbox or a machine-numbered name"),
    "insult": _("Insults or slurs"),
    "swearing": _("Swearing"),
    "threat": _("Threatening words"),
    "learned": _("This organization's own model, trained on its moderators' decisions"),
}


def reasons(signals: list[dict]) -> list[tuple[str, str]]:
    """(what fired, what in the text fired it), strongest first."""
    ordered = sorted(signals, key=lambda signal: signal["weight"], reverse=True)
    return [(SIGNAL_NAMES.get(s["name"], s["name"]), s.get("detail", "")) for s in ordered]
