from django.db import transaction

from torget.inbox.models import ResponseClass
from torget.inbox.targets import DUTY_MINUTES, NEXT_WORKING_DAY, TargetError, clean_target
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.models import DutyCalendar, Membership, Organization
from torget.orgs.queries import scoped

# The three classes Oslo's environment agency sorts everything into.
DEFAULT_CLASSES = [
    (
        ("Svar med en gang", "Svar med ein gong", "Answer at once"),
        DUTY_MINUTES,
        30,
        "communications",
    ),
    (
        (
            "Svar i løpet av dagen, kvelden eller helgen",
            "Svar i løpet av dagen, kvelden eller helga",
            "Answer during the day, evening or weekend",
        ),
        DUTY_MINUTES,
        6 * 60,
        "communications",
    ),
    (
        (
            "Kan vente til neste virkedag",
            "Kan vente til neste verkedag",
            "Can wait until the next working day",
        ),
        NEXT_WORKING_DAY,
        None,
        "office",
    ),
]


def clean_names(names: dict) -> dict[str, str]:
    cleaned = {lang: str(names.get(lang) or "").strip()[:100] for lang in ("nb", "nn", "en")}
    if not cleaned["nb"]:
        raise TargetError("name.nb is required.")
    return {f"name_{lang}": value or cleaned["nb"] for lang, value in cleaned.items()}


@transaction.atomic
def do_create_response_class(member: Membership, names: dict, target: dict) -> ResponseClass:
    check_can_manage(member)
    calendars = set(scoped(DutyCalendar, member).values_list("pk", flat=True))
    position = scoped(ResponseClass, member).count()
    return ResponseClass.objects.create(
        organization=member.organization,
        target=clean_target(target, calendars),
        position=position,
        **clean_names(names),
    )


@transaction.atomic
def do_create_default_classes(
    organization: Organization, communications: DutyCalendar, office: DutyCalendar
) -> list[ResponseClass]:
    calendars = {"communications": communications.pk, "office": office.pk}
    created = []
    for position, (names, kind, minutes, calendar) in enumerate(DEFAULT_CLASSES):
        target = {"kind": kind, "calendar": calendars[calendar]}
        if minutes:
            target["minutes"] = minutes
        created.append(
            ResponseClass.objects.create(
                organization=organization,
                name_nb=names[0],
                name_nn=names[1],
                name_en=names[2],
                target=target,
                position=position,
                is_default=position == 1,
            )
        )
    return created
