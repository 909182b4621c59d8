"""The HTML a comment in the website's field may carry: the allowed inline markup of
inbox.sanitize, without paragraphs or line breaks."""

from torget.inbox.sanitize import sanitize_html


def comment_html(text: str) -> str:
    return sanitize_html(text, structure=False)
