"""Words that make a comment abusive on their own: slurs, swearing aimed at someone, threats.
Bokmål, nynorsk and English, with the Danish and Swedish forms Norwegians also read and write.
This is the starting list every organization gets; its own additions and removals (on the
moderation settings) are read together with it. Stems end with * (any ending follows).
"""

import re
from functools import cache

SLURS_AND_INSULTS = [
    "idiot*", "dust*", "dum", "dumme", "dummeste", "tulling*", "fjols*", "tåpe*", "tåbe*",
    "taper*", "taber*", "nar", "narr*", "svin*", "gris", "hore*", "hora", "luder*", "kjerring*",
    "kjerringa", "kælling*", "fitte*", "fisse*", "kuk*", "pikk*", "pik", "pikhoved*", "rasshøl*",
    "røvhul*", "spasser*", "mongo*", "retard*", "evneveik*", "neger*", "nigger*", "perker*",
    "svarting*", "bøsse*", "homse*", "soper*", "faggot*", "bitch*", "cunt*", "asshole*",
    "moron*", "stupid*", "whore*", "slut*", "loser*", "scum*", "pakkis*", "sigøyner*",
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


@cache
def pattern(terms: tuple[str, ...]) -> re.Pattern:
    """One regular expression for a list of terms, whole words only; "*" is any ending."""
    parts = [re.escape(term.rstrip("*")) + (r"\w*" if term.endswith("*") else "") for term in terms]
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)  # fmt: skip


def matches(text: str, lexicon: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Which words of each kind the text holds, as written, each once."""
    found = {}
    for kind, terms in (lexicon or DEFAULT).items():
        hits = dict.fromkeys(hit.lower() for hit in pattern(tuple(terms)).findall(text))
        if hits:
            found[kind] = list(hits)
    return found
