"""Who is asking: a user with memberships, or an API token. Every check starts from an Actor."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from sahabat.accounts.permissions import permissions_of
from sahabat.core.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    user_id: int | None = None
    is_superuser: bool = False
    # (region id, role) pairs from active memberships, or the single pair of a token.
    grants: frozenset[tuple[int, str]] = field(default_factory=frozenset)
    token_id: int | None = None
    # A device token may be bound to one event; it then records nothing for any other.
    token_event_id: int | None = None
    # Agencies an agency focal point works for; its purchasing writes stop there.
    agency_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def anonymous(cls) -> Actor:
        return cls()

    @classmethod
    def system(cls) -> Actor:
        """The platform itself (management commands, demo data): every region, no person."""
        return cls(is_superuser=True)

    @classmethod
    def for_user(cls, user) -> Actor:
        if user is None or not user.is_authenticated or not user.is_active:
            return cls.anonymous()
        from sahabat.accounts.models import Membership

        memberships = list(
            Membership.objects.with_scopes_disabled()
            .filter(user=user, is_active=True)
            .values_list("region_id", "role", "agency_id")
        )
        return cls(
            user_id=user.pk,
            is_superuser=user.is_superuser,
            grants=frozenset((region, role) for region, role, _agency in memberships),
            agency_ids=frozenset(agency for _region, _role, agency in memberships if agency is not None),
        )

    @classmethod
    def for_token(cls, token) -> Actor:
        return cls(
            token_id=token.pk,
            token_event_id=token.event_id,
            grants=frozenset({(token.region_id, token.role)}),
        )

    @property
    def is_authenticated(self) -> bool:
        return self.is_superuser or self.user_id is not None or self.token_id is not None

    def roles_in(self, region_id: int) -> frozenset[str]:
        return frozenset(role for region, role in self.grants if region == region_id)

    def region_ids(self) -> frozenset[int]:
        return frozenset(region for region, _role in self.grants)

    def region_ids_with(self, permission: str) -> frozenset[int]:
        return frozenset(region for region, role in self.grants if permission in permissions_of(role))

    def has_perm(self, permission: str, region_id: int) -> bool:
        return self.is_superuser or region_id in self.region_ids_with(permission)

    def require(self, permission: str, region_id: int) -> None:
        """Refuse with a clear reason when the actor lacks `permission` in the region."""
        if not self.is_authenticated:
            raise PermissionDenied("auth.required", _("You need to log in first."), status=401)
        if not self.has_perm(permission, region_id):
            raise PermissionDenied(
                "auth.forbidden", _("Your role in this region does not allow this action.")
            )
