"""What a moderator looks for in spam, each signal named so a verdict can say why it was given.

Text alone: links and their domains (link shorteners above all), BBCode links as spam robots
write them, money, loan and crypto talk in Norwegian and English, promotion ("check out my
channel", "abonner"), keyword stuffing, shouting. The caller adds what only the history knows:
domains seen in earlier spam, the same text from many writers or many times from one, a writer
never seen before. Weights are a moderator's sense of how much each tells; the classifier
(spam_model) learns the rest from the organization's own decisions.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

SHORTENERS = {
    "bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly",
    "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "s.id", "v.gd", "lnkd.in", "adf.ly",
}  # fmt: skip
LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
BARE_DOMAIN = re.compile(r"\b[a-z0-9-]{2,}\.(?:com|net|org|info|biz|ru|xyz|top|ly|io)\b", re.I)
BBCODE = re.compile(r"\[(?:url|link|img)(?:=[^\]]*)?\]", re.IGNORECASE)
MONEY = re.compile(
    r"\b(?:l[åa]n(?:et)?|forbruksl[åa]n|sm[åa]l[åa]n|kreditt|rente(?:fri)?|payday|loans?|"
    r"credit|bitcoin|btc|crypto|krypto\w*|forex|casino|bet(?:ting)?|invest\w*|"
    r"tjen(?:e)? penger|gratis penger|free money|earn money|make money|uten sikkerhet|"
    r"ingen kredittsjekk|lav rente|"
    r"\d+\s?(?:kr|nok|usd))\b",
    re.IGNORECASE,
)
PROMOTION = re.compile(
    r"\b(?:check (?:out|my)|subscribe|sub(?:scribe)? back|my (?:channel|page|video)|"
    r"follow me|visit|click (?:here|the link)|giveaway|promo(?:code)?|like this comment|"
    r"sjekk ut|abonner|f[øo]lg meg|kanalen min|klikk her|bes[øo]k)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Signal:
    name: str
    weight: float  # how much it alone says spam, 0–1
    detail: str = ""


@dataclass(frozen=True)
class History:
    """What the organization's earlier items say about this one."""

    spam_domains: frozenset[str] = field(default_factory=frozenset)
    same_text_authors: int = 0  # other writers who sent this very text lately
    same_text_by_author: int = 0  # times this writer sent it lately
    new_author: bool = False
    throwaway_author: bool = False  # a disposable mailbox, or a handle a machine numbered


def domains_in(text: str) -> list[str]:
    """Each domain linked to, once, in order: from full links, then from bare names
    ("bit.ly/x", "shop.com") in what is left."""
    links = LINK.findall(text)
    hosts = [urlsplit(link if "://" in link else f"http://{link}").hostname for link in links]
    bare = BARE_DOMAIN.findall(LINK.sub(" ", text))
    found = [host.removeprefix("www.") for host in hosts if host] + [d.lower() for d in bare]
    return list(dict.fromkeys(found))


def spam_signals(text: str, history: History | None = None) -> list[Signal]:
    history = history or History()
    signals = link_signals(text, history) + wording_signals(text)
    if history.same_text_authors >= 2:
        signals.append(Signal("same_text_many_authors", 0.6, str(history.same_text_authors)))
    if history.same_text_by_author >= 2:
        signals.append(Signal("same_text_repeated", 0.5, str(history.same_text_by_author)))
    if history.new_author and signals:
        signals.append(Signal("new_author", 0.2))
    if history.throwaway_author and signals:
        signals.append(Signal("throwaway_author", 0.2))
    return signals


DISPOSABLE_MAIL = {
    "mailinator.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com", "yopmail.com",
    "10minutemail.com", "temp-mail.org", "tempmail.com", "trashmail.com", "getnada.com",
    "dispostable.com", "maildrop.cc", "mailnesia.com", "throwawaymail.com", "fakeinbox.com",
    "mohmal.com", "emailondeck.com", "tempr.email", "spamgourmet.com", "mintemail.com",
}  # fmt: skip
# A name ending in a long run of digits, as sign-up robots number their accounts. A handle of
# digits alone is a platform's account id (Facebook, Instagram), which says nothing.
NUMBERED = re.compile(r"^(?=.*[^\W\d_])[\w.-]*?\d{4,}$")


def throwaway(handle: str) -> bool:
    """A writer who can vanish at no cost: a disposable mailbox, or a machine-numbered name.
    Weak on its own (people have digits in their names too), so it only adds to other signs."""
    handle = handle.strip().casefold()
    if "@" in handle:
        return handle.rpartition("@")[2] in DISPOSABLE_MAIL
    return bool(NUMBERED.search(handle))


def link_signals(text: str, history: History) -> list[Signal]:
    domains = domains_in(text)
    signals = []
    if domains:
        signals.append(Signal("links", min(0.15 * len(domains), 0.45), ", ".join(domains)))
    short = sorted({d for d in domains if d in SHORTENERS})
    if short:
        signals.append(Signal("link_shortener", 0.5, ", ".join(short)))
    known = sorted({d for d in domains if d in history.spam_domains})
    if known:
        signals.append(Signal("domain_seen_in_spam", 0.7, ", ".join(known)))
    if BBCODE.search(text):
        signals.append(Signal("bbcode_link", 0.7))
    return signals


def wording_signals(text: str) -> list[Signal]:
    signals = []
    money = sorted({m.lower() for m in MONEY.findall(text)})
    if money:
        signals.append(Signal("money_talk", min(0.25 + 0.1 * len(money), 0.55), ", ".join(money)))
        if domains_in(text):  # an offer of money with somewhere to go and take it
            signals.append(Signal("money_with_link", 0.6))
    promotion = sorted({m.lower() for m in PROMOTION.findall(text)})
    if promotion:
        weight = min(0.3 + 0.1 * len(promotion), 0.6)
        signals.append(Signal("promotion", weight, ", ".join(promotion)))
    stuffed = stuffing(text)
    if stuffed:
        signals.append(Signal("keyword_stuffing", 0.4, stuffed))
    if shouting(text):
        signals.append(Signal("shouting", 0.1))
    return signals


def stuffing(text: str) -> str:
    """A word of four letters or more making up a fifth of a text of twenty words or more."""
    words = [word.lower() for word in WORD.findall(text) if len(word) >= 4]
    if len(words) < 20:
        return ""
    word, count = Counter(words).most_common(1)[0]
    return f"{word} ×{count}" if count / len(words) >= 0.2 else ""


def shouting(text: str) -> bool:
    letters = sum(map(str.isalpha, text))
    return letters >= 20 and sum(map(str.isupper, text)) / letters > 0.6


def combined(signals: list[Signal]) -> float:
    """The chance that at least one signal is right, reading each as independent evidence."""
    doubt = 1.0
    for signal in signals:
        doubt *= 1 - signal.weight
    return round(1 - doubt, 3)
