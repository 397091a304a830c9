"""Writes for accounts: invitations, roles, tokens and the access log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import AccessLog, ApiToken, Membership, User
from sahabat.accounts.permissions import GRANTABLE_ROLES, TOKEN_ROLES, Perm, Role
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.regions.models import Region

# Writing last_used_at on every request would turn each sales batch into two writes.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


def _require_tenant(region: Region) -> None:
    if not region.is_tenant:
        raise DomainError(
            "region.not_tenant", _("Only a regency or a city can hold members and tokens."), field="region"
        )


def _require_grantable(actor: Actor, region: Region, role: str) -> None:
    if actor.is_superuser:
        return
    allowed = {grantable for held in actor.roles_in(region.pk) for grantable in GRANTABLE_ROLES.get(held, ())}
    if role not in allowed:
        raise PermissionDenied(
            "role.not_grantable",
            _("You may not give the role “%(role)s” in this region.") % {"role": Role(role).label},
        )


@transaction.atomic
def user_invite(
    *, actor: Actor, region: Region, email: str, full_name: str, role: str, invite_url_base: str
) -> Membership:
    """Give a person a role in the region; a new person gets an e-mail to choose a password."""
    actor.require(Perm.MEMBERS_MANAGE, region.pk)
    _require_tenant(region)
    _require_grantable(actor, region, role)
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    is_new = user is None
    if is_new:
        user = User(username=email, email=email, full_name=full_name)
        user.set_unusable_password()
        user.save()
    membership = Membership.objects.with_scopes_disabled().filter(user=user, region=region, role=role).first()
    if membership and membership.is_active:
        raise DomainError(
            "membership.exists",
            _("This person already has that role in this region."),
            field="email",
            status=409,
        )
    if membership:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    else:
        membership = Membership.objects.create(
            user=user, region=region, role=role, invited_by_id=actor.user_id
        )
    if is_new:
        _send_invitation(user=user, region=region, invite_url_base=invite_url_base)
    return membership


def _send_invitation(*, user: User, region: Region, invite_url_base: str) -> None:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "region": region, "url": invite_url_base.rstrip("/") + path}
    send_mail(
        subject=_("Invitation to Sahabat UMKM (%(region)s)") % {"region": region.name},
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def _membership_for_change(actor: Actor, membership_id: int) -> Membership:
    membership = (
        Membership.objects.with_scopes_disabled()
        .select_related("region", "user")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None or not actor.has_perm(Perm.MEMBERS_MANAGE, membership.region_id):
        raise NotFound("membership.unknown", _("This membership does not exist in your region."))
    return membership


@transaction.atomic
def membership_change_role(*, actor: Actor, membership_id: int, role: str) -> Membership:
    membership = _membership_for_change(actor, membership_id)
    _require_grantable(actor, membership.region, role)
    if membership.user_id == actor.user_id and membership.role == Role.REGION_ADMIN:
        raise DomainError("membership.self_demotion", _("You cannot change your own admin role."), status=409)
    if (
        Membership.objects.with_scopes_disabled()
        .filter(user_id=membership.user_id, region_id=membership.region_id, role=role)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise DomainError(
            "membership.exists", _("This person already has that role in this region."), status=409
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_deactivate(*, actor: Actor, membership_id: int) -> Membership:
    membership = _membership_for_change(actor, membership_id)
    if membership.user_id == actor.user_id:
        raise DomainError(
            "membership.self_deactivation", _("You cannot deactivate your own membership."), status=409
        )
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    return membership


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw_key: str  # shown once, never stored


@transaction.atomic
def api_token_create(
    *, actor: Actor, region: Region, name: str, role: str = Role.BOOTH_CASHIER, valid_days: int | None = None
) -> IssuedToken:
    actor.require(Perm.TOKENS_MANAGE, region.pk)
    _require_tenant(region)
    if role not in TOKEN_ROLES:
        raise DomainError(
            "token.role", _("A token can only be an officer, viewer or booth cashier."), field="role"
        )
    _require_grantable(actor, region, role)
    if not name.strip():
        raise DomainError(
            "token.name_required", _("Give the token a name, e.g. the device it is for."), field="name"
        )
    raw_key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        name=name.strip(),
        region=region,
        role=role,
        key_prefix=raw_key[: len(ApiToken.PREFIX) + 6],
        key_digest=ApiToken.digest(raw_key),
        created_by_id=actor.user_id,
        expires_at=timezone.now() + timedelta(days=valid_days) if valid_days else None,
    )
    return IssuedToken(token=token, raw_key=raw_key)


@transaction.atomic
def api_token_revoke(*, actor: Actor, token_id: int) -> ApiToken:
    token = ApiToken.objects.with_scopes_disabled().filter(pk=token_id).first()
    if token is None or not actor.has_perm(Perm.TOKENS_MANAGE, token.region_id):
        raise NotFound("token.unknown", _("This token does not exist in your region."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, raw_key: str) -> ApiToken:
    """Find the live token for a raw key, or refuse with the reason (401)."""
    token = (
        ApiToken.objects.with_scopes_disabled()
        .select_related("region")
        .filter(key_digest=ApiToken.digest(raw_key))
        .first()
    )
    if token is None:
        raise PermissionDenied("token.invalid", _("The API token is not valid."), status=401)
    if token.is_revoked:
        raise PermissionDenied("token.revoked", _("The API token has been revoked."), status=401)
    if token.is_expired:
        raise PermissionDenied("token.expired", _("The API token has expired."), status=401)
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.with_scopes_disabled().filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def access_log_record(
    *,
    actor: Actor,
    region_id: int,
    action: str,
    object_type: str,
    object_id: str = "",
    detail: str = "",
    ip_address: str | None = None,
) -> AccessLog:
    return AccessLog.objects.create(
        user_id=actor.user_id,
        region_id=region_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail=detail[:255],
        ip_address=ip_address,
    )
