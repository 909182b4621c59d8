"""The widget in Chromium on a plain page from a second origin, as on an organization's site.

Torget (Django's live server) answers on http://localhost:<port>; the organization's site is
a bare http.server on http://127.0.0.1:<another port>, serving one article with the snippet.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe

from torget.comments.models import WebsiteComment
from torget.comments.tests.conftest import website
from torget.moderation.models import HouseRules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
ARTICLE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Ny hentedag · Fjordby</title></head>
<body><main><h1>Ny hentedag for hageavfall</h1><p>Fra mai henter vi på onsdager.</p>
<div id="torget-comments"></div>
<script src="{script}" data-widget="{widget}" defer></script>
</main></body></html>"""


class Site:
    """An organization's own web server, serving the article at /artikkel."""

    def __init__(self):
        self.html = b""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(site.html)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def embed(self, live_server, channel):
        script = f"{live_server.url}/static/comments/widget.js"
        widget = channel.settings["widget_id"]
        self.html = ARTICLE.format(script=script, widget=widget).encode()
        return f"{self.origin}/artikkel"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sites():
    made = []

    def make():
        made.append(Site())
        return made[-1]

    yield make
    for site in made:
        site.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


def comment(channel, page, name, text, **fields) -> WebsiteComment:
    return WebsiteComment.objects.create(
        organization=channel.organization,
        channel=channel,
        page=page,
        author_name=name,
        text=text,
        text_html=text,
        **fields,
    )


def test_a_visitor_reads_our_reply_and_comments_from_another_origin(
    browser_page, live_server, sites, cast
):
    page, site = browser_page, sites()
    channel = website(cast.alice, origins=(site.origin,))
    article = site.embed(live_server, channel)
    question = comment(channel, article, "Sigrid Moe", "Gjelder det <b>hele</b> byen?")
    comment(channel, article, "Bymiljøetaten", "Ja, hele byen.", ours=True,
            in_reply_to=str(question.external_id))  # fmt: skip

    HouseRules.objects.create(
        organization=channel.organization, text_nb="Vær saklig.", is_published=True
    )

    page.goto(article)
    page.get_by_role("heading", name="Kommentarer (2)").wait_for()
    assert page.locator(f"#torget-comment-{question.external_id} b").inner_text() == "hele"
    rules = page.get_by_role("link", name="Les husreglene våre")
    assert rules.get_attribute("href").endswith(f"/rules/{channel.organization.slug}/")
    reply = page.locator(".torget-replies .torget-ours")
    assert "Bymiljøetaten" in reply.inner_text() and "Svar fra oss" in reply.inner_text()
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    page.get_by_label("Navn").fill("Ola Nordmann")
    page.get_by_label("Kommentar", exact=True).fill("Takk, da vet jeg det.")
    page.get_by_role("button", name="Send kommentar").click()
    page.get_by_role("status").filter(has_text="Kommentaren din er publisert").wait_for()
    page.get_by_text("Takk, da vet jeg det.").wait_for()
    assert page.get_by_role("heading", name="Kommentarer (3)").is_visible()
    stored = WebsiteComment.objects.get(author_name="Ola Nordmann")
    assert (stored.page, stored.state, stored.text) == (
        article,
        "published",
        "Takk, da vet jeg det.",
    )

    page.get_by_label("Navn").fill("Ny Skribent")
    page.get_by_role("button", name="Svar til Sigrid Moe").click()
    assert page.evaluate("document.activeElement.name") == "text"
    page.keyboard.type("Se https://billig.example")
    page.keyboard.press("Tab")  # past the hidden field, which takes no focus, to the button
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="vises når den er gjennomgått").wait_for()
    held = WebsiteComment.objects.get(state="held")
    assert held.in_reply_to == str(question.external_id) and held.hold_reason == "link"
    assert page.get_by_text("billig.example").count() == 0
    assert page.problems == []


def test_mistakes_are_named_and_a_site_not_allowed_gets_nothing(
    browser_page, live_server, sites, cast
):
    page, site, stranger = browser_page, sites(), sites()
    channel = website(cast.alice, origins=(site.origin,))
    page.goto(site.embed(live_server, channel))
    page.get_by_text("Ingen kommentarer ennå").wait_for()
    page.get_by_label("Kommentar", exact=True).fill("Bossbilen kom aldri.")
    page.get_by_role("button", name="Send kommentar").click()
    page.get_by_text("Skriv navnet ditt.").wait_for()
    assert page.get_by_label("Navn").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.name") == "name"
    assert page.get_by_label("Kommentar", exact=True).input_value() == "Bossbilen kom aldri."
    assert not WebsiteComment.objects.exists()
    # Chromium logs the 400 itself; what must not be there is a CORS refusal or a script error.
    assert page.problems == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]

    comment(channel, f"{site.origin}/artikkel", "Sigrid Moe", "Bare for fjordby.example")
    page.goto(stranger.embed(live_server, channel))
    page.get_by_text("Kommentarene kunne ikke hentes").wait_for()
    assert page.get_by_text("Bare for fjordby.example").count() == 0
    assert any("blocked by CORS policy" in problem for problem in page.problems)
