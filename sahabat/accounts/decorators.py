"""View guards: log in first, then hold the permission in the active region."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def region_permission_required(permission: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            region = request.region
            if region is None or not request.actor.has_perm(permission, region.pk):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
