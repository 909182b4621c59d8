"""The HTML a comment may carry: what the website's comment field has always allowed, nothing
else. Tags outside the list are removed (script, style and the like with their content), and
links get rel="nofollow ugc noopener" so spam gains nothing from being shown. A URL survives
only when it is an absolute http(s) or mailto address: relative ones would point into whatever
site shows the comment, and any other scheme (javascript:, data:) can run code."""

from urllib.parse import urlsplit

import nh3

TAGS = {
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
ATTRIBUTES = {
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
    if attribute not in URL_ATTRIBUTES:
        return value
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in SCHEMES or not (parts.netloc or parts.scheme == "mailto"):
        return None
    return value.strip()


def comment_html(text: str) -> str:
    return nh3.clean(
        text,
        tags=TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=safe_url,
        link_rel="nofollow ugc noopener",
        url_schemes=SCHEMES,
    )
