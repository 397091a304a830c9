"""Row-level scoping: the one way any selector reaches region-owned rows.

Region-owned models declare `objects = ScopedManager(region="<path to the region>")`
(django-scopes). Such a manager refuses every query (ScopeError) unless a scope is given, so a
query that forgets to scope fails loudly instead of leaking another region's rows. `restrict`
gives the scope from the actor's permissions; nothing else in the project should call
`with_scopes_disabled()` except authentication, the admin site and management commands.

Partner regions: an active cooperation agreement lets a partner read aggregates (never
records). That grant lives in exactly one place, `aggregate_region_ids` below, which asks the
providers registered in `PARTNER_ACCESS_PROVIDERS` (the cooperation app registers its own).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model, QuerySet

from sahabat.accounts.actor import Actor

PartnerAccessProvider = Callable[[Actor], frozenset[int]]
PARTNER_ACCESS_PROVIDERS: list[PartnerAccessProvider] = []


def restrict(model: type[Model], actor: Actor, permission: str) -> QuerySet:
    """Rows of `model` in the regions where `actor` holds `permission`; none for anyone else."""
    manager = model.objects
    if actor.is_superuser:
        return manager.with_scopes_disabled().all()
    return manager.with_scope(region=sorted(actor.region_ids_with(permission))).all()


def partner_region_ids(actor: Actor) -> frozenset[int]:
    """Regions whose aggregates the actor may read through an active agreement."""
    granted: frozenset[int] = frozenset()
    for provider in PARTNER_ACCESS_PROVIDERS:
        granted |= provider(actor)
    return granted


def aggregate_region_ids(actor: Actor, permission: str) -> frozenset[int]:
    """Regions whose aggregate figures (counts, sums) the actor may read: its own and partners'."""
    return actor.region_ids_with(permission) | partner_region_ids(actor)
