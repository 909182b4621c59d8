"""Automatic rules: made switched off, switched on by an administrator after a dry run, and
applied to items as they are judged.

Anyone who moderates (responders and up) may write a rule, look at its dry run and switch a
rule off; switching on and deleting take an administrator, since a rule then acts on the
organization's public conversations without a person.
"""

from collections import defaultdict
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.inbox.models import Item
from torget.moderation.actions.moderating import do_moderate
from torget.moderation.autorules import Facts, clean_conditions, facts_of, first_matching
from torget.moderation.models import AuditEntry, AutoRule, Verdict
from torget.orgs.actions.permissions import check_can_manage, check_role, check_same_organization
from torget.orgs.models import Membership, Role

MODERATOR = Role.RESPONDER
# What each rule action asks of do_moderate.
MODERATION_FOR = {
    AutoRule.Action.HIDE: "hide",
    AutoRule.Action.HOLD: "hold",
    AutoRule.Action.MARK_SPAM: "mark_spam",
    AutoRule.Action.DELETE: "delete",
}


def check_rule(name: str, conditions: object, action: str) -> AutoRule:
    """An unsaved rule with its fields cleaned, or ValidationError; the dry run of a rule not
    yet saved starts here too."""
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError(_("A rule needs a name of at most 200 characters."))
    if action not in AutoRule.Action.values:
        raise ValidationError(
            _("The action can be %(allowed)s.") % {"allowed": ", ".join(AutoRule.Action.values)}
        )
    return AutoRule(name=name, conditions=clean_conditions(conditions), action=action)


@transaction.atomic
def do_create_auto_rule(member: Membership, name: str, conditions: object, action: str) -> AutoRule:
    check_role(member, MODERATOR)
    rule = check_rule(name, conditions, action)
    rule.organization_id = member.organization_id
    rule.created_by = member
    rule.is_active = False
    rule.save()
    return rule


@transaction.atomic
def do_switch_auto_rule(member: Membership, rule: AutoRule, on: bool) -> AutoRule:
    check_same_organization(member, rule)
    if on:
        check_can_manage(member)
    else:
        check_role(member, MODERATOR)
    if rule.is_active != on:
        rule.is_active = on
        rule.switched_on_at = timezone.now() if on else None
        rule.save(update_fields=["is_active", "switched_on_at"])
    return rule


@transaction.atomic
def do_delete_auto_rule(member: Membership, rule: AutoRule) -> None:
    check_can_manage(member)
    check_same_organization(member, rule)
    rule.delete()


@transaction.atomic
def do_apply_auto_rules(verdicts: list[Verdict]) -> list[AuditEntry]:
    """Each newly judged item meets its organization's switched-on rules, oldest rule first;
    the first that matches acts, as Torget, through the same door a moderator uses."""
    entries = []
    for organization_id, judged in by_organization(verdicts).items():
        rules = list(
            AutoRule.objects.filter(organization_id=organization_id, is_active=True).order_by("id")
        )
        if not rules:
            continue
        firsts = first_received(organization_id, [verdict.item for verdict in judged])
        for verdict in judged:
            rule = first_matching(rules, facts_of_verdict(verdict, firsts))
            if rule is not None:
                entries.append(apply_rule(rule, verdict.item))
    return entries


def by_organization(verdicts: list[Verdict]) -> dict[int, list[Verdict]]:
    grouped: dict[int, list[Verdict]] = defaultdict(list)
    for verdict in verdicts:
        grouped[verdict.organization_id].append(verdict)
    return grouped


def first_received(organization_id: int, items: list[Item]) -> dict[int, datetime]:
    """When each writer's first item in the organization was received, in one query."""
    authors = {item.author_id for item in items if item.author_id is not None}
    rows = (
        Item.objects.filter(organization_id=organization_id, author_id__in=authors)
        .order_by()
        .values("author_id")
        .annotate(first=Min("received_at"))
    )
    return {row["author_id"]: row["first"] for row in rows}


def facts_of_verdict(verdict: Verdict, firsts: dict[int, datetime]) -> Facts:
    item = verdict.item
    first = firsts.get(item.author_id) if item.author_id is not None else None
    new_author = first is not None and item.received_at <= first
    return facts_of(
        verdict.verdict,
        verdict.spam_score,
        verdict.abuse_score,
        item.text,
        item.channel,
        new_author,
    )


def apply_rule(rule: AutoRule, item: Item) -> AuditEntry:
    return do_moderate(
        None,
        item,
        MODERATION_FOR[AutoRule.Action(rule.action)],
        reason=_("Automatic rule: %(name)s") % {"name": rule.name},
        rule=rule,
    )
