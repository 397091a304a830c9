"""Reads for accounts: members, tokens and the audit trail of a region."""

from __future__ import annotations

from datetime import date

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import AccessLog, ApiToken, Membership, User
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.regions.models import Region


def regions_of(actor: Actor) -> QuerySet[Region]:
    """The regions the actor can switch to: its memberships; for a superuser, every tenant with members."""
    if actor.is_superuser:
        return Region.objects.filter(memberships__is_active=True).distinct().order_by("name")
    return Region.objects.filter(pk__in=actor.region_ids()).order_by("name")


def membership_list(*, actor: Actor, region: Region, search: str = "") -> QuerySet[Membership]:
    memberships = (
        restrict(Membership, actor, Perm.MEMBERS_MANAGE)
        .filter(region=region)
        .select_related("user", "invited_by")
        .order_by("-is_active", "user__full_name", "user__username")
    )
    if search:
        memberships = memberships.filter(
            Q(user__full_name__icontains=search)
            | Q(user__email__icontains=search)
            | Q(user__username__icontains=search)
        )
    return memberships


def membership_get(*, actor: Actor, membership_id: int) -> Membership:
    return (
        restrict(Membership, actor, Perm.MEMBERS_MANAGE)
        .select_related("user", "region")
        .get(pk=membership_id)
    )


def api_token_list(*, actor: Actor, region: Region) -> QuerySet[ApiToken]:
    return restrict(ApiToken, actor, Perm.TOKENS_MANAGE).filter(region=region).select_related("created_by")


def audit_entry_list(
    *,
    actor: Actor,
    region: Region,
    model: str = "",
    user_id: int | None = None,
    action: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[LogEntry]:
    """Changes to the region's records; entries carry the region id in their additional data."""
    actor.require(Perm.AUDIT_VIEW, region.pk)
    entries = (
        LogEntry.objects.filter(additional_data__region_id=region.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )
    if model:
        entries = entries.filter(content_type__model=model)
    if user_id:
        entries = entries.filter(actor_id=user_id)
    if action is not None:
        entries = entries.filter(action=action)
    if since:
        entries = entries.filter(timestamp__date__gte=since)
    if until:
        entries = entries.filter(timestamp__date__lte=until)
    return entries


def access_log_list(*, actor: Actor, region: Region) -> QuerySet[AccessLog]:
    return restrict(AccessLog, actor, Perm.AUDIT_VIEW).filter(region=region).select_related("user")


def audit_users(*, region: Region) -> QuerySet[User]:
    return User.objects.filter(memberships__region=region).distinct().order_by("full_name", "username")
