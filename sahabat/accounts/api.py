"""API authentication (device tokens and browser sessions), the region a request acts in, and the
caller's own profile."""

import time

from django.db.models.signals import post_save
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import HttpBearer, SessionAuth

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import ApiToken
from sahabat.accounts.services import api_token_authenticate
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.core.security import api_token_throttle
from sahabat.regions.models import Region
from sahabat.regions.selectors import region_by_code

# A device posts a batch every few seconds; each worker process remembers a token it has just
# checked for this long instead of reading it again. Revoking or changing a token clears the memory of
# the process that did it at once, and every other worker's within these seconds (docs/events.md).
TOKEN_MEMORY_SECONDS = 5.0
_TOKEN_MEMORY_MAX = 10_000
_remembered_tokens: dict[str, tuple[float, ApiToken]] = {}


def api_token_authenticate_cached(*, raw_key: str) -> ApiToken:
    """`api_token_authenticate`, remembered per process for TOKEN_MEMORY_SECONDS (expiry still checked)."""
    digest = ApiToken.digest(raw_key)
    now = time.monotonic()
    remembered = _remembered_tokens.get(digest)
    if remembered is not None and remembered[0] > now and not remembered[1].is_expired:
        return remembered[1]
    token = api_token_authenticate(raw_key=raw_key)
    if len(_remembered_tokens) >= _TOKEN_MEMORY_MAX:
        _remembered_tokens.clear()
    _remembered_tokens[digest] = (now + TOKEN_MEMORY_SECONDS, token)
    return token


def _forget_remembered_tokens(sender, **kwargs) -> None:
    _remembered_tokens.clear()


post_save.connect(_forget_remembered_tokens, sender=ApiToken, dispatch_uid="api_token_memory")


def tenant_region(actor: Actor, code: str | None, permission: str, *, check: bool = True) -> Region:
    """The regency or city a request acts in: the one named by `code` (`region=35.09`), or else the
    caller's only region with `permission`. With `check`, the caller must hold `permission` there;
    without it, the service called next decides (an UMKM owner records sales to any region's agency)."""
    if code:
        try:
            region = region_by_code(code)
        except Region.DoesNotExist:
            region = None
        if region is None or not region.is_tenant:
            message = _("There is no regency or city with code %(code)s.") % {"code": code}
            raise NotFound("region.unknown", message, field="region")
    else:
        candidates = actor.region_ids_with(permission)
        if not candidates and not actor.is_superuser:
            message = _("Your role in this region does not allow this action.")
            raise PermissionDenied("auth.forbidden", message)
        if len(candidates) != 1:
            raise DomainError(
                "region.required",
                _("You work in several regions: choose one with its code, e.g. region=35.09."),
                field="region",
                status=400,
            )
        region = Region.objects.get(pk=next(iter(candidates)))
    if check:
        actor.require(permission, region.pk)
    return region


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sahabat_…`; a refused token answers 401 with its reason, a too busy one 429."""

    def authenticate(self, request, token: str):
        device = api_token_authenticate_cached(raw_key=token)
        api_token_throttle(token_id=device.pk)
        request.actor = Actor.for_token(device)
        return request.actor


class SessionActorAuth(SessionAuth):
    """A logged-in browser session (with CSRF on writes), as used by the project's own pages."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        request.actor = Actor.for_user(user)
        return request.actor


api_auth = [TokenAuth(), SessionActorAuth()]

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    region_code: str
    region_name: str
    role: str


class MeOut(Schema):
    kind: str
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, summary="Who is calling, with the regions and roles it holds")
def me(request):
    from sahabat.regions.models import Region

    actor: Actor = request.auth
    regions = Region.objects.in_bulk([region_id for region_id, _role in actor.grants])
    return {
        "kind": "token" if actor.token_id else "user",
        "memberships": [
            {"region_code": regions[region_id].code, "region_name": regions[region_id].name, "role": role}
            for region_id, role in sorted(actor.grants)
        ],
    }
