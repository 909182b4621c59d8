def current_membership(request) -> dict:
    membership = getattr(request, "membership", None)
    if not request.user.is_authenticated or membership is None:
        return {}
    return {"membership": membership, "memberships": getattr(request, "memberships", [])}
