from torget.orgs.models import Role


def current_membership(request) -> dict:
    membership = getattr(request, "membership", None)
    if not request.user.is_authenticated or membership is None:
        return {}
    return {
        "membership": membership,
        "memberships": getattr(request, "memberships", []),
        "can_moderate": membership.has_role(Role.RESPONDER),
    }
