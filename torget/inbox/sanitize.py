"""Text from outside is stored raw and as HTML that is safe to show.

The allowed markup is what the website's comment field has always accepted; everything else is
removed (script, style and the like with their content), and links get rel="nofollow ugc
noopener" so spam gains nothing from being shown. A URL survives only when it is an absolute
http(s) or mailto address: a relative one would point into whatever site shows the text, and
any other scheme (javascript:, data:) can run code. Platforms' own HTML (Mastodon's statuses)
keeps its paragraphs and line breaks too.
"""

import html
import re
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "acronym",
    "b",
    "blockquote",
    "cite",
    "code",
    "del",
    "em",
    "i",
    "q",
    "strike",
    "strong",
}
STRUCTURE = {"br", "p"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "acronym": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"datetime"},
}
REMOVED_WITH_CONTENT = {"script", "style", "iframe", "object", "noscript", "template", "title"}
URL_ATTRIBUTES = {"href", "cite"}
SCHEMES = {"http", "https", "mailto"}


def safe_url(_tag: str, attribute: str, value: str) -> str | None:
    # nh3 checks the schemes of href only; cite="javascript:…" would pass without this.
    if attribute not in URL_ATTRIBUTES:
        return value
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in SCHEMES or not (parts.netloc or parts.scheme == "mailto"):
        return None
    return value.strip()


def sanitize_html(markup: str, structure: bool = True) -> str:
    """`structure`: keep paragraphs and line breaks (a platform's HTML), or not (a comment
    written in the website's field, where only the allowed inline markup counts)."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS | (STRUCTURE if structure else set()),
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=safe_url,
        link_rel="nofollow ugc noopener",
        url_schemes=SCHEMES,
    )


def text_to_html(text: str) -> str:
    """Plain text from a platform: escaped, paragraphs and line breaks kept."""
    paragraphs = [part for part in html.escape(text or "").split("\n\n") if part.strip()]
    return "".join(f"<p>{part.strip().replace(chr(10), '<br>')}</p>" for part in paragraphs)


BREAKS = re.compile(r"<br\s*/?>", re.IGNORECASE)
PARAGRAPH_ENDS = re.compile(r"</p>\s*", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    """What a person reads in a platform's HTML (Mastodon's statuses, HTML mail): line breaks
    and paragraphs kept, every tag gone, entities decoded."""
    marked = PARAGRAPH_ENDS.sub("\n\n", BREAKS.sub("\n", markup or ""))
    return html.unescape(nh3.clean(marked, tags=set())).strip()
