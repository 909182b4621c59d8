"""hold_reason: the one place that decides whether a comment waits for review."""

import pytest

from torget.comments.holding import hold_reason
from torget.comments.models import WebsiteComment
from torget.comments.tests.conftest import ARTICLE, post
from torget.inbox.models import Contact
from torget.moderation.models import LexiconEntry, Standing

pytestmark = pytest.mark.django_db


def new(channel, text, name="Kari Nordmann", page=ARTICLE) -> WebsiteComment:
    return WebsiteComment(channel=channel, page=page, author_name=name, text=text)


def publish(channel, name="Kari Nordmann", page=ARTICLE) -> None:
    WebsiteComment.objects.create(
        organization=channel.organization,
        channel=channel,
        page=page,
        author_name=name,
        text="Hei",
        text_html="Hei",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Se https://fjordby.example/tomming",
        "Se www.fjordby.example",
        'Se <a href="https://x.example">her</a>',
        "Skriv til mailto:kari@example.org",
    ],
)
def test_it_holds_a_link(site, text):
    assert hold_reason(site, new(site, text)) == "link"


def test_a_name_published_before_does_not_vouch_for_a_link(site):
    # A robot posts "Hei" under a name, sees it published, then sends its link under it.
    publish(site, name="kari nordmann")
    assert hold_reason(site, new(site, "Se https://fjordby.example/")) == "link"


def test_it_holds_bbcode_links_even_from_a_known_writer(site):
    publish(site)
    assert hold_reason(site, new(site, "[url=https://spam.example]billig[/url]")) == "bbcode"
    assert hold_reason(site, new(site, "[URL]https://spam.example[/URL]")) == "bbcode"


def test_it_publishes_text_without_links_at_once(site):
    assert hold_reason(site, new(site, "Takk for god service i dag!")) == ""


def test_the_channel_chooses_to_hold_everything_or_nothing(site):
    site.settings["hold"] = "all"
    assert hold_reason(site, new(site, "Takk!")) == "all"
    site.settings["hold"] = "none"
    assert hold_reason(site, new(site, "[url=https://spam.example]x[/url]")) == ""
    site.settings["hold"] = "nonsense"  # an unknown mode falls back to the default
    assert hold_reason(site, new(site, "https://x.example")) == "link"


def test_a_held_comment_says_why_on_the_endpoint_and_in_the_record(site):
    response = post(site, text="Billig: [url=https://spam.example]her[/url]")
    assert response.json()["held"] is True
    comment = WebsiteComment.objects.get()
    assert (comment.state, comment.hold_reason) == ("held", "bbcode")
    assert "[url=" in comment.reason_shown


def test_it_holds_what_moderation_would_not_let_stand_in_the_organizations_own_words(site):
    assert hold_reason(site, new(site, "Dere er noen jævla idioter")) == "verdict"
    assert hold_reason(site, new(site, "For noen klovner")) == ""
    LexiconEntry.objects.create(organization=site.organization, word="klovn*", kind="insult")
    assert hold_reason(site, new(site, "For noen klovner")) == "verdict"


def test_it_holds_a_restricted_or_banned_writer_whatever_they_write(site):
    contact = Contact.objects.create(
        organization=site.organization, channel=site.key, handle="ronny@example.org"
    )
    Standing.objects.create(organization=site.organization, contact=contact, kind="banned")
    polite = new(site, "Takk for svaret!")
    polite.author_email = "ronny@example.org"
    assert hold_reason(site, polite) == "writer"
    assert hold_reason(site, new(site, "Takk for svaret!")) == ""  # someone else


def test_a_banned_writer_waits_even_where_the_field_holds_nothing(site):
    contact = Contact.objects.create(
        organization=site.organization, channel=site.key, handle="Ronny"
    )
    Standing.objects.create(organization=site.organization, contact=contact, kind="banned")
    site.settings["hold"] = "none"
    assert hold_reason(site, new(site, "Hei", name="Ronny")) == "writer"
