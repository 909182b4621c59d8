"""Every incoming text becomes safe HTML: each published XSS evasion vector, made safe as the
inbox and the comment field make it, is rendered in a real Chromium, hovered, clicked and
focused, and no script runs; what remains holds only the allowed tags, attributes and URLs."""

import re

import pytest

from torget.comments.markup import comment_html
from torget.inbox.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, STRUCTURE, sanitize_html
from torget.moderation.tests.xss_vectors import VECTORS

pytestmark = pytest.mark.browser
# Any way a vector might run code ends here, counted.
TRAP = """
window.__ran = 0;
for (const name of ["alert", "prompt", "confirm", "print"]) {
  window[name] = () => { window.__ran += 1; };
}
// A link to a web page or an address stays put (it would leave the page we watch); any other
// kind of link is followed, so a javascript: URL runs into the trap.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a");
  if (link && ["http:", "https:", "mailto:"].includes(link.protocol)) event.preventDefault();
}, true);
"""
TAG = re.compile(r"<\s*([a-zA-Z][\w-]*)([^>]*)>")
ATTRIBUTE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')


@pytest.fixture(scope="module")
def tab(chromium):
    context = chromium.new_context(java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(2_000)
    yield page
    context.close()


def provoke(tab) -> None:
    """What a reader does to a comment: hover it, click its links, move through it."""
    for element in tab.query_selector_all("#shown *"):
        try:
            element.hover(timeout=200)
            element.click(timeout=200, no_wait_after=True)
        except Exception:  # noqa: S112 - an element one cannot hover or click is fine
            continue
    tab.keyboard.press("Tab")
    tab.wait_for_timeout(50)


def shown(tab, markup: str) -> int:
    page = f'<!doctype html><meta charset="utf-8"><script>{TRAP}</script>'
    tab.set_content(f'{page}<div id="shown">{markup}</div>')
    tab.wait_for_timeout(50)  # let onload, onerror and autofocus handlers fire
    provoke(tab)
    if tab.url != "about:blank":  # something navigated away: that is not "safe" either
        tab.goto("about:blank")
        return 1
    return tab.evaluate("window.__ran")


def only_allowed(markup: str, tags: set[str]) -> None:
    for name, attributes in TAG.findall(markup):
        assert name.lower() in tags, f"<{name}> survived"
        for attribute, value in ATTRIBUTE.findall(attributes):
            if attribute == "rel":
                assert value == "nofollow ugc noopener"
                continue
            assert attribute in ALLOWED_ATTRIBUTES.get(name.lower(), set()), attribute
            if attribute in ("href", "cite"):
                assert re.match(r"^(https?://|mailto:)", value), value


@pytest.mark.parametrize("vector", VECTORS)
def test_no_vector_runs_once_made_safe(tab, vector):
    for made_safe, tags in (
        (sanitize_html(vector), ALLOWED_TAGS | STRUCTURE),
        (comment_html(vector), ALLOWED_TAGS),
    ):
        only_allowed(made_safe, tags)
        assert shown(tab, made_safe) == 0, made_safe


def test_the_trap_catches_a_vector_left_as_it_is(tab):
    assert shown(tab, "<img src=x onerror=alert(1)>") == 1
    assert shown(tab, '<a href="javascript:alert(1)">klikk</a>') >= 1


def test_the_allowed_markup_still_shows():
    kept = sanitize_html(
        '<b>fet</b> <a href="https://bym.example/t" title="T">lenke</a> [url=x]y[/url]'
    )
    assert kept == (
        '<b>fet</b> <a href="https://bym.example/t" title="T" rel="nofollow ugc noopener">'
        "lenke</a> [url=x]y[/url]"
    )
