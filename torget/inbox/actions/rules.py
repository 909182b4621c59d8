from django.db import transaction

from torget.inbox.models import ResponseClass, TriageRule
from torget.inbox.triage import clean_conditions
from torget.orgs.actions.permissions import check_can_manage, check_same_organization
from torget.orgs.models import Membership, Team
from torget.orgs.queries import scoped


@transaction.atomic
def do_create_rule(
    member: Membership,
    name: str,
    conditions: dict,
    response_class: ResponseClass | None,
    team: Team | None,
    labels: list[str],
) -> TriageRule:
    check_can_manage(member)
    check_same_organization(member, response_class, team)
    return TriageRule.objects.create(
        organization=member.organization,
        name=name.strip()[:200],
        position=scoped(TriageRule, member).count(),
        conditions=clean_conditions(conditions),
        response_class=response_class,
        team=team,
        labels=labels,
    )


@transaction.atomic
def do_delete_rule(member: Membership, rule: TriageRule) -> None:
    check_can_manage(member)
    check_same_organization(member, rule)
    rule.delete()
