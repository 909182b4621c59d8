"""Our reply from the inbox: delivered by the outbox under the comment, once, in our name."""

import pytest

from torget.channels.actions.outbox import do_deliver
from torget.channels.actions.receiving import do_read_received
from torget.channels.connectors import connector_for
from torget.channels.connectors.base import RefusedError
from torget.channels.models import Outbound
from torget.comments.models import WebsiteComment
from torget.comments.tests.conftest import post, shown
from torget.inbox.actions.items import do_reply_item
from torget.inbox.models import Item, Reply

pytestmark = pytest.mark.django_db


def answered_in_the_inbox(cast, site, text="Hei Kari! Bilen kommer i morgen.") -> Reply:
    post(site)
    do_read_received(site)
    return do_reply_item(cast.bob, Item.objects.get(), text)


def test_it_publishes_our_reply_under_the_comment_in_our_name(cast, site):
    reply = answered_in_the_inbox(cast, site)
    outbound = do_deliver(reply.outbound.pk)
    assert outbound.state == Outbound.State.SENT
    ours = WebsiteComment.objects.get(ours=True)
    visitor = WebsiteComment.objects.get(ours=False)
    assert (ours.in_reply_to, ours.page, ours.state) == (
        str(visitor.external_id),
        visitor.page,
        "published",
    )
    assert outbound.external_id == str(ours.external_id)
    assert outbound.url == f"{visitor.page}#torget-comment-{ours.external_id}"
    [thread] = shown(site).json()["comments"]
    [shown_reply] = thread["replies"]
    assert shown_reply == {
        "id": str(ours.external_id),
        "name": "Bymiljøetaten",
        "html": "Hei Kari! Bilen kommer i morgen.",
        "created_at": ours.created_at.isoformat(),
        "ours": True,
        "in_reply_to": str(visitor.external_id),
    }


def test_a_reply_delivered_twice_is_published_once(cast, site):
    reply = answered_in_the_inbox(cast, site)
    item, key = reply.item, str(reply.outbound.idempotency_key)
    connector = connector_for("website")
    first = connector.reply(site, item, reply.text, key)
    again = connector.reply(site, item, reply.text, key)  # a worker died before recording it
    assert first == again
    assert do_deliver(reply.outbound.pk).external_id == first.external_id
    assert WebsiteComment.objects.filter(ours=True).count() == 1
    assert len(shown(site).json()["comments"][0]["replies"]) == 1


def test_it_escapes_what_the_reply_must_not_carry(cast, site):
    reply = answered_in_the_inbox(
        cast, site, text='Se <a href="javascript:x">her</a><script>x</script>'
    )
    do_deliver(reply.outbound.pk)
    html = WebsiteComment.objects.get(ours=True).text_html
    assert html == 'Se <a rel="nofollow ugc noopener">her</a>'


def test_a_reply_to_a_rejected_comment_is_refused_and_kept(cast, site):
    reply = answered_in_the_inbox(cast, site)
    WebsiteComment.objects.update(state=WebsiteComment.State.REJECTED)
    outbound = do_deliver(reply.outbound.pk)
    assert outbound.state == Outbound.State.FAILED and "rejected" in outbound.last_error
    assert Reply.objects.get().text == reply.text
    assert not WebsiteComment.objects.filter(ours=True).exists()


def test_a_reply_to_a_comment_of_another_channel_is_refused(cast, site, other_site):
    reply = answered_in_the_inbox(cast, site)
    with pytest.raises(RefusedError, match="no comment"):
        connector_for("website").reply(other_site, reply.item, "Hei", "k-1")
    assert not WebsiteComment.objects.filter(ours=True).exists()


def test_hiding_takes_a_comment_off_the_page_and_showing_brings_it_back(cast, site):
    post(site)
    visitor = WebsiteComment.objects.get()
    website = connector_for("website")
    website.hide(site, str(visitor.external_id))
    assert shown(site).json()["comments"] == []
    visitor.refresh_from_db()
    assert (visitor.state, visitor.hold_reason) == ("held", "hidden")
    website.hide(site, str(visitor.external_id), hidden=False)
    assert len(shown(site).json()["comments"]) == 1


def test_deleting_removes_it_for_good_but_keeps_the_record(cast, site):
    post(site)
    visitor = WebsiteComment.objects.get()
    connector_for("website").delete(site, str(visitor.external_id))
    assert shown(site).json()["comments"] == []
    assert WebsiteComment.objects.get().state == "rejected"
    with pytest.raises(RefusedError, match="no comment"):
        connector_for("website").delete(site, "not-a-comment")


def test_approving_in_moderation_publishes_a_comment_the_field_held(cast, site):
    from torget.moderation.actions.moderating import do_moderate

    post(site, text="Dere er noen jævla idioter")  # held on the page until a person says
    do_read_received(site)
    comment = WebsiteComment.objects.get()
    item = Item.objects.get(external_id=str(comment.external_id))
    assert (comment.state, comment.hold_reason, item.verdict.state) == ("held", "verdict", "held")
    entry = do_moderate(cast.alice, item, "approve")
    do_deliver(Outbound.objects.get(audit_entry=entry).pk)
    comment.refresh_from_db()
    assert comment.state == "published"
    assert "Dere er noen" in shown(site).content.decode()


def test_deciding_on_the_held_page_decides_in_moderation_too(cast, site):
    from torget.comments.actions.moderating import do_publish_comment, do_reject_comment
    from torget.moderation.models import AuditEntry

    post(site, text="Dere er noen jævla idioter")
    do_read_received(site)
    comment, item = WebsiteComment.objects.get(), Item.objects.get()
    do_reject_comment(cast.alice, comment)
    assert Item.objects.get().verdict.state == "hidden"
    assert not Outbound.objects.exists()  # the page did it: nothing to send back to it
    do_publish_comment(cast.alice, comment)
    assert Item.objects.get().verdict.state == "approved"
    actions = AuditEntry.objects.filter(item_id=item.pk).order_by("id")
    assert list(actions.values_list("action", flat=True)) == ["judged", "hide", "approve"]
    comment.refresh_from_db()
    assert comment.state == "published"
