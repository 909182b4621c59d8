"""Receiving items: idempotent on (channel, external id), threaded, triaged, given a due time.

A batch is read with a handful of queries up front (what already exists, who wrote, what they
answer, which conversations they join), built in memory, and written with one insert per table
(items in as many inserts as the batch's threads are deep), so the cost per item is close to
that of a plain bulk insert.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from torget.inbox.actions.assignment import do_deal_out
from torget.inbox.actions.storms import do_detect_storms
from torget.inbox.due import Schedules, due_for
from torget.inbox.ingest import ItemIn
from torget.inbox.language import languages_of
from torget.inbox.models import (
    Contact,
    Conversation,
    Decision,
    Item,
    ItemRevision,
    Kind,
    ResponseClass,
    Status,
    TriageRule,
)
from torget.inbox.queries import forget_census
from torget.inbox.sanitize import text_to_html
from torget.inbox.sentiment import sentiment_of, tone
from torget.inbox.suggestions import Suggester
from torget.inbox.triage import Facts, Rule, apply_rules
from torget.moderation.actions.arrivals import do_escalate_threats, do_moderate_arrivals
from torget.moderation.actions.judging import do_judge_items, do_rejudge_items
from torget.orgs.models import Assignment, Organization, Team
from torget.system.bulk import insert_all, insert_values

PRIVATE_KINDS = {Kind.MESSAGE, Kind.EMAIL}
OSLO = ZoneInfo(settings.TIME_ZONE)


@dataclass
class Received:
    item: Item
    created: bool
    updated: bool


class Batch:
    """What a batch of items needs from the database, fetched once, and what it will write."""

    def __init__(self, organization: Organization, bodies: list[ItemIn]):
        self.organization = organization
        self.languages = languages_of([body.text for body in bodies])
        scope = {"organization": organization}
        self.classes = {c.pk: c for c in ResponseClass.objects.filter(**scope)}
        self.default_class = next((c for c in self.classes.values() if c.is_default), None)
        self.rules = [as_rule(rule) for rule in TriageRule.objects.filter(**scope, is_active=True)]
        self.schedules = Schedules(organization.pk)
        self.suggester = Suggester.load(organization)
        ids = {(b.channel, b.external_id) for b in bodies} | {
            (b.channel, b.in_reply_to) for b in bodies
        }
        items = Item.objects.filter(**scope)
        found = per_channel(items.select_related("conversation"), "external_id", ids)
        self.items: dict[tuple[str, str], Item] = {(i.channel, i.external_id): i for i in found}
        authors = {(b.channel, b.author_handle) for b in bodies}
        self.contacts = {
            (c.channel, c.handle): c
            for c in per_channel(Contact.objects.filter(**scope), "handle", authors)
        }
        keys = self.conversation_keys(bodies)
        self.conversations = {
            (c.channel, c.key): c
            for c in per_channel(Conversation.objects.filter(**scope), "key", keys)
        }
        # Conversations whose key is a post of ours: comments there are "on our post".
        posts = items.filter(ours=True, kind=Kind.POST).values_list("channel", "external_id")
        self.our_posts = set(per_channel(posts, "external_id", keys))
        self.new_items: list[Item] = []
        self.new_contacts: list[Contact] = []
        self.new_conversations: list[Conversation] = []
        self.revisions: list[ItemRevision] = []
        self.edited: dict[int, Item] = {}  # items stored earlier whose text changed: judged again
        # Decisions as rows, not instances: there are about two for every item.
        self.decisions: list[tuple[Item, dict]] = []
        self.now = timezone.now()
        self.triage_sources: dict[int, tuple[str, str]] = {}  # id() of a new item → sources

    def conversation_keys(self, bodies: list[ItemIn]) -> set[tuple[str, str]]:
        """Every (channel, key) a conversation of this batch could have (see conversation_key)."""
        keys = {(item.channel, item.conversation.key) for item in self.items.values()}
        for body in bodies:
            for key in (body.external_id, body.in_reply_to, f"dm:{body.author_handle}"):
                keys.add((body.channel, key))
        return keys


def per_channel(rows: QuerySet, field: str, pairs: set[tuple[str, str]]) -> list:
    """The rows whose `field` is among the values, read with one query per channel: each then
    seeks an index that begins (organization, channel, field) on SQLite and PostgreSQL alike.
    Asked all at once (one IN over all channels, or channels OR-ed), both planners chose to
    read every item of the organization instead."""
    values: dict[str, set[str]] = defaultdict(set)
    for channel, value in pairs:
        if value:
            values[channel].add(value)
    found = []
    for channel, wanted in values.items():
        found += rows.filter(channel=channel, **{f"{field}__in": wanted}).order_by()
    return found


def as_rule(rule: TriageRule) -> Rule:
    return Rule(
        rule.name, rule.conditions, rule.response_class_id, rule.team_id, tuple(rule.labels)
    )


@transaction.atomic
def do_receive_items(organization: Organization, bodies: list[ItemIn]) -> list[Received]:
    batch = Batch(organization, bodies)
    received = [receive(batch, body) for body in bodies]
    adopt_children_in_batch(batch)
    suggest_classes(batch)
    save(batch)
    do_moderate_arrivals(
        do_judge_items(batch.new_items, {contact.pk for contact in batch.new_contacts})
    )
    do_escalate_threats(do_rejudge_items(list(batch.edited.values())))
    adopt_waiting_children(batch)
    mark_answered_by_us(batch)
    deal_out_new_items(batch.new_items)
    do_detect_storms(earliest_arrivals(batch.new_items))
    forget_census(organization.pk)
    return received


def receive(batch: Batch, body: ItemIn) -> Received:
    existing = batch.items.get((body.channel, body.external_id))
    if existing is not None:
        return Received(existing, created=False, updated=update_text(batch, existing, body))
    item = build_item(batch, body)
    batch.items[(item.channel, item.external_id)] = item
    batch.new_items.append(item)
    return Received(item, created=True, updated=False)


def update_text(batch: Batch, item: Item, body: ItemIn) -> bool:
    """An edit on the platform: the new text replaces the old, which is kept as history. Only
    its own writer edits an item: an id someone else can choose (an e-mail's Message-ID) must
    not let them rewrite another person's words."""
    if body.text == item.text or not same_writer(batch, item, body):
        return False
    batch.revisions.append(ItemRevision(item=item, text=item.text))
    item.text, item.html = body.text, text_to_html(body.text)
    item.language = batch.languages[body.text]
    item.sentiment = sentiment_of(body.text, item.language)
    if item.pk is not None:  # one received earlier in this batch is inserted with its last text
        item.save(update_fields=["text", "html", "language", "sentiment", "updated_at"])
        batch.edited[item.pk] = item
    return True


def same_writer(batch: Batch, item: Item, body: ItemIn) -> bool:
    contact = batch.contacts.get((body.channel, body.author_handle))
    if contact is None:
        return False
    return contact is item.author if item.pk is None else contact.pk == item.author_id


def build_item(batch: Batch, body: ItemIn) -> Item:
    parent = batch.items.get((body.channel, body.in_reply_to)) if body.in_reply_to else None
    item = Item(
        organization=batch.organization,
        channel=body.channel,
        external_id=body.external_id,
        kind=body.kind,
        ours=body.ours,
        author=contact_for(batch, body),
        text=body.text,
        html=text_to_html(body.text),
        media=body.media,
        parent=parent,
        in_reply_to=body.in_reply_to,
        received_at=body.received_at,
        language=batch.languages[body.text],
    )
    item.sentiment = sentiment_of(body.text, item.language)
    item.conversation = conversation_for(batch, body, parent)
    if body.ours:
        item.status, item.closed_at = Status.CLOSED, body.received_at
    else:
        batch.triage_sources[id(item)] = triage(batch, item, body)
    return item


def contact_for(batch: Batch, body: ItemIn) -> Contact:
    key = (body.channel, body.author_handle)
    contact = batch.contacts.get(key)
    if contact is None:
        contact = Contact(
            organization=batch.organization,
            channel=body.channel,
            handle=body.author_handle,
            name=body.author_name,
            profile_url=body.author_url,
        )
        batch.contacts[key] = contact
        batch.new_contacts.append(contact)
    return contact


def conversation_key(body: ItemIn, parent: Item | None) -> str:
    if parent is not None:
        return parent.conversation.key
    if body.kind in PRIVATE_KINDS:
        return f"dm:{body.author_handle}"
    # A comment whose post has not arrived yet joins the post's conversation by its id.
    return body.in_reply_to or body.external_id


def conversation_for(batch: Batch, body: ItemIn, parent: Item | None) -> Conversation:
    key = (body.channel, conversation_key(body, parent))
    conversation = batch.conversations.get(key)
    if conversation is None:
        conversation = Conversation(
            organization=batch.organization,
            channel=key[0],
            key=key[1],
            started_at=body.received_at,
            last_activity_at=body.received_at,
        )
        batch.conversations[key] = conversation
        batch.new_conversations.append(conversation)
    conversation.last_activity_at = max(conversation.last_activity_at, body.received_at)
    if body.ours and body.kind == Kind.POST:
        batch.our_posts.add((body.channel, body.external_id))
    return conversation


def facts_of(batch: Batch, item: Item, body: ItemIn) -> Facts:
    return Facts(
        text=body.text,
        channel=body.channel,
        kind=body.kind,
        author=body.author_handle,
        language=item.language,
        on_our_post=(item.channel, item.conversation.key) in batch.our_posts,
        local_time=body.received_at.astimezone(OSLO).time(),
        tone=tone(item.sentiment),
    )


def triage(batch: Batch, item: Item, body: ItemIn) -> tuple[str, str]:
    """Sets class, team and labels by the rules or the request; returns who decided them.

    The learnt classifier fills what is still open once the whole batch is built.
    """
    outcome = apply_rules(batch.rules, facts_of(batch, item, body))
    chosen = body.response_class or outcome.response_class
    item.response_class = batch.classes.get(chosen) if chosen else None
    item.team_id = body.team or outcome.team
    item.labels = outcome.labels
    class_source = Decision.Source.API if body.response_class else Decision.Source.RULE
    return class_source, Decision.Source.API if body.team else Decision.Source.RULE


def suggest_classes(batch: Batch) -> None:
    """The classifier's suggestion for every new item; it decides where nothing else did."""
    open_items = [item for item in batch.new_items if id(item) in batch.triage_sources]
    suggestions = batch.suggester.suggest_many(open_items)
    for item, suggestion in zip(open_items, suggestions, strict=True):
        class_source, team_source = batch.triage_sources[id(item)]
        if suggestion is not None:
            item.suggested_class = batch.classes.get(suggestion.class_id)
            item.suggestion_confidence = suggestion.confidence
        if item.response_class is None and suggestion is not None and suggestion.confident:
            item.response_class = batch.classes.get(suggestion.class_id)
            class_source = Decision.Source.CLASSIFIER
        if item.response_class is None and batch.default_class is not None:
            item.response_class, class_source = batch.default_class, Decision.Source.DEFAULT
        item.due_at = due_for(item.response_class, item.received_at, batch.schedules)
        record_triage(batch, item, (class_source, team_source))


def record_triage(batch: Batch, item: Item, sources: tuple[str, str]) -> None:
    for field, value, source in (
        ("response_class", item.response_class_id, sources[0]),
        ("team", item.team_id, sources[1]),
    ):
        if value is not None:
            decision = {"field": field, "new_value": str(value), "source": source}
            batch.decisions.append((item, decision | {"new_due_at": item.due_at, "at": batch.now}))


def adopt_children_in_batch(batch: Batch) -> None:
    """A reply received before what it answers, both in this batch, gets its parent now."""
    for item in batch.new_items:
        if item.parent is None and item.in_reply_to:
            parent = batch.items.get((item.channel, item.in_reply_to))
            if parent is not None and item not in ancestors(parent):
                item.parent = parent


def ancestors(item: Item) -> list[Item]:
    """The item and its parents as far as they are in memory (a guard against cycles)."""
    chain = [item]
    while Item.parent.is_cached(chain[-1]) and chain[-1].parent is not None:
        if chain[-1].parent in chain:
            break
        chain.append(chain[-1].parent)
    return chain


def save(batch: Batch) -> None:
    insert_all(batch.new_contacts)
    insert_all(batch.new_conversations)
    for generation in generations(batch.new_items):
        insert_all(generation)
    insert_all(batch.revisions)
    insert_values(Decision, [{"item_id": item.pk, **row} for item, row in batch.decisions])
    old_conversations = set(batch.conversations.values()) - set(batch.new_conversations)
    # Only ever forwards, so a batch received at the same time with later items is not undone.
    update_many(
        "UPDATE inbox_conversation SET last_activity_at = %s "
        "WHERE id = %s AND last_activity_at < %s",
        [(c.last_activity_at, c.pk, c.last_activity_at) for c in old_conversations],
    )


def update_many(sql: str, rows: list[tuple]) -> None:
    """One statement run for many rows: far cheaper than bulk_update's CASE per row."""
    adapt = connection.ops.adapt_datetimefield_value
    rows = [tuple(adapt(v) if isinstance(v, datetime) else v for v in row) for row in rows]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def generations(items: list[Item]) -> list[list[Item]]:
    """New items grouped so that every parent is inserted before its replies."""
    depth: dict[int, int] = {}

    def depth_of(item: Item) -> int:
        if id(item) not in depth:
            parent = item.parent
            depth[id(item)] = 0 if parent is None or parent.pk else depth_of(parent) + 1
        return depth[id(item)]

    grouped: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        grouped[depth_of(item)].append(item)
    return [grouped[level] for level in sorted(grouped)]


def adopt_waiting_children(batch: Batch) -> None:
    """Replies stored earlier, before what they answer, get their parent from this batch."""
    new = {(item.channel, item.external_id): item for item in batch.new_items}
    # Without an "IS NULL" on parent, which PostgreSQL would rather seek by than by the reply.
    replies = Item.objects.filter(organization=batch.organization).values_list(
        "pk", "channel", "in_reply_to", "parent_id"
    )
    children: dict[Item, list[int]] = defaultdict(list)
    for pk, channel, in_reply_to, parent_id in per_channel(replies, "in_reply_to", set(new)):
        parent = new.get((channel, in_reply_to))
        if parent_id is None and parent is not None and pk not in {a.pk for a in ancestors(parent)}:
            children[parent].append(pk)
    for parent, pks in children.items():
        Item.objects.filter(pk__in=pks).update(parent=parent)


def mark_answered_by_us(batch: Batch) -> None:
    """Our own reply, received from the platform, answers what it replies to."""
    answered = {}
    for reply in batch.new_items:
        parent = reply.parent
        if reply.ours and parent is not None and not parent.ours and parent.answered_at is None:
            parent.status, parent.answered_at = Status.ANSWERED, reply.received_at
            answered[parent.pk] = parent
    update_many(
        "UPDATE inbox_item SET status = %s, answered_at = %s WHERE id = %s AND answered_at IS NULL",
        [(Status.ANSWERED.value, p.answered_at, p.pk) for p in answered.values()],
    )


def earliest_arrivals(items: list[Item]) -> dict[Conversation, datetime]:
    """For each conversation, the earliest of the citizens' items just received in it."""
    earliest: dict[Conversation, datetime] = {}
    for item in items:
        if not item.ours:
            known = earliest.get(item.conversation, item.received_at)
            earliest[item.conversation] = min(known, item.received_at)
    return earliest


def deal_out_new_items(items: list[Item]) -> None:
    team_ids = {item.team_id for item in items if item.team_id}
    now = timezone.now()
    for team in Team.objects.filter(pk__in=team_ids).exclude(assignment=Assignment.MANUAL):
        do_deal_out(team, now)
