"""Attach the actor and the active region to each request."""

from django.utils.functional import SimpleLazyObject
from django_scopes import scopes_disabled

from sahabat.accounts.actor import Actor

SESSION_REGION_KEY = "sahabat_region_code"


def _active_region(request):
    from sahabat.accounts.selectors import regions_of

    regions = regions_of(request.actor)
    chosen = request.session.get(SESSION_REGION_KEY)
    return (chosen and regions.filter(code=chosen).first()) or regions.first()


class ActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: Actor.for_user(request.user))
        # Not lazy: a lazy None is truthy and `is not None`, which every caller would have to remember.
        request.region = _active_region(request) if request.user.is_authenticated else None
        return self.get_response(request)


class AdminScopeMiddleware:
    """The Django admin is for platform superusers only and sees every region."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and request.user.is_authenticated and request.user.is_superuser:
            with scopes_disabled():
                return self.get_response(request)
        return self.get_response(request)
