from django.db import transaction
from django.utils.text import slugify

from torget.orgs.models import Membership, Organization, Role

# slugify() would drop these letters; Norwegian names keep their readable spelling instead.
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def unique_slug(name: str) -> str:
    base = slugify(name.translate(NORWEGIAN_LETTERS))[:50] or "org"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def do_create_organization(name: str, owner) -> Membership:
    organization = Organization.objects.create(name=name.strip(), slug=unique_slug(name))
    return Membership.objects.create(organization=organization, user=owner, role=Role.OWNER)
