"""The moderation queue and the act endpoint every moderation button posts to.

bob (a responder) moderates Bymiljøetaten's queue; mallory, of Naboetaten, must never see or
touch it; carol, a plain member, may neither look nor act."""

from datetime import UTC, datetime

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import count_queries
from torget.channels.models import Channel, Outbound
from torget.channels.tests.test_mastodon_polling import mastodon_channel
from torget.inbox.actions.ingest import do_receive_items
from torget.inbox.api import known_ids
from torget.inbox.ingest import check_item
from torget.inbox.models import Item, Reply
from torget.inbox.tests.conftest import body, receive
from torget.moderation.actions.moderating import do_moderate
from torget.moderation.models import AuditEntry, Explanation, Standing, Verdict

pytestmark = pytest.mark.django_db

LOAN_SPAM = "Trenger du penger raskt? Forbrukslån uten sikkerhet! Søk her: https://bit.ly/raskt-lan"
INSULT = "Dere er noen jævla idioter alle sammen"
THREAT = "Jeg vet hvor du bor, saksbehandler"
QUESTION = "Når blir glasset hentet i Tøyengata?"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def writer(n: int) -> dict:
    return {"name": f"Skribent {n}", "handle": f"skribent{n}"}


def hold(*items: Item) -> list[Item]:
    Verdict.objects.filter(item__in=items).update(state=Verdict.State.HELD)
    return list(items)


def held(cast, *texts: str) -> list[Item]:
    """Items of Bymiljøetaten waiting for a moderator, oldest first, each from its own writer."""
    bodies = [
        body(f"c{n}", text=text, author=writer(n), received_at=f"2026-11-20T10:{n:02d}:00+01:00")
        for n, text in enumerate(texts)
    ]
    return hold(*receive(cast, *bodies))


def held_for(member, *texts: str) -> list[Item]:
    """The same for another organization's member."""
    checked = [
        check_item(body(f"x{n}", text=text, author=writer(n)), *known_ids(member))
        for n, text in enumerate(texts)
    ]
    return hold(*[r.item for r in do_receive_items(member.organization, checked)])


def act(client, **data):
    return client.post("/moderation/act/", data, follow=True)


def moderated():
    """What moderators did, leaving out what Torget itself recorded as items arrived."""
    return AuditEntry.objects.filter(actor_id__isnull=False)


def states(*items: Item) -> list[str]:
    return [Verdict.objects.get(item=item).state for item in items]


# The queue


def test_it_lists_only_the_held_items_of_the_members_organization(cast):
    held(cast, LOAN_SPAM)
    receive(cast, body("c9", text=QUESTION, author=writer(9)))
    held_for(cast.mallory, "Naboetatens hemmelige spam https://bit.ly/nabo")
    page = cast.client_for(cast.bob).get("/moderation/").content.decode()
    assert "bit.ly/raskt-lan" in page
    assert QUESTION not in page and "Naboetaten" not in page.split("<main")[1]
    assert "1 item is waiting." in page


def test_it_shows_threats_first_then_the_longest_waiting(cast):
    held(cast, LOAN_SPAM, INSULT, THREAT)
    page = cast.client_for(cast.bob).get("/moderation/").content.decode()
    assert page.index("saksbehandler") < page.index("bit.ly") < page.index("idioter")


def test_each_item_shows_writer_channel_time_verdict_reasons_and_scores(cast):
    [spam] = held(cast, LOAN_SPAM)
    page = cast.client_for(cast.bob).get("/moderation/").content.decode()
    assert "Skribent 0" in page and "skribent0" in page and "facebook" in page
    assert "Nov. 20, 2026, 10 a.m." in page  # Oslo time, as it was received
    assert 'class="badge verdict-spam">Spam<' in page and "A link shortener" in page
    assert f"spam {spam.verdict.spam_score:.2f}" in page
    assert f'name="items" value="{spam.pk}"' in page


def test_it_says_the_time_in_norwegian_for_norwegian_readers(cast, settings):
    settings.LANGUAGE_CODE = "nb"
    held(cast, LOAN_SPAM)
    page = cast.client_for(cast.bob).get("/moderation/").content.decode()
    assert "20. november 2026 10:00" in page


def test_it_filters_by_verdict(cast):
    held(cast, LOAN_SPAM, INSULT)
    client = cast.client_for(cast.bob)
    spam_only = client.get("/moderation/?verdict=spam").content.decode()
    assert "bit.ly" in spam_only and "idioter" not in spam_only
    assert 'Spam <span class="count">(1)</span>' in spam_only
    assert 'All <span class="count">(2)</span>' in spam_only
    abusive_only = client.get("/moderation/?verdict=abusive").content.decode()
    assert "idioter" in abusive_only and "bit.ly" not in abusive_only
    nothing = client.get("/moderation/?verdict=threat").content.decode()
    assert "Nothing with this verdict is waiting." in nothing


def test_an_unknown_filter_shows_everything(cast):
    held(cast, LOAN_SPAM, INSULT)
    page = cast.client_for(cast.bob).get("/moderation/?verdict=<script>").content.decode()
    assert "bit.ly" in page and "idioter" in page and "<script>" not in page.split("<main")[1]


def test_it_says_when_nothing_waits(cast):
    receive(cast, body("c1", text=QUESTION))
    page = cast.client_for(cast.bob).get("/moderation/").content.decode()
    assert "Nothing is waiting for a moderator." in page and 'id="queue-form"' not in page


def test_it_shows_fifty_a_page(cast):
    held(cast, *[f"Kjøp billig nå {n} https://bit.ly/k{n}" for n in range(51)])
    client = cast.client_for(cast.bob)
    first = client.get("/moderation/").content.decode()
    assert first.count('name="items"') == 50 and "Page 1 of 2" in first
    second = client.get("/moderation/?page=2").content.decode()
    assert second.count('name="items"') == 1 and "bit.ly/k50" in second


def test_it_lists_in_the_same_number_of_queries_for_more_items(cast):
    client = cast.client_for(cast.bob)
    held(cast, LOAN_SPAM)
    before = count_queries(client, "/moderation/")
    held_for(cast.alice, *[f"Kjøp billig nå {n} https://bit.ly/k{n}" for n in range(6)])
    assert count_queries(client, "/moderation/") == before


def test_it_offers_the_organizations_explanations(cast):
    Explanation.objects.create(organization=cast.alice.organization, title="Hets fjernet")
    Explanation.objects.create(organization=cast.mallory.organization, title="Naboens tekst")
    held(cast, LOAN_SPAM)
    page = cast.client_for(cast.bob).get("/moderation/").content.decode()
    assert "Hets fjernet" in page and "Naboens tekst" not in page


def test_it_needs_a_login(cast):
    assert Client().get("/moderation/").status_code == 302
    assert Client().post("/moderation/act/", {"action": "approve"}).status_code == 302


def test_a_plain_member_may_not_see_the_queue(cast):
    held(cast, LOAN_SPAM)
    response = cast.client_for(cast.carol).get("/moderation/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "This needs the role Responder or higher." in page and "bit.ly" not in page


# Acting


def test_bulk_approve_approves_each_and_puts_it_on_record(cast):
    spam, insult = held(cast, LOAN_SPAM, INSULT)
    client = cast.client_for(cast.bob)
    response = act(client, action="approve", items=[spam.pk, insult.pk], next="/moderation/")
    assert states(spam, insult) == ["approved", "approved"]
    entries = AuditEntry.objects.filter(action="approve")
    assert sorted(entries.values_list("item_id", flat=True)) == sorted([spam.pk, insult.pk])
    assert {entry.actor_id for entry in entries} == {cast.bob.pk}
    page = response.content.decode()
    assert "Approve: done for 2 items." in page and "Nothing is waiting for a moderator." in page


def test_bulk_hide_hides_posts_the_explanation_and_says_what_the_platform_did(cast):
    spam, insult = held(cast, LOAN_SPAM, INSULT)
    explanation = Explanation.objects.create(
        organization=cast.alice.organization, title="Fjernet", text_nb="Vi har skjult en kommentar."
    )
    response = act(
        cast.client_for(cast.bob),
        action="hide",
        items=[spam.pk, insult.pk],
        explanation=explanation.pk,
        reason="Brudd på husreglene",
        next="/moderation/",
    )
    assert states(spam, insult) == ["hidden", "hidden"]
    assert (
        list(AuditEntry.objects.filter(action="hide").values_list("reason", flat=True))
        == ["Brudd på husreglene"] * 2
    )
    assert Reply.objects.filter(text="Vi har skjult en kommentar.").count() == 2
    page = response.content.decode()
    assert "Hide: done for 2 items." in page
    outcome = AuditEntry.objects.filter(action="hide").first().outcome
    assert outcome and page.count(outcome) == 1  # said once, not once per item


def test_it_says_once_what_a_platform_would_not_do(cast):
    mastodon_channel(cast.alice.organization)
    mentions = [
        body(f"m{n}", channel="mastodon", kind="mention", text=LOAN_SPAM, author=writer(n))
        for n in range(2)
    ]
    items = hold(*receive(cast, *mentions))
    page = act(cast.client_for(cast.bob), action="hide", items=[item.pk for item in items])
    text = page.content.decode()
    assert "Hide: done for 2 items." in text and text.count("Mastodon does not let") == 1
    assert states(*items) == ["hidden", "hidden"]


def test_it_goes_back_to_the_page_it_came_from(cast):
    [spam] = held(cast, LOAN_SPAM)
    client = cast.client_for(cast.bob)
    back = client.post(
        "/moderation/act/",
        {"action": "approve", "items": [spam.pk], "next": "/moderation/?verdict=spam"},
    )
    assert back.status_code == 302 and back["Location"] == "/moderation/?verdict=spam"


def test_it_never_goes_back_to_another_site(cast):
    [spam] = held(cast, LOAN_SPAM)
    client = cast.client_for(cast.bob)
    for elsewhere in ("https://evil.example/", "//evil.example/x"):
        back = client.post(
            "/moderation/act/", {"action": "approve", "items": [spam.pk], "next": elsewhere}
        )
        assert back["Location"] == "/moderation/"


def test_a_member_of_another_organization_cannot_act_on_its_items(cast):
    theirs = held(cast, LOAN_SPAM, INSULT)
    [own] = held_for(cast.mallory, "Naboetatens egen spam https://bit.ly/nabo")
    client = cast.client_for(cast.mallory)
    for items in ([theirs[0].pk], [own.pk, *[item.pk for item in theirs]]):
        page = act(client, action="delete", items=items).content.decode()
        assert "Some of the chosen items do not exist here. Nothing was done." in page
    assert states(*theirs, own) == ["held", "held", "held"]
    assert not moderated().exists()


def test_it_refuses_another_organizations_explanation(cast):
    [spam] = held(cast, LOAN_SPAM)
    foreign = Explanation.objects.create(organization=cast.mallory.organization, title="Nabo")
    page = act(
        cast.client_for(cast.bob), action="hide", items=[spam.pk], explanation=foreign.pk
    ).content.decode()
    assert "That explanation does not exist here." in page and states(spam) == ["held"]


@pytest.mark.parametrize(
    "data, error",
    [
        ({"action": "approve"}, "Choose at least one item first."),
        ({"action": "explode", "items": "ITEM"}, "That is not a moderation action."),
        ({"items": "ITEM"}, "Choose what to do."),
        ({"action": "hide", "items": "nonsense"}, "Some of the chosen items do not exist here."),
    ],
)
def test_bad_input_says_what_is_wrong_and_changes_nothing(cast, data, error):
    [spam] = held(cast, LOAN_SPAM)
    data = {key: spam.pk if value == "ITEM" else value for key, value in data.items()}
    page = act(cast.client_for(cast.bob), **data).content.decode()
    assert error in page and 'class="message error"' in page
    assert states(spam) == ["held"] and not moderated().exists()


def test_a_plain_member_is_refused_and_nothing_changes(cast):
    [spam] = held(cast, LOAN_SPAM)
    response = act(cast.client_for(cast.carol), action="hide", items=[spam.pk])
    assert response.status_code == 403
    assert "This needs the role Responder or higher." in response.content.decode()
    assert states(spam) == ["held"] and not moderated().exists()


def test_a_role_too_low_for_the_action_is_told_so_and_nothing_changes(cast):
    spam, insult = held(cast, LOAN_SPAM, INSULT)
    page = act(cast.client_for(cast.bob), action="delete", items=[spam.pk, insult.pk])
    assert "This needs the role Editor or higher." in page.content.decode()
    assert states(spam, insult) == ["held", "held"] and not moderated().exists()


def test_it_only_takes_posts(cast):
    assert cast.client_for(cast.bob).get("/moderation/act/").status_code == 405


def test_banning_from_the_queue_bans_the_writer(cast):
    [insult] = held(cast, INSULT)
    act(cast.client_for(cast.alice), action="ban", items=[insult.pk])
    assert Standing.objects.get(contact=insult.author).kind == Standing.Kind.BANNED


# The controls on one item


def render_controls(cast, item, standing=None, steps=()):
    request = RequestFactory().get(f"/inbox/{item.pk}/")
    request.user, request.membership = cast.bob.user, cast.bob
    context = {
        "item": item,
        "verdict": Verdict.objects.filter(item=item).first(),
        "explanations": Explanation.objects.filter(organization=cast.alice.organization),
        "standing": standing,
        "steps": list(steps),
    }
    return render_to_string("moderation/partials/controls.html", context, request=request)


def test_the_item_controls_post_one_item_and_come_back_to_it(cast):
    [spam] = held(cast, LOAN_SPAM)
    html = render_controls(cast, spam)
    assert f'name="items" value="{spam.pk}"' in html
    assert f'name="next" value="/inbox/{spam.pk}/"' in html
    assert 'value="hide"' in html and 'value="unhide"' not in html
    back = cast.client_for(cast.bob).post(
        "/moderation/act/", {"action": "hide", "items": spam.pk, "next": f"/inbox/{spam.pk}/"}
    )
    assert back["Location"] == f"/inbox/{spam.pk}/" and states(spam) == ["hidden"]
    assert 'value="unhide"' in render_controls(cast, spam)


def test_the_item_controls_show_the_writers_standing(cast):
    [insult] = held(cast, INSULT)
    standing = Standing.objects.create(
        organization=cast.alice.organization,
        contact=insult.author,
        kind=Standing.Kind.BANNED,
        reason="Gjentatte trusler",
    )
    html = render_controls(cast, insult, standing)
    assert "The writer: Banned" in html and "Gjentatte trusler" in html
    assert 'value="unban"' in html and 'value="ban"' not in html


def test_the_item_controls_work_for_an_item_never_judged(cast):
    [post] = receive(cast, body("p1", kind="post", ours=True, text="Vårt innlegg"))
    html = render_controls(cast, post)
    assert 'value="approve"' in html and 'value="hide"' in html


ITEM_ACTIONS = ("approve", "unhide", "hide", "hold", "mark_spam", "mark_not_spam", "delete")


def test_a_deleted_item_offers_only_what_can_be_done_to_its_writer(cast):
    [insult] = held(cast, INSULT)
    Verdict.objects.filter(item=insult).update(state=Verdict.State.DELETED)
    html = render_controls(cast, insult)
    assert "This item was deleted. It cannot be brought back." in html
    assert 'value="restrict"' in html and 'value="ban"' in html
    assert not [action for action in ITEM_ACTIONS if f'value="{action}"' in html]
    assert "Explanation to post when hiding" not in html


def test_a_deleted_item_still_lets_a_restriction_be_lifted(cast):
    [insult] = held(cast, INSULT)
    Verdict.objects.filter(item=insult).update(state=Verdict.State.DELETED)
    standing = Standing.objects.create(
        organization=cast.alice.organization, contact=insult.author, kind=Standing.Kind.RESTRICTED
    )
    html = render_controls(cast, insult, standing)
    assert 'value="unrestrict"' in html and 'value="ban"' in html
    assert 'value="restrict"' not in html and 'value="approve"' not in html


# What went to the platform


def facebook_channel(cast) -> Channel:
    return Channel.objects.create(
        organization=cast.alice.organization, platform="facebook", key="facebook", name="Facebook"
    )


def hidden_on_facebook(cast) -> tuple[Item, Outbound]:
    facebook_channel(cast)
    [spam] = held(cast, LOAN_SPAM)
    do_moderate(cast.bob, spam, "hide")
    return spam, Outbound.objects.get(audit_entry__item_id=spam.pk)


def test_the_item_page_says_when_the_platform_refused_a_step(cast):
    spam, step = hidden_on_facebook(cast)
    Outbound.objects.filter(pk=step.pk).update(
        state=Outbound.State.FAILED, last_error="Token expired"
    )
    page = cast.client_for(cast.bob).get(reverse("inbox-item", args=[spam.pk])).content.decode()
    assert "On the platform" in page and "Token expired" in page


def test_the_controls_list_each_step_with_its_state_and_oslo_time(cast):
    spam, step = hidden_on_facebook(cast)
    Outbound.objects.filter(pk=step.pk).update(
        state=Outbound.State.FAILED,
        last_error="Token expired",
        attempts=3,
        created_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    )
    html = render_controls(cast, spam, steps=Outbound.objects.filter(pk=step.pk))
    assert "On the platform" in html
    assert '<li class="message error"><strong>Hide</strong>:' in html
    assert "<strong>Failed</strong>" in html and "(tried 3 times)" in html
    assert "The platform said: Token expired" in html
    assert "Nov. 20, 2026, 10:30 a.m." in html  # Oslo time


def test_a_step_on_its_way_shows_no_error(cast):
    spam, step = hidden_on_facebook(cast)
    Outbound.objects.filter(pk=step.pk).update(
        state=Outbound.State.SENT, last_error="Timeout", attempts=2
    )
    html = render_controls(cast, spam, steps=Outbound.objects.filter(pk=step.pk))
    assert "<strong>Hide</strong>:" in html and "Sent" in html
    assert "Timeout" not in html and "message error" not in html


def test_the_controls_say_nothing_of_the_platform_when_nothing_went_out(cast):
    [spam] = held(cast, LOAN_SPAM)
    assert "On the platform" not in render_controls(cast, spam)


def test_the_menu_offers_moderation_only_to_those_who_moderate(inbox):
    moderation = b'href="/moderation/"'
    assert moderation in inbox.client_for(inbox.bob).get("/inbox/").content
    assert moderation not in inbox.client_for(inbox.carol).get("/inbox/").content


def test_the_inbox_list_says_which_items_wait_for_a_moderator(inbox):
    receive(inbox, body("c1", text="Idioter."), body("c2", text="Når tømmes glasset?"))
    page = inbox.client_for(inbox.bob).get("/inbox/", {"status": "all"}).content.decode()
    assert page.count("Held for a moderator") == 1


def test_the_queue_says_what_the_classifiers_have_learnt(inbox):
    from torget.inbox.models import TrainedClassifier

    TrainedClassifier.objects.create(
        organization=inbox.alice.organization,
        field="spam",
        data=b"",
        examples=42,
        macro_f1=0.91,
        baseline_accuracy=0.6,
    )
    page = inbox.client_for(inbox.bob).get("/moderation/").content.decode()
    assert "trained on 42 decisions" in page and "0.91" in page
    assert "not trained yet" in page  # abuse
    other = inbox.client_for(inbox.mallory).get("/moderation/").content.decode()
    assert "trained on 42" not in other
