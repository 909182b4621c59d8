"""insert_all and insert_values store exactly what bulk_create would, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.forms.models import model_to_dict

from torget.inbox.models import Contact, Conversation, Decision, Item, Kind, Status
from torget.system.bulk import MAX_PARAMETERS, insert_all, insert_values

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")
AT = datetime(2026, 3, 29, 1, 59, 30, 123456, tzinfo=OSLO)  # a minute before clocks go forward


def new_thread(organization, suffix: str) -> list[Item]:
    """A contact, a conversation, a post and a reply to it, none of them saved yet."""
    author = Contact(organization=organization, channel="facebook", handle=f"kari{suffix}")
    conversation = Conversation(
        organization=organization, channel="facebook", key=f"p{suffix}", started_at=AT,
        last_activity_at=AT,
    )  # fmt: skip
    common = {"organization": organization, "channel": "facebook", "conversation": conversation}
    post = Item(**common, external_id=f"p{suffix}", kind=Kind.POST, ours=True, received_at=AT)
    reply = Item(
        **common, external_id=f"c{suffix}", kind=Kind.COMMENT, author=author, parent=post,
        text="Når kommer bossbilen? 🗑️", media=[{"url": "https://example.org/a.jpg"}],
        labels=["avfall", "sint"], sentiment=-0.5, received_at=AT.astimezone(UTC),
        due_at=AT + timedelta(hours=6), status=Status.WAITING,
    )  # fmt: skip
    return [author, conversation, post, reply]


def stored(item: Item) -> dict:
    fresh = Item.objects.get(pk=item.pk)
    values = model_to_dict(fresh, exclude=["id", "conversation", "author", "parent"])
    values["updated_at"] = None  # stamped at insert time, differently for each
    values["needs_answer"] = fresh.needs_answer
    return values


def test_it_stores_what_bulk_create_stores(cast):
    organization = cast.alice.organization
    ours = new_thread(organization, "1")
    theirs = new_thread(organization, "2")
    for obj in ours:
        insert_all([obj])
    for obj in theirs:
        type(obj).objects.bulk_create([obj])
    for mine, django in zip(ours[2:], theirs[2:], strict=True):
        expected = stored(django) | {"external_id": mine.external_id}
        assert stored(mine) == expected
    reply = Item.objects.get(pk=ours[3].pk)
    assert (reply.author_id, reply.parent_id) == (ours[0].pk, ours[2].pk)
    assert reply.received_at == AT and reply.needs_answer == 1


def test_the_instances_learn_their_keys_and_stamps(cast):
    author, conversation, post, reply = new_thread(cast.alice.organization, "1")
    insert_all([author])
    insert_all([conversation])
    insert_all([post])
    before = datetime.now(UTC)
    insert_all([reply])
    assert reply.pk and not reply._state.adding
    assert (reply.author_id, reply.conversation_id, reply.parent_id) == (
        author.pk,
        conversation.pk,
        post.pk,
    )
    assert reply.updated_at >= before
    reply.text = "Endret"
    reply.save(update_fields=["text"])  # a saved instance updates, not inserts again
    assert Item.objects.filter(conversation=conversation).count() == 2


def test_more_rows_than_one_statement_holds_all_get_keys_in_order(cast):
    organization = cast.alice.organization
    count = MAX_PARAMETERS // 5 + 7  # a contact has five columns, so this takes two statements
    contacts = [
        Contact(organization=organization, channel="x", handle=f"h{n}", name=f"N{n}")
        for n in range(count)
    ]
    insert_all(contacts)
    by_pk = dict(Contact.objects.filter(channel="x").values_list("pk", "handle"))
    assert len(by_pk) == count
    assert all(by_pk[contact.pk] == contact.handle for contact in contacts)


def test_values_without_instances_take_the_field_defaults(cast):
    author, conversation, post, _reply = new_thread(cast.alice.organization, "1")
    for obj in (author, conversation, post):
        insert_all([obj])
    when = datetime(2026, 10, 25, 2, 30, tzinfo=UTC)
    pks = insert_values(
        Decision,
        [
            {"item_id": post.pk, "field": "team", "new_value": "7", "source": "rule", "at": when},
            {"item_id": post.pk, "field": "response_class", "new_value": "3", "source": "api"},
        ],
    )
    first, second = (Decision.objects.get(pk=pk) for pk in pks)
    assert (first.field, first.new_value, first.at, first.old_value) == ("team", "7", when, "")
    assert first.actor_id is None and first.new_due_at is None
    assert second.source == "api" and second.at is not None
    assert insert_values(Decision, []) == []
