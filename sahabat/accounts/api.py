"""API authentication (device tokens and browser sessions) and the caller's own profile."""

from ninja import Router, Schema
from ninja.security import HttpBearer, SessionAuth

from sahabat.accounts.actor import Actor
from sahabat.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sahabat_…`; a refused token answers 401 with its reason."""

    def authenticate(self, request, token: str):
        request.actor = Actor.for_token(api_token_authenticate(raw_key=token))
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
