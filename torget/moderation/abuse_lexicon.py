"""Words that make a comment abusive on their own: slurs, swearing aimed at someone, threats.
Bokmål, nynorsk and English, with the Danish and Swedish forms Norwegians also read and write.
This is the starting list every organization gets; its own additions and removals (on the
moderation settings) are read together with it. Stems end with * (any ending follows).
"""

import re
from functools import lru_cache

SLURS_AND_INSULTS = [
    "idiot*", "dust*", "dum", "dumme", "dummeste", "tulling*", "fjols*", "tåpe*", "tåbe*",
    "taper*", "taber*", "nar", "narr*", "svin*", "gris", "hore*", "hora", "luder*", "kjerring*",
    "kjerringa", "kælling*", "fitte*", "fisse*", "kuk*", "pikk*", "pik", "pikhoved*", "rasshøl*",
    "røvhul*", "spasser*", "mongo*", "retard*", "evneveik*", "neger*", "nigger*", "perker*",
    "svarting*", "bøsse*", "homse*", "soper*", "faggot*", "bitch*", "cunt*", "asshole*",
    "moron*", "stupid*", "whore*", "slut*", "loser*", "scum*", "pakkis*", "sigøyner*",
    "kraftidiot*", "hjernedød*", "åndssvak*", "åndssvag*", "tosk*",
    "fjott*", "tufs*", "drittunge*", "møgunge*", "landssviker*", "landsforræder*",
]  # fmt: skip
SWEARING = [
    "faen", "fanden", "satan", "helvete", "helvede", "jævla", "jævlig*", "jævel*", "jävla*",
    "forbanna*", "forbannet*", "forpulet*", "fuck*", "fucking", "shit*", "lort*", "dritt*",
    "drittsekk*", "skide*", "pis", "piss*", "hold kjeft", "hold kæft", "hald kjeft", "damn*",
]  # fmt: skip
THREATS = [
    "drep*", "dreb*", "slå ihjel", "slå deg ihjel", "skyt*", "skyd*", "knivstikk*",
    "kill*", "murder*", "shoot*", "stab*", "henge deg", "hæng dig", "du skal dø", "you will die",
    "vet hvor du bor", "veit kvar du bur", "know where you live", "bombe*", "bomb*",
]  # fmt: skip
DEFAULT = {"insult": SLURS_AND_INSULTS, "swearing": SWEARING, "threat": THREATS}
ALLOWED = "allowed"


@lru_cache(maxsize=256)
def pattern(kinds: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str] | None:
    """One regular expression for the whole lexicon, a named group per kind, whole words only
    ("*" is any ending): a text is read once, however many kinds there are. Kept per lexicon,
    so each organization's is compiled once and again only when its words change."""

    def alternatives(terms: tuple[str, ...]) -> str:
        parts = [re.escape(t.rstrip("*")) + (r"\w*" if t.endswith("*") else "") for t in terms]
        return "|".join(sorted(parts, key=len, reverse=True))

    groups = "|".join(f"(?P<{kind}>{alternatives(terms)})" for kind, terms in kinds if terms)
    return re.compile(rf"(?<!\w)(?:{groups})(?!\w)", re.IGNORECASE) if groups else None


def matches(text: str, lexicon: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Which words of each kind the text holds, as written, each once. Words under "allowed"
    are never a match, though a stem would take them ("skyt*" and the street Skyttarvegen)."""
    chosen = lexicon or DEFAULT
    compiled = pattern(frozen(chosen))
    if compiled is None:
        return {}
    allowed = {word.casefold() for word in chosen.get(ALLOWED, [])}
    found: dict[str, dict[str, None]] = {}
    for hit in compiled.finditer(text):
        word = hit.group(0).lower()
        if word.casefold() not in allowed:
            found.setdefault(hit.lastgroup or "", {})[word] = None
    return {kind: list(words) for kind, words in found.items()}


def frozen(lexicon: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((kind, tuple(terms)) for kind, terms in lexicon.items() if kind != ALLOWED)
