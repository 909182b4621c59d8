from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def member_required(view):
    """Log in first; then pass the membership the person acts as, or explain that there is none."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.membership is None:
            return render(request, "orgs/no_organization.html", status=403)
        return view(request, request.membership, *args, **kwargs)

    return wrapper
