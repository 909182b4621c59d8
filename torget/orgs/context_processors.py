from torget.orgs.queries import get_memberships


def current_membership(request) -> dict:
    membership = getattr(request, "membership", None)
    if not request.user.is_authenticated or membership is None:
        return {}
    return {"membership": membership, "memberships": get_memberships(request.user)}
