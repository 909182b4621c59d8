from torget.orgs.queries import get_memberships

SESSION_KEY = "organization_id"


def current_membership(request):
    """The membership the person is acting as: the organization chosen in the switcher.

    All of the person's memberships are read once (a person has few); the switcher in every
    page's header lists them from `request.memberships`.
    """
    if not request.user.is_authenticated:
        request.memberships = []
        return None
    request.memberships = list(get_memberships(request.user))
    chosen = request.session.get(SESSION_KEY)
    mine = [m for m in request.memberships if m.organization_id == chosen]
    return next(iter(mine or request.memberships), None)


class CurrentMembershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = current_membership(request)
        return self.get_response(request)
