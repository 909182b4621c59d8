"""A moderator clears the queue from the keyboard in Chromium."""

import pytest

from torget.inbox.tests.test_inbox_browser import assert_accessible, log_in
from torget.moderation.models import Verdict
from torget.moderation.tests.test_queue_views import INSULT, LOAN_SPAM, held

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(cast):
    return held(cast, LOAN_SPAM, INSULT)


def state(item) -> str:
    return Verdict.objects.get(item=item).state


def test_j_x_h_hides_the_item_in_focus(english_page, queue):
    spam, insult = queue
    page = english_page
    log_in(page, "bob")
    page.goto("/moderation/")
    assert_accessible(page)
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.matches('[data-queue-item]')")
    page.keyboard.press("x")
    assert page.get_by_label("Choose the item from Skribent 0").is_checked()
    with page.expect_navigation():
        page.keyboard.press("h")
    assert page.get_by_text("Hide: done for 1 item.").is_visible()
    assert page.get_by_text("bit.ly/raskt-lan").count() == 0
    assert page.get_by_text("Dere er noen jævla idioter").is_visible()
    assert state(spam) == "hidden" and state(insult) == "held"


def test_shortcuts_wait_while_typing_and_delete_asks_first(english_page, queue):
    spam, insult = queue
    page = english_page
    log_in(page, "bob")
    page.goto("/moderation/")
    reason = page.get_by_label("Reason (for the audit log)")
    reason.fill("Spam")
    for key in "jxh":
        page.keyboard.press(key)
    assert reason.input_value() == "Spamjxh"
    assert page.evaluate("document.activeElement.id") == "queue-reason"
    assert page.url.endswith("/moderation/")  # nothing was sent
    page.locator("[data-queue-item]").first.focus()
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.keyboard.press("d")
    assert questions == ["Delete the chosen items? This cannot be undone."]
    assert not page.get_by_label("Choose the item from Skribent 0").is_checked()
    assert state(spam) == "held" and state(insult) == "held"


def test_question_mark_opens_the_list_of_shortcuts(english_page, queue):
    page = english_page
    log_in(page, "bob")
    page.goto("/moderation/")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    assert dialog.is_visible() and dialog.get_by_text("Mark as not spam").is_visible()
    assert_accessible(page)
    page.keyboard.press("Escape")
    assert not dialog.is_visible()


def test_the_shortcuts_can_be_switched_off_and_stay_off(english_page, queue):
    spam, insult = queue
    page = english_page
    log_in(page, "bob")
    page.goto("/moderation/")
    switch = page.get_by_role("checkbox", name="Keyboard shortcuts")
    assert switch.is_checked()
    switch.uncheck()
    assert page.get_by_text("Off: no single key does anything on this page.").is_visible()
    hide = page.get_by_role("button", name="Hide", exact=True)
    assert hide.get_attribute("aria-keyshortcuts") is None
    assert_accessible(page)
    for attempt in ("before", "after a reload"):
        page.locator("[data-queue-item]").first.focus()
        for key in "jxh?":
            page.keyboard.press(key)
        page.wait_for_timeout(300)  # time enough for a form to be sent, were one sent
        assert page.get_by_text("Hide: done").count() == 0, attempt
        assert not page.get_by_label("Choose the item from Skribent 0").is_checked(), attempt
        assert not page.get_by_role("dialog").is_visible(), attempt
        assert state(spam) == "held" and state(insult) == "held", attempt
        page.reload()
        assert not switch.is_checked()
    switch.check()
    page.locator("[data-queue-item]").first.focus()
    page.keyboard.press("x")
    assert page.get_by_label("Choose the item from Skribent 0").is_checked()
    assert hide.get_attribute("aria-keyshortcuts") == "h"
