import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from torget.orgs.actions.organizations import do_create_organization


class Command(BaseCommand):
    help = "Create an organization with an owner (the owner's account is created when missing)."

    def add_arguments(self, parser):
        parser.add_argument("name", help='e.g. "Bymiljøetaten"')
        parser.add_argument("--owner", required=True, help="username of the owner")
        parser.add_argument("--email", default="", help="owner's e-mail, for a new account")

    def handle(self, *args, name, owner, email, **options):
        if not name.strip():
            raise CommandError("The organization needs a name.")
        users = get_user_model().objects
        user = users.filter(username=owner).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = users.create_user(username=owner, email=email, password=password)
            self.stdout.write(f"Created user {owner} with password: {password}")
        membership = do_create_organization(name, user)
        org = membership.organization
        self.stdout.write(self.style.SUCCESS(f"Created {org.name} ({org.slug}), owner {owner}."))
