from torget.orgs.queries import get_memberships

SESSION_KEY = "organization_id"


def current_membership(request):
    """The membership the person is acting as: the organization chosen in the switcher."""
    if not request.user.is_authenticated:
        return None
    memberships = get_memberships(request.user)
    chosen = request.session.get(SESSION_KEY)
    return memberships.filter(organization_id=chosen).first() or memberships.first()


class CurrentMembershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = current_membership(request)
        return self.get_response(request)
