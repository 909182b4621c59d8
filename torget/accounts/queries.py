from django.http import Http404

from torget.accounts.models import ApiToken
from torget.orgs.models import Membership


def get_tokens(member: Membership):
    """A person's own tokens for the organization they act in; nobody else's."""
    return ApiToken.objects.filter(membership=member)


def access_token(member: Membership, token_id) -> ApiToken:
    token = get_tokens(member).filter(pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    return token
