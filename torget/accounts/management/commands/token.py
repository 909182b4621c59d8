from django.core.management.base import BaseCommand, CommandError

from torget.accounts.actions.tokens import do_create_token, do_revoke_token
from torget.accounts.models import ApiToken
from torget.orgs.queries import get_memberships


class Command(BaseCommand):
    help = "Create, list or revoke API tokens: torget token create --user NAME [--org SLUG]"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="print a new token (shown once)")
        create.add_argument("--user", required=True)
        create.add_argument("--org", help="organization slug; needed when the user has several")
        create.add_argument("--name", default="command line")
        listing = actions.add_parser("list", help="list a user's tokens")
        listing.add_argument("--user", required=True)
        revoke = actions.add_parser("revoke", help="revoke a token by id")
        revoke.add_argument("id", type=int)

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_create(self, user, org, name, **options):
        memberships = get_memberships_named(user, org)
        if len(memberships) != 1:
            slugs = ", ".join(m.organization.slug for m in get_memberships_named(user, None))
            if org:
                raise CommandError(f"{user} is not in {org} (member of: {slugs or 'none'}).")
            raise CommandError(
                f"Choose one organization with --org (member of: {slugs or 'none'})."
            )
        _token, secret = do_create_token(memberships[0], name)
        self.stdout.write(secret)

    def handle_list(self, user, **options):
        for token in ApiToken.objects.filter(membership__user__username=user):
            state = "active" if token.is_active else "revoked"
            org = token.membership.organization.slug
            self.stdout.write(f"{token.pk}\t{token.hint}…\t{org}\t{state}\t{token.name}")

    def handle_revoke(self, id, **options):
        token = ApiToken.objects.filter(pk=id).first()
        if token is None:
            raise CommandError(f"No token with id {id}.")
        do_revoke_token(token)
        self.stdout.write(f"Revoked token {id}.")


def get_memberships_named(username: str, slug: str | None) -> list:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user called {username}.")
    memberships = get_memberships(user)
    if slug:
        memberships = memberships.filter(organization__slug=slug)
    return list(memberships)
