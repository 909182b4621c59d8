"""A person in Chromium: log in, read the pages, switch language, edit a calendar.

Every page visited is checked with axe-core for WCAG 2.1 AA violations.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import PASSWORD
from torget.accounts.actions.tokens import do_create_token
from torget.orgs.actions.calendars import do_set_calendar_exception
from torget.orgs.models import DutyCalendar, Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
axe = Axe()


def assert_accessible(page):
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_no_sideways_scroll(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]} px wide in a {widths[1]} px viewport"


def log_in(page, username: str):
    page.goto("/login/")
    assert_accessible(page)
    page.get_by_label("Brukernavn eller e-post").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


def test_it_passes_axe_on_every_page(page, cast):
    log_in(page, "alice")
    paths = [
        "/",
        "/teams/",
        f"/teams/{cast.team.pk}/",
        "/calendars/",
        f"/calendars/{cast.calendar.pk}/",
        f"/calendars/{cast.calendar.pk}/edit/",
        "/calendars/new/",
        "/people/",
        "/account/tokens/",
        "/account/security/",
        "/channels/",
    ]
    from torget.channels.actions.channels import do_connect_channel

    do_connect_channel(cast.alice, "facebook", "Bymiljøetaten", "facebook", "104543", "s3cret")
    for path in paths:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_it_switches_language(page, cast):
    log_in(page, "alice")
    page.get_by_label("Språk").select_option("nn")
    page.get_by_role("button", name="Endre").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.get_by_role("link", name="Vaktkalendrar").is_visible()
    assert_accessible(page)
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Endre").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Duty calendars").is_visible()


def test_it_edits_a_calendar_and_the_week_view_follows(page, cast):
    log_in(page, "alice")
    page.goto(f"/calendars/{cast.calendar.pk}/?week=2026-W48")
    monday = page.locator('.day[data-date="2026-11-23"]')
    assert "08:00–16:00" in monday.inner_text()
    page.get_by_role("link", name="Rediger tidene for uka").click()
    page.get_by_label("Mandag").fill("09:00–11:30, 12:00–17:00")
    page.get_by_label("Lørdag").fill("10:00-14:00")
    page.get_by_role("button", name="Lagre kalender").click()
    page.wait_for_url(f"**/calendars/{cast.calendar.pk}/")
    page.goto(f"/calendars/{cast.calendar.pk}/?week=2026-W48")
    assert "09:00–11:30, 12:00–17:00" in monday.inner_text()
    assert monday.locator(".bar").count() == 2
    assert "10:00–14:00" in page.locator('.day[data-date="2026-11-28"]').inner_text()
    cast.calendar.refresh_from_db()
    assert cast.calendar.weekly["mon"] == [["09:00", "11:30"], ["12:00", "17:00"]]


def test_it_rejects_unreadable_hours_without_losing_the_form(page, cast):
    log_in(page, "alice")
    page.goto(f"/calendars/{cast.calendar.pk}/edit/")
    page.get_by_label("Tirsdag").fill("kl 8 til 4")
    page.get_by_role("button", name="Lagre kalender").click()
    assert page.get_by_text("kl 8 til 4").count() >= 1
    assert page.get_by_label("Tirsdag").input_value() == "kl 8 til 4"
    assert_accessible(page)
    cast.calendar.refresh_from_db()
    assert cast.calendar.weekly["tue"] == [["08:00", "16:00"]]


def test_it_adds_a_dated_exception_in_place(page, cast):
    log_in(page, "alice")
    page.goto(f"/calendars/{cast.calendar.pk}/?week=2026-W52")
    christmas_eve = page.locator('.day[data-date="2026-12-24"]')
    assert "08:00–16:00" in christmas_eve.inner_text()
    page.get_by_label("Dato").fill("2026-12-24")
    page.get_by_label("Tider denne dagen").fill("08:00–12:00")
    page.get_by_label("Merknad").fill("Julaften")
    page.get_by_role("button", name="Lagre dagen").click()
    page.wait_for_function(
        "document.querySelector('.day[data-date=\"2026-12-24\"]').innerText.includes('12:00')"
    )
    assert "08:00–12:00" in christmas_eve.inner_text()
    assert "Julaften" in christmas_eve.inner_text()
    assert "Første juledag" in page.locator('.day[data-date="2026-12-25"]').inner_text()
    assert DutyCalendar.objects.get(pk=cast.calendar.pk).exceptions[0]["date"] == "2026-12-24"
    assert_accessible(page)


def test_it_moves_between_weeks_without_reloading(page, cast):
    log_in(page, "alice")
    page.goto(f"/calendars/{cast.calendar.pk}/?week=2026-W13")
    page.get_by_role("link", name="Neste uke").click()
    page.wait_for_url("**week=2026-W14")
    assert "Skjærtorsdag" in page.locator('.day[data-date="2026-04-02"]').inner_text()
    assert "Stengt" in page.locator('.day[data-date="2026-04-03"]').inner_text()


@pytest.mark.parametrize("width, height", [(320, 640), (375, 667)])
def test_it_reflows_on_a_small_screen(page, cast, width, height):
    """WCAG 1.4.10: nothing scrolls sideways at 320 px, the width of 1280 px zoomed to 400 %."""
    do_create_token(cast.alice, "Integrasjon mot saksbehandlingssystemet")
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, "alice")
    paths = ["/", "/teams/", f"/calendars/{cast.calendar.pk}/", "/people/", "/account/tokens/"]
    for path in paths:
        page.goto(path)
        assert_no_sideways_scroll(page)
        assert_accessible(page)
    page.locator(".account summary").click()
    assert page.get_by_role("link", name="API-tokener").is_visible()
    assert_no_sideways_scroll(page)
    assert_accessible(page)


def test_it_asks_before_deleting_a_team(page, cast):
    log_in(page, "alice")
    page.goto(f"/teams/{cast.team.pk}/")
    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Slett team").click()
    assert questions == ["Slette dette teamet?"]
    assert page.url.endswith(f"/teams/{cast.team.pk}/")
    assert Team.objects.filter(pk=cast.team.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Slett team").click()
    page.wait_for_url("**/teams/")
    assert not Team.objects.filter(pk=cast.team.pk).exists()


def test_it_asks_once_before_removing_an_exception_in_place(page, cast):
    do_set_calendar_exception(cast.alice, cast.calendar, "2026-12-24", [["08:00", "12:00"]])
    log_in(page, "alice")
    page.goto(f"/calendars/{cast.calendar.pk}/?week=2026-W52")
    remove = page.get_by_role("button", name="Fjern 2026-12-24")
    questions, answers = [], [False, True]

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept() if answers and answers.pop(0) else dialog.dismiss()

    page.on("dialog", answer)
    remove.click()
    assert questions == ["Fjerne dette unntaket?"]
    assert DutyCalendar.objects.get(pk=cast.calendar.pk).exceptions
    remove.click()
    remove.wait_for(state="detached")
    assert questions == ["Fjerne dette unntaket?"] * 2
    assert DutyCalendar.objects.get(pk=cast.calendar.pk).exceptions == []
    assert "08:00–16:00" in page.locator('.day[data-date="2026-12-24"]').inner_text()
