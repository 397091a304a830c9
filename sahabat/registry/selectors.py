"""Reads for the UMKM register, always scoped to the caller's regions."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Licence, Product
from sahabat.registry.services import nik_index

ORDERINGS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "newest": ("-created_at", "-pk"),
    "turnover": ("-annual_turnover", "pk"),
    "district": ("district__name", "name", "pk"),
}


@dataclass(frozen=True)
class EnterpriseFilters:
    search: str = ""
    district_id: int | None = None
    village_id: int | None = None
    scale: str = ""
    sector: str = ""
    licence: str = ""
    status: str = ""
    ordering: str = "name"


def enterprises_for(actor: Actor) -> QuerySet[Enterprise]:
    return restrict(Enterprise, actor, Perm.REGISTRY_VIEW)


def enterprise_list(*, actor: Actor, region: Region, filters: EnterpriseFilters = EnterpriseFilters()) -> QuerySet:
    """The region's enterprises, searched and filtered as on the register page and in exports."""
    enterprises = enterprises_for(actor).filter(region=region).select_related("owner", "district", "village")
    search = filters.search.strip()
    if search:
        digits = search.replace(" ", "")
        if digits.isdigit() and len(digits) == 16:
            enterprises = enterprises.filter(owner__nik_index=nik_index(digits))
        elif digits.isdigit() and len(digits) == 13:
            enterprises = enterprises.filter(licences__type=Licence.Type.NIB, licences__number=digits)
        else:
            for word in search.split()[:6]:
                enterprises = enterprises.filter(
                    Q(name__icontains=word) | Q(brand__icontains=word) | Q(owner__name__icontains=word)
                    | Q(address__icontains=word) | Q(description__icontains=word)
                )
    if filters.district_id:
        enterprises = enterprises.filter(district_id=filters.district_id)
    if filters.village_id:
        enterprises = enterprises.filter(village_id=filters.village_id)
    if filters.scale:
        enterprises = enterprises.filter(computed_scale=filters.scale)
    if filters.sector:
        enterprises = enterprises.filter(sector=filters.sector)
    if filters.status:
        enterprises = enterprises.filter(status=filters.status)
    if filters.licence == "none":
        enterprises = enterprises.exclude(Exists(Licence.objects.with_scopes_disabled().filter(enterprise=OuterRef("pk"))))
    elif filters.licence:
        enterprises = enterprises.filter(
            Exists(Licence.objects.with_scopes_disabled().filter(enterprise=OuterRef("pk"), type=filters.licence))
        )
    return enterprises.order_by(*ORDERINGS.get(filters.ordering, ORDERINGS["name"]))


def enterprise_get(*, actor: Actor, enterprise_id: int) -> Enterprise:
    """One enterprise the actor may see: by role in its region, or as its owner."""
    enterprise = (
        Enterprise.objects.with_scopes_disabled()
        .select_related("owner", "region", "district", "village")
        .filter(pk=enterprise_id)
        .first()
    )
    if enterprise is None:
        raise Enterprise.DoesNotExist
    if actor.has_perm(Perm.REGISTRY_VIEW, enterprise.region_id) or enterprise_is_own(actor=actor, enterprise=enterprise):
        return enterprise
    raise Enterprise.DoesNotExist


def enterprise_is_own(*, actor: Actor, enterprise: Enterprise) -> bool:
    return (
        actor.user_id is not None
        and enterprise.owner is not None
        and enterprise.owner.user_id == actor.user_id
        and actor.has_perm(Perm.REGISTRY_EDIT_OWN, enterprise.region_id)
    )


def enterprises_owned_by(*, actor: Actor) -> QuerySet[Enterprise]:
    """The enterprises an UMKM owner keeps itself."""
    regions = actor.region_ids_with(Perm.REGISTRY_EDIT_OWN)
    return (
        Enterprise.objects.with_scope(region=sorted(regions))
        .filter(owner__user_id=actor.user_id)
        .select_related("district", "village")
        .order_by("name")
    )


def licence_list(*, enterprise: Enterprise) -> QuerySet[Licence]:
    return Licence.objects.with_scope(region=enterprise.region_id).filter(enterprise=enterprise)


def product_list(*, enterprise: Enterprise, active_only: bool = False) -> QuerySet[Product]:
    products = Product.objects.with_scope(region=enterprise.region_id).filter(enterprise=enterprise)
    return products.filter(is_active=True) if active_only else products


def register_summary(*, actor: Actor, region: Region) -> dict:
    """Headline counts for the register page and the home page."""
    enterprises = enterprises_for(actor).filter(region=region)
    totals = enterprises.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status=Enterprise.Status.ACTIVE)),
        micro=Count("pk", filter=Q(computed_scale="micro")),
        small=Count("pk", filter=Q(computed_scale="small")),
        medium=Count("pk", filter=Q(computed_scale="medium")),
    )
    totals["with_nib"] = enterprises.filter(
        Exists(Licence.objects.with_scopes_disabled().filter(enterprise=OuterRef("pk"), type=Licence.Type.NIB))
    ).count()
    return totals
