"""A responder's morning in Chromium: open, assign, answer with a saved reply, close."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import PASSWORD
from torget.inbox.models import Department, Item, Reply, SavedReply, Status
from torget.inbox.tests.conftest import body, receive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def log_in(page, username):
    page.goto("/login/")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


@pytest.fixture
def morning(inbox):
    SavedReply.objects.create(
        organization=inbox.alice.organization,
        title="Hentedager",
        text_nb="Hei {navn}! Vi henter hos deg på tirsdag.",
        text_nn="Hei {navn}! Vi hentar tysdag.",
    )
    Department.objects.create(organization=inbox.alice.organization, name="Vei")
    return receive(
        inbox,
        body("m1", kind="message", text="Søppelet ble ikke hentet i Tøyengata i dag."),
        body(
            "m2", kind="message", text="Takk for hjelpen!", author={"name": "Ola", "handle": "ola"}
        ),
    )


def test_it_takes_a_responder_through_open_assign_reply_close(english_page, morning, inbox):
    page = english_page
    log_in(page, "bob")
    page.goto("/inbox/")
    assert_accessible(page)
    page.get_by_role("link", name="Søppelet ble ikke hentet").click()
    page.get_by_role("button", name="Assign to me").click()
    page.get_by_role("button", name="Hentedager").click()
    assert page.locator("#id_text").input_value() == "Hei Kari! Vi henter hos deg på tirsdag."
    assert_accessible(page)
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_load_state()
    assert page.get_by_text("Reply queued for sending.").is_visible()
    first = Item.objects.get(external_id="m1")
    assert first.status == Status.ANSWERED and first.assigned_to == inbox.bob
    assert Reply.objects.get().text.startswith("Hei Kari!")

    page.goto("/inbox/")
    page.get_by_role("link", name="Takk for hjelpen").click()
    page.get_by_role("button", name="Close as handled").click()
    page.wait_for_url("**/inbox/")
    assert Item.objects.get(external_id="m2").status == Status.CLOSED


def test_it_moves_through_the_list_with_the_keyboard(english_page, morning):
    page = english_page
    log_in(page, "bob")
    page.goto("/inbox/")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url("**/inbox/*/")
    with page.expect_navigation():
        page.keyboard.press("a")
    assert Item.objects.filter(assigned_to__user__username="bob").count() == 1


@pytest.mark.parametrize("path", ["/inbox/dashboard/", "/inbox/hand-offs/", "/inbox/settings/"])
def test_it_passes_axe_on_the_inbox_pages(english_page, morning, path):
    log_in(english_page, "alice")
    english_page.goto(path)
    assert english_page.locator("h1").count() == 1
    assert_accessible(english_page)


def test_the_list_refreshes_itself_and_keeps_the_responders_place(english_page, morning, inbox):
    page = english_page
    log_in(page, "bob")
    page.goto("/inbox/")
    with page.expect_response(lambda response: "/inbox/" in response.url):
        page.get_by_label("Team").select_option(str(inbox.team.pk))
    page.keyboard.press("j")
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    receive(inbox, body("m3", kind="message", text="Bossbilen kom aldri.", author={"handle": "ny"}))
    # What the list's own timer does every ten seconds, asked for now.
    with page.expect_response(lambda response: "/inbox/" in response.url) as refreshed:
        page.evaluate("htmx.trigger('#inbox-rows', 'every 10s')")
    assert f"team={inbox.team.pk}" in refreshed.value.url  # the filtered list, not the first
    page.get_by_text("Bossbilen kom aldri.").wait_for()
    assert page.evaluate("document.activeElement.getAttribute('href')") == focused
    # htmx drops a trigger while the element's last request is still being swapped in.
    page.wait_for_function(
        "!document.querySelector('#inbox-rows').matches('.htmx-request, .htmx-settling')"
    )
    with page.expect_response(lambda response: "/inbox/" in response.url) as unchanged:
        page.evaluate("htmx.trigger('#inbox-rows', 'every 10s')")
    assert unchanged.value.status == 204
