"""Real-browser fixtures: Debian's Chromium driven by Playwright, shared by every app's tests."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless. A missing browser fails the run: browser tests never skip."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself are still synchronous, so the async-safety guard is lifted for these tests.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def open_page(chromium, live_server, locale: str):
    context = chromium.new_context(base_url=live_server.url, locale=locale)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def page(chromium, live_server):
    """A new browser tab speaking bokmål, like most of our users."""
    context, page = open_page(chromium, live_server, "nb-NO")
    yield page
    context.close()


@pytest.fixture
def english_page(chromium, live_server):
    context, page = open_page(chromium, live_server, "en-GB")
    yield page
    context.close()
