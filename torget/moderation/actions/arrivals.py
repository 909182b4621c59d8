"""What moderation does as soon as an item is judged: a banned writer's words are hidden, a
restricted writer's held, a threat escalated to the team lead, and the organization's
automatic rules applied."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from torget.inbox.actions.items import do_change_triage
from torget.inbox.models import Alert, Decision, Item, ResponseClass
from torget.moderation.actions.autorules import do_apply_auto_rules
from torget.moderation.actions.moderating import actor_name, do_moderate
from torget.moderation.models import AuditEntry, Standing, Verdict
from torget.orgs.models import Membership, Role, Team


def do_moderate_arrivals(verdicts: list[Verdict]) -> None:
    if not verdicts:
        return
    judged = apply_standings(verdicts)
    do_escalate_threats(judged)
    do_apply_auto_rules([v for v in judged if v.state != Verdict.State.HIDDEN])


def apply_standings(verdicts: list[Verdict]) -> list[Verdict]:
    """Hides what banned writers send and holds what restricted writers send; one query."""
    authors = {v.item.author_id for v in verdicts if v.item.author_id}
    standings = dict(
        Standing.objects.filter(contact_id__in=authors).values_list("contact_id", "kind")
    )
    for verdict in verdicts:
        kind = standings.get(verdict.item.author_id)
        if kind == Standing.Kind.BANNED:
            do_moderate(None, verdict.item, "hide", reason=_("The writer is banned."))
            verdict.state = Verdict.State.HIDDEN
        elif kind == Standing.Kind.RESTRICTED and verdict.state != Verdict.State.HELD:
            do_moderate(None, verdict.item, "hold", reason=_("The writer is restricted."))
            verdict.state = Verdict.State.HELD
    return verdicts


def do_escalate_threats(verdicts: list[Verdict]) -> None:
    """Each threat once, whether it arrived as one or a comment was edited into one."""
    threats = {v.item_id: v.item for v in verdicts if v.verdict == Verdict.Kind.THREAT}
    if not threats:
        return
    escalated = AuditEntry.objects.filter(
        organization_id=next(iter(threats.values())).organization_id,
        action=AuditEntry.Action.ESCALATE,
        item_id__in=list(threats),
    ).values_list("item_id", flat=True)
    for pk in threats.keys() - set(escalated):
        do_escalate_threat(threats[pk])


def do_escalate_threat(item: Item) -> AuditEntry:
    """A threat is answered at once: the organization's fastest class, and the team lead
    told now, even at night (other alerts wait for the team's next opening)."""
    fastest = ResponseClass.objects.filter(organization_id=item.organization_id).first()
    if fastest is not None:
        item = do_change_triage(None, item, response_class=fastest, source=Decision.Source.RULE)
    leads = leads_for(item)
    for lead, _team in leads:
        Alert.objects.create(
            organization_id=item.organization_id,
            kind=Alert.Kind.THREAT,
            item=item,
            recipient=lead,
            show_after=timezone.now(),  # a threat does not wait for the team's next shift
        )
    names = ", ".join(actor_name(lead) for lead, _team in leads)
    told = _("Alerted: %(names)s.") % {"names": names} if names else _("No team lead to alert.")
    entry = AuditEntry.of_item(
        item,
        actor_name=AuditEntry.TORGET,
        action=AuditEntry.Action.ESCALATE,
        verdict_before=Verdict.Kind.THREAT,
        verdict_after=Verdict.Kind.THREAT,
        reason=_("A threat is answered at once."),
        outcome=told,
    )
    entry.save()
    return entry


def leads_for(item: Item) -> list[tuple[Membership, Team | None]]:
    """The item's team lead; without one, every team's lead; without any, the admins."""
    teams = Team.objects.filter(organization_id=item.organization_id, lead__isnull=False)
    if item.team_id is not None:
        own = teams.filter(pk=item.team_id).select_related("lead__user", "calendar").first()
        if own is not None:
            return [(own.lead, own)]
    leads = {team.lead_id: (team.lead, team) for team in teams.select_related("lead__user")}
    if leads:
        return list(leads.values())
    admins = Membership.objects.filter(organization_id=item.organization_id).filter(
        Q(role=Role.ADMIN) | Q(role=Role.OWNER)
    )
    return [(admin, None) for admin in admins.select_related("user")]
