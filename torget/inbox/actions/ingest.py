"""Receiving items: idempotent on (channel, external id), threaded, triaged, given a due time.

A batch is read with a handful of queries up front (what already exists, who wrote, what they
answer), so the cost per item is its own inserts.
"""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from torget.inbox.actions.assignment import do_deal_out
from torget.inbox.actions.storms import do_detect_storm
from torget.inbox.due import Schedules, due_for
from torget.inbox.ingest import ItemIn
from torget.inbox.language import detect_language, detect_languages
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
from torget.inbox.sanitize import text_to_html
from torget.inbox.suggestions import Suggester
from torget.inbox.triage import Facts, Rule, apply_rules
from torget.orgs.models import Assignment, Organization, Team

PRIVATE_KINDS = {Kind.MESSAGE, Kind.EMAIL}
OSLO = ZoneInfo(settings.TIME_ZONE)


@dataclass
class Received:
    item: Item
    created: bool
    updated: bool


class Batch:
    """What a batch of items needs from the database, fetched once."""

    def __init__(self, organization: Organization, bodies: list[ItemIn]):
        self.organization = organization
        scope = {"organization": organization}
        self.classes = {c.pk: c for c in ResponseClass.objects.filter(**scope)}
        self.default_class = next((c for c in self.classes.values() if c.is_default), None)
        self.rules = [as_rule(rule) for rule in TriageRule.objects.filter(**scope, is_active=True)]
        self.schedules = Schedules(organization.pk)
        self.suggester = Suggester.load(organization)
        ids = {(b.channel, b.external_id) for b in bodies} | {
            (b.channel, b.in_reply_to) for b in bodies if b.in_reply_to
        }
        self.items = {
            (i.channel, i.external_id): i
            for i in Item.objects.filter(**scope, external_id__in={e for _c, e in ids})
        }
        self.contacts = {
            (c.channel, c.handle): c
            for c in Contact.objects.filter(**scope, handle__in={b.author_handle for b in bodies})
        }
        self.conversations: dict[tuple[str, str], Conversation] = {}
        self.languages = dict(
            zip((b.text for b in bodies), detect_languages([b.text for b in bodies]), strict=True)
        )
        self.decisions: list[Decision] = []


def as_rule(rule: TriageRule) -> Rule:
    return Rule(
        rule.name, rule.conditions, rule.response_class_id, rule.team_id, tuple(rule.labels)
    )


@transaction.atomic
def do_receive_items(organization: Organization, bodies: list[ItemIn]) -> list[Received]:
    batch = Batch(organization, bodies)
    received = [receive(batch, body) for body in bodies]
    Decision.objects.bulk_create(batch.decisions)
    Conversation.objects.bulk_update(batch.conversations.values(), ["last_activity_at"])
    deal_out_new_items(received)
    for conversation in {r.item.conversation for r in received if r.created and not r.item.ours}:
        do_detect_storm(conversation)
    return received


def deal_out_new_items(received: list[Received]) -> None:
    team_ids = {r.item.team_id for r in received if r.created and r.item.team_id}
    now = timezone.now()
    for team in Team.objects.filter(pk__in=team_ids).exclude(assignment=Assignment.MANUAL):
        do_deal_out(team, now)


def receive(batch: Batch, body: ItemIn) -> Received:
    existing = batch.items.get((body.channel, body.external_id))
    if existing is not None:
        return Received(existing, created=False, updated=update_text(existing, body))
    item, sources = build_item(batch, body)
    item.save()
    batch.items[(item.channel, item.external_id)] = item
    record_triage(batch, item, sources)
    adopt_waiting_children(item)
    if item.ours and item.parent_id:
        mark_answered_by_us(item)
    return Received(item, created=True, updated=False)


def update_text(item: Item, body: ItemIn) -> bool:
    """An edit on the platform: the new text replaces the old, which is kept as history."""
    if body.text == item.text:
        return False
    ItemRevision.objects.create(item=item, text=item.text)
    item.text, item.html = body.text, text_to_html(body.text)
    item.language = detect_language(body.text)
    item.save(update_fields=["text", "html", "language", "updated_at"])
    return True


def build_item(batch: Batch, body: ItemIn) -> tuple[Item, tuple[str, str] | None]:
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
    item.conversation = conversation_for(batch, body, parent)
    if body.ours:
        item.status, item.closed_at = Status.CLOSED, body.received_at
        return item, None
    return item, triage(batch, item, body)


def contact_for(batch: Batch, body: ItemIn) -> Contact:
    key = (body.channel, body.author_handle)
    contact = batch.contacts.get(key)
    if contact is None:
        contact = Contact.objects.create(
            organization=batch.organization,
            channel=body.channel,
            handle=body.author_handle,
            name=body.author_name,
            profile_url=body.author_url,
        )
        batch.contacts[key] = contact
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
        conversation, _created = Conversation.objects.get_or_create(
            organization=batch.organization,
            channel=key[0],
            key=key[1],
            defaults={"started_at": body.received_at, "last_activity_at": body.received_at},
        )
        batch.conversations[key] = conversation
    # Kept in memory and written once per batch, not once per item.
    conversation.last_activity_at = max(conversation.last_activity_at, body.received_at)
    return conversation


def facts_of(item: Item, body: ItemIn) -> Facts:
    root = item.parent
    while root is not None and root.parent is not None:
        root = root.parent
    return Facts(
        text=body.text,
        channel=body.channel,
        kind=body.kind,
        author=body.author_handle,
        language=item.language,
        on_our_post=bool(root and root.ours),
        local_time=body.received_at.astimezone(OSLO).time(),
    )


def triage(batch: Batch, item: Item, body: ItemIn) -> tuple[str, str]:
    """Sets class, team, labels and due time; returns who decided the class and the team."""
    outcome = apply_rules(batch.rules, facts_of(item, body))
    suggestion = batch.suggester.suggest(item)
    if suggestion is not None:
        item.suggested_class = batch.classes.get(suggestion.class_id)
        item.suggestion_confidence = suggestion.confidence
    chosen = body.response_class or outcome.response_class
    source = Decision.Source.API if body.response_class else Decision.Source.RULE
    if chosen is None and suggestion is not None and suggestion.confident:
        chosen, source = suggestion.class_id, Decision.Source.CLASSIFIER
    if chosen is None and batch.default_class is not None:
        chosen, source = batch.default_class.pk, Decision.Source.DEFAULT
    item.response_class = batch.classes.get(chosen) if chosen else None
    item.team_id = body.team or outcome.team
    item.labels = outcome.labels
    item.due_at = due_for(item.response_class, item.received_at, batch.schedules)
    return source, Decision.Source.API if body.team else Decision.Source.RULE


def record_triage(batch: Batch, item: Item, sources: tuple[str, str] | None) -> None:
    if sources is None:
        return
    for field, value, source in (
        ("response_class", item.response_class_id, sources[0]),
        ("team", item.team_id, sources[1]),
    ):
        if value is not None:
            batch.decisions.append(
                Decision(
                    item=item,
                    field=field,
                    new_value=str(value),
                    source=source,
                    new_due_at=item.due_at,
                )
            )


def adopt_waiting_children(item: Item) -> None:
    """Replies that arrived before this item get it as their parent now."""
    Item.objects.filter(
        organization=item.organization,
        channel=item.channel,
        in_reply_to=item.external_id,
        parent=None,
    ).exclude(pk=item.pk).update(parent=item)


def mark_answered_by_us(reply: Item) -> None:
    Item.objects.filter(pk=reply.parent_id, ours=False, answered_at=None).update(
        status=Status.ANSWERED, answered_at=reply.received_at
    )
