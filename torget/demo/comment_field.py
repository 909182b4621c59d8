"""The website's own comment field in the demo, on an example article Torget serves itself.

Open http://localhost:8000/comments/example/ while Torget answers on http://127.0.0.1:8000:
to the browser the article is another site, as an organization's own website would be, so the
widget talks to Torget across origins exactly as it does in production.
"""

from datetime import timedelta

from django.utils import timezone

from torget.channels.models import Channel
from torget.comments.markup import comment_html
from torget.comments.models import WebsiteComment
from torget.comments.sites import new_widget_id

EXAMPLE_SITE = "http://localhost:8000"
EXAMPLE_PAGE = f"{EXAMPLE_SITE}/comments/example/"
KEY = "kommentarfelt"
QUESTION = "Gjelder dette også for Nordre Fjordby? Vi har hatt henting på fredager i mange år."
ANSWER = (
    "Hei Sigrid! Ja, den nye hentedagen gjelder hele kommunen. Hentekalenderen for adressen "
    "din finner du på fjordby.example/tomming."
)


def connect_comment_field(organization) -> Channel:
    channel = Channel.objects.create(
        organization=organization,
        key=KEY,
        platform="website",
        name="Kommentarfeltet på fjordby.example",
        settings={"widget_id": new_widget_id(), "origins": [EXAMPLE_SITE], "hold": "links"},
    )
    asked = timezone.now() - timedelta(days=2)
    question = shown(channel, "Sigrid Moe", QUESTION, asked)
    shown(channel, organization.name, ANSWER, asked + timedelta(hours=3), question)
    return channel


def shown(channel, name, text, at, answered=None) -> WebsiteComment:
    """Last week's conversation on the article, as the page shows it."""
    return WebsiteComment.objects.create(
        organization_id=channel.organization_id,
        channel=channel,
        page=EXAMPLE_PAGE,
        author_name=name,
        text=text,
        text_html=comment_html(text),
        created_at=at,
        ours=answered is not None,
        in_reply_to=str(answered.external_id) if answered else "",
    )
