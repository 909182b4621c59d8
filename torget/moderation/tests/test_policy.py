"""The organization's moderation policy: house rules (and their public page), saved
explanations and the organization's own words for the abuse lexicon.

alice (owner) writes them; bob (a responder) reads them; carol, a plain member, sees the house
rules only; mallory, of Naboetaten, sees none of Bymiljøetaten's and changes none of it."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from conftest import PASSWORD
from torget.moderation.abuse_lexicon import DEFAULT
from torget.moderation.actions.lexicon import do_add_lexicon_word
from torget.moderation.actions.policy import do_create_explanation, do_save_house_rules
from torget.moderation.models import AuditEntry, Explanation, HouseRules, LexiconEntry

pytestmark = pytest.mark.django_db

RULES = {
    "text_nb": "Vær saklig.\n\nVi skjuler hets og trusler.",
    "text_nn": "Ver sakleg.\n\nVi gøymer hets og truslar.",
    "text_en": "Stay on topic.\n\nWe hide harassment and threats.",
}


def publish(member, **texts) -> HouseRules:
    return do_save_house_rules(member, **(RULES | texts), is_published=True)


def text_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# House rules, for the organization


def test_an_admin_writes_the_house_rules_in_three_languages(cast):
    response = cast.client_for(cast.alice).post(
        "/moderation/house-rules/", RULES | {"is_published": "on"}, follow=True
    )
    assert "House rules saved." in text_of(response)
    rules = HouseRules.objects.get(organization=cast.alice.organization)
    assert rules.text_nn == RULES["text_nn"] and rules.is_published
    assert rules.updated_by == cast.alice


def test_saving_is_not_a_moderation_step_and_keeps_one_set_of_rules(cast):
    client = cast.client_for(cast.alice)
    client.post("/moderation/house-rules/", RULES)
    client.post("/moderation/house-rules/", RULES | {"text_en": "Be kind."})
    rules = HouseRules.objects.get(organization=cast.alice.organization)
    assert rules.text_en == "Be kind." and not rules.is_published
    assert not AuditEntry.objects.exists()


def test_rules_with_no_text_cannot_be_published(cast):
    empty = {"text_nb": " ", "text_nn": "", "text_en": "", "is_published": "on"}
    text = text_of(cast.client_for(cast.alice).post("/moderation/house-rules/", empty))
    assert "Write the rules in at least one language to publish them." in text
    assert not HouseRules.objects.exists()


def test_a_refused_save_does_not_show_as_published(cast):
    do_save_house_rules(cast.alice, **RULES, is_published=False)
    empty = {"text_nb": "", "text_nn": "", "text_en": "", "is_published": "on"}
    text = text_of(cast.client_for(cast.alice).post("/moderation/house-rules/", empty))
    assert "Not published" in text and "Published at" not in text


def test_the_page_says_who_changed_them_last_and_where_they_are_published(cast):
    publish(cast.alice)
    text = text_of(cast.client_for(cast.alice).get("/moderation/house-rules/"))
    assert "Last changed by Alice" in text
    assert f'href="/rules/{cast.alice.organization.slug}/"' in text
    assert 'lang="nn"' in text  # each text area is marked with its language


def test_a_responder_reads_them_but_cannot_save(cast):
    publish(cast.alice)
    client = cast.client_for(cast.bob)
    text = text_of(client.get("/moderation/house-rules/"))
    assert "<textarea" not in text and "Only administrators can change" in text
    assert '<div class="house-rules-text" lang="nn"><p>Ver sakleg.</p>' in text
    assert (
        client.post("/moderation/house-rules/", RULES | {"text_nb": "Alt er lov"}).status_code
        == 403
    )
    assert HouseRules.objects.get().text_nb == RULES["text_nb"]


def test_a_plain_member_reads_them_too(cast):
    publish(cast.alice)
    assert "Vær saklig." in text_of(cast.client_for(cast.carol).get("/moderation/house-rules/"))


def test_another_organizations_admin_changes_only_their_own(cast):
    publish(cast.alice)
    client = cast.client_for(cast.mallory)
    assert "Vær saklig." not in text_of(client.get("/moderation/house-rules/"))
    client.post("/moderation/house-rules/", {"text_nb": "Naboens regler", "is_published": "on"})
    assert HouseRules.objects.get(organization=cast.alice.organization).text_nb == RULES["text_nb"]
    assert (
        HouseRules.objects.get(organization=cast.mallory.organization).text_nb == "Naboens regler"
    )


# House rules, for the public


def public(cast, language: str = "nb", slug: str | None = None):
    slug = slug or cast.alice.organization.slug
    return Client().get(f"/rules/{slug}/", headers={"Accept-Language": language})


def test_anyone_reads_the_published_rules_in_their_language(cast):
    publish(cast.alice)
    text = text_of(public(cast, "nn"))
    assert '<div class="house-rules-text" lang="nn"><p>Ver sakleg.</p>' in text
    assert "Vær saklig." not in text and "Stay on topic." not in text
    english = text_of(public(cast, "en"))
    assert "House rules for Bymiljøetaten" in english
    assert '<div class="house-rules-text" lang="en"><p>Stay on topic.</p>' in english


def test_it_offers_the_other_two_languages(cast):
    publish(cast.alice)
    text = text_of(public(cast, "en"))
    assert 'action="/i18n/setlang/"' in text
    assert 'name="language" value="nb"' in text and 'name="language" value="nn"' in text
    assert 'name="language" value="en"' not in text
    assert '<button type="submit" class="link" lang="nn">Norsk nynorsk</button>' in text


def test_choosing_another_language_shows_the_rules_in_it(cast):
    publish(cast.alice)
    client, path = Client(), f"/rules/{cast.alice.organization.slug}/"
    client.get(path, headers={"Accept-Language": "en"})
    response = client.post("/i18n/setlang/", {"language": "nn", "next": path})
    assert response.status_code == 302 and response["Location"] == path
    assert 'lang="nn"><p>Ver sakleg.</p>' in text_of(client.get(path))


def test_it_falls_back_to_a_language_the_rules_are_written_in(cast):
    publish(cast.alice, text_nn="", text_en="")
    text = text_of(public(cast, "en"))
    assert '<div class="house-rules-text" lang="nb"><p>Vær saklig.</p>' in text
    assert "not written in your language" in text
    assert 'name="language" value="nn"' not in text  # nothing to read there


def test_it_keeps_paragraphs_and_shows_markup_as_text(cast):
    publish(cast.alice, text_nb="Første avsnitt\nmed linjeskift.\n\n<script>alert(1)</script>")
    text = text_of(public(cast, "nb"))
    assert "<p>Første avsnitt<br>med linjeskift.</p>" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert" not in text


def test_unpublished_rules_and_unknown_organizations_are_not_found(cast):
    do_save_house_rules(cast.alice, **RULES, is_published=False)
    assert public(cast).status_code == 404
    assert public(cast, slug="finnes-ikke").status_code == 404
    assert public(cast, slug=cast.mallory.organization.slug).status_code == 404  # never written


def test_published_rules_with_no_text_are_not_found(cast):
    do_save_house_rules(cast.alice, text_nb="", text_nn="", text_en="", is_published=True)
    assert public(cast).status_code == 404


# Saved explanations


EXPLANATION = {
    "title": "Hets fjernet",
    "text_nb": "Vi har skjult en kommentar som brøt husreglene.",
    "text_nn": "Vi har gøymt ein kommentar som braut husreglane.",
    "text_en": "",
}


def test_an_admin_saves_an_explanation(cast):
    response = cast.client_for(cast.alice).post(
        "/moderation/explanations/", EXPLANATION, follow=True
    )
    assert "Explanation “Hets fjernet” saved." in text_of(response)
    explanation = Explanation.objects.get(organization=cast.alice.organization)
    assert explanation.text_nn == EXPLANATION["text_nn"] and explanation.text_en == ""


def test_an_explanation_needs_a_title_and_some_text(cast):
    client = cast.client_for(cast.alice)
    text = text_of(client.post("/moderation/explanations/", {"title": "Tom"}))
    assert "Write the text in at least one language." in text
    text = text_of(client.post("/moderation/explanations/", EXPLANATION | {"title": ""}))
    assert "This field is required." in text
    assert not Explanation.objects.exists()


def test_an_admin_edits_and_deletes_an_explanation(cast):
    explanation = do_create_explanation(cast.alice, **EXPLANATION)
    client = cast.client_for(cast.alice)
    url = f"/moderation/explanations/{explanation.pk}/"
    assert "Hets fjernet" in text_of(client.get(url))
    client.post(url, EXPLANATION | {"title": "Trakassering", "text_en": "We hid a comment."})
    explanation.refresh_from_db()
    assert explanation.title == "Trakassering" and explanation.text_en == "We hid a comment."
    client.post(f"{url}delete/")
    assert not Explanation.objects.exists()


def test_a_responder_reads_explanations_but_cannot_change_them(cast):
    explanation = do_create_explanation(cast.alice, **EXPLANATION)
    client = cast.client_for(cast.bob)
    text = text_of(client.get("/moderation/explanations/"))
    assert "Hets fjernet" in text and 'lang="nn">Vi har gøymt ein kommentar' in text
    assert "<textarea" not in text and "/delete/" not in text
    assert client.post("/moderation/explanations/", EXPLANATION).status_code == 403
    url = f"/moderation/explanations/{explanation.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url, EXPLANATION | {"title": "Endret"}).status_code == 403
    assert client.post(f"{url}delete/").status_code == 403
    assert Explanation.objects.get().title == "Hets fjernet"


def test_a_plain_member_does_not_see_explanations(cast):
    assert cast.client_for(cast.carol).get("/moderation/explanations/").status_code == 403


def test_another_organization_neither_sees_nor_touches_explanations(cast):
    ours = do_create_explanation(cast.alice, **EXPLANATION)
    do_create_explanation(cast.mallory, **(EXPLANATION | {"title": "Naboens forklaring"}))
    client = cast.client_for(cast.mallory)
    text = text_of(client.get("/moderation/explanations/"))
    assert "Naboens forklaring" in text and "Hets fjernet" not in text
    url = f"/moderation/explanations/{ours.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, EXPLANATION | {"title": "Kapret"}).status_code == 404
    assert client.post(f"{url}delete/").status_code == 404
    assert Explanation.objects.get(pk=ours.pk).title == "Hets fjernet"


def test_deleting_needs_a_post(cast):
    explanation = do_create_explanation(cast.alice, **EXPLANATION)
    client = cast.client_for(cast.alice)
    assert client.get(f"/moderation/explanations/{explanation.pk}/delete/").status_code == 405
    assert Explanation.objects.exists()


# The organization's words


def test_an_admin_adds_a_word_and_the_page_says_who(cast):
    client = cast.client_for(cast.alice)
    text = text_of(
        client.post("/moderation/lexicon/", {"word": " Kødd ", "kind": "insult"}, follow=True)
    )
    assert "“kødd” added." in text
    entry = LexiconEntry.objects.get(organization=cast.alice.organization)
    assert (entry.word, entry.kind, entry.added_by) == ("kødd", "insult", cast.alice)
    assert "<strong>kødd</strong>" in text and "Insult or slur" in text and "Alice" in text


def test_an_admin_allows_a_word_and_removes_it_again(cast):
    client = cast.client_for(cast.alice)
    client.post("/moderation/lexicon/", {"word": "Helvete", "kind": "allowed"})
    entry = LexiconEntry.objects.get()
    assert entry.kind == "allowed"
    assert "Allowed (not abuse here)" in text_of(client.get("/moderation/lexicon/"))
    client.post(f"/moderation/lexicon/{entry.pk}/delete/")
    assert not LexiconEntry.objects.exists()


def test_a_word_needs_a_word_and_a_kind(cast):
    client = cast.client_for(cast.alice)
    assert "This field is required." in text_of(
        client.post("/moderation/lexicon/", {"kind": "insult"})
    )
    text = text_of(client.post("/moderation/lexicon/", {"word": "kødd", "kind": "rude"}))
    assert "Select a valid choice." in text
    assert not LexiconEntry.objects.exists()


def test_it_says_the_built_in_list_is_always_used_and_how_long_it_is(cast):
    text = text_of(cast.client_for(cast.bob).get("/moderation/lexicon/"))
    assert "always uses its built-in list" in text
    assert f"Insult or slur: {len(DEFAULT['insult'])} words" in text
    assert f"Swearing: {len(DEFAULT['swearing'])} words" in text
    assert f"Threat: {len(DEFAULT['threat'])} words" in text


def test_a_responder_reads_the_words_but_cannot_change_them(cast):
    entry = do_add_lexicon_word(cast.alice, "kødd", "insult")
    client = cast.client_for(cast.bob)
    text = text_of(client.get("/moderation/lexicon/"))
    assert "kødd" in text and "Add a word" not in text and "/delete/" not in text
    assert (
        client.post("/moderation/lexicon/", {"word": "tufs", "kind": "insult"}).status_code == 403
    )
    assert client.post(f"/moderation/lexicon/{entry.pk}/delete/").status_code == 403
    assert list(LexiconEntry.objects.values_list("word", flat=True)) == ["kødd"]


def test_a_plain_member_does_not_see_the_words(cast):
    assert cast.client_for(cast.carol).get("/moderation/lexicon/").status_code == 403


def test_another_organization_neither_sees_nor_removes_the_words(cast):
    ours = do_add_lexicon_word(cast.alice, "kødd", "insult")
    do_add_lexicon_word(cast.mallory, "naboord", "swearing")
    client = cast.client_for(cast.mallory)
    text = text_of(client.get("/moderation/lexicon/"))
    assert "naboord" in text and "kødd" not in text
    assert client.post(f"/moderation/lexicon/{ours.pk}/delete/").status_code == 404
    assert LexiconEntry.objects.filter(pk=ours.pk).exists()


# In a browser


WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_policy_pages_pass_axe_and_the_public_rules_change_language(english_page, cast):
    page = english_page
    publish(cast.alice)
    do_create_explanation(cast.alice, **EXPLANATION)
    do_add_lexicon_word(cast.alice, "kødd", "insult")
    AuditEntry.objects.create(
        organization=cast.alice.organization,
        actor_name="Alice",
        action="hide",
        text="Dere er noen idioter " * 10,
        verdict_before="abusive",
        verdict_after="abusive",
    )
    page.goto(f"/rules/{cast.alice.organization.slug}/")
    assert page.locator(".house-rules-text").get_attribute("lang") == "en"
    assert_accessible(page)
    page.get_by_role("button", name="Norsk nynorsk").click()
    page.wait_for_load_state()
    assert page.locator(".house-rules-text").get_attribute("lang") == "nn"
    assert page.locator("html").get_attribute("lang") == "nn"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator(".house-rules-text").get_attribute("lang") == "en"
    page.goto("/login/")
    page.get_by_label("Username or e-mail").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")
    for path in (
        "/moderation/audit/",
        "/moderation/house-rules/",
        "/moderation/explanations/",
        "/moderation/lexicon/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
