"""Text from outside is stored raw and as HTML that is safe to show.

The allowed markup is what the website's comment field has always accepted; everything else is
removed, and links get rel="nofollow noopener" so spam gains nothing from being shown.
"""

import html
import re

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
    "br",
    "p",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "acronym": {"title"},
    "q": {"cite"},
}


def sanitize_html(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel="nofollow noopener noreferrer",
        url_schemes={"http", "https", "mailto"},
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
