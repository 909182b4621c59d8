"""The organization's moderation policy: its house rules and the saved explanations moderators
post when they hide something. Neither is a moderation step, so neither is written to the
audit log; the house rules keep who changed them last."""

from django.db import transaction

from torget.moderation.models import Explanation, HouseRules
from torget.orgs.actions.permissions import check_can_manage, check_same_organization
from torget.orgs.models import Membership
from torget.orgs.queries import scoped


@transaction.atomic
def do_save_house_rules(
    member: Membership, text_nb: str, text_nn: str, text_en: str, is_published: bool
) -> HouseRules:
    check_can_manage(member)
    rules, _created = (
        scoped(HouseRules, member)
        .select_for_update()
        .get_or_create(organization_id=member.organization_id)
    )
    rules.text_nb, rules.text_nn, rules.text_en = text_nb.strip(), text_nn.strip(), text_en.strip()
    rules.is_published = is_published
    rules.updated_by = member
    rules.save()
    return rules


@transaction.atomic
def do_create_explanation(
    member: Membership, title: str, text_nb: str = "", text_nn: str = "", text_en: str = ""
) -> Explanation:
    check_can_manage(member)
    return Explanation.objects.create(
        organization_id=member.organization_id,
        title=title.strip()[:100],
        text_nb=text_nb.strip(),
        text_nn=text_nn.strip(),
        text_en=text_en.strip(),
    )


@transaction.atomic
def do_update_explanation(
    member: Membership,
    explanation: Explanation,
    title: str,
    text_nb: str = "",
    text_nn: str = "",
    text_en: str = "",
) -> Explanation:
    check_can_manage(member)
    check_same_organization(member, explanation)
    explanation.title = title.strip()[:100]
    explanation.text_nb, explanation.text_nn = text_nb.strip(), text_nn.strip()
    explanation.text_en = text_en.strip()
    explanation.save()
    return explanation


@transaction.atomic
def do_delete_explanation(member: Membership, explanation: Explanation) -> None:
    check_can_manage(member)
    check_same_organization(member, explanation)
    explanation.delete()
