"""Reads for the UMKM register, always scoped to the caller's regions."""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import aggregate_region_ids, restrict
from sahabat.core.errors import PermissionDenied
from sahabat.regions.models import Region
from sahabat.regions.selectors import districts_of, villages_of
from sahabat.registry.models import Enterprise, Licence, Owner, Product
from sahabat.registry.services import nik_index

ORDERINGS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "newest": ("-created_at", "-pk"),
    # Unknown turnover or district last on every database (PostgreSQL sorts NULL first when descending).
    "turnover": (F("annual_turnover").desc(nulls_last=True), "pk"),
    "district": (F("district__name").asc(nulls_last=True), "name", "pk"),
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


def enterprise_list(
    *, actor: Actor, region: Region, filters: EnterpriseFilters = EnterpriseFilters()
) -> QuerySet:
    """The region's enterprises, searched and filtered as on the register page and in exports."""
    enterprises = (
        enterprises_for(actor).filter(region=region).select_related("owner", "region", "district", "village")
    )
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
                    Q(name__icontains=word)
                    | Q(brand__icontains=word)
                    | Q(owner__name__icontains=word)
                    | Q(address__icontains=word)
                    | Q(description__icontains=word)
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
        enterprises = enterprises.exclude(
            Exists(Licence.objects.with_scopes_disabled().filter(enterprise=OuterRef("pk")))
        )
    elif filters.licence:
        enterprises = enterprises.filter(
            Exists(
                Licence.objects.with_scopes_disabled().filter(enterprise=OuterRef("pk"), type=filters.licence)
            )
        )
    ordering = ORDERINGS.get(filters.ordering, ORDERINGS["name"])
    return enterprises.prefetch_related("licences").order_by(*ordering)


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
    if actor.has_perm(Perm.REGISTRY_VIEW, enterprise.region_id) or enterprise_is_own(
        actor=actor, enterprise=enterprise
    ):
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
        Exists(
            Licence.objects.with_scopes_disabled().filter(enterprise=OuterRef("pk"), type=Licence.Type.NIB)
        )
    ).count()
    return totals


@dataclass(frozen=True)
class EnterpriseAccess:
    """What the actor may do on one enterprise's page; the page shows only what is allowed."""

    can_view_register: bool
    can_edit: bool
    is_own: bool
    can_reveal_personal: bool
    can_grant_owner_access: bool


def enterprise_access(*, actor: Actor, enterprise: Enterprise) -> EnterpriseAccess:
    region_id = enterprise.region_id
    is_own = enterprise_is_own(actor=actor, enterprise=enterprise)
    return EnterpriseAccess(
        can_view_register=actor.has_perm(Perm.REGISTRY_VIEW, region_id),
        can_edit=actor.has_perm(Perm.REGISTRY_EDIT, region_id) or is_own,
        is_own=is_own,
        can_reveal_personal=actor.has_perm(Perm.PERSONAL_REVEAL, region_id),
        can_grant_owner_access=(
            enterprise.owner_id is not None and actor.has_perm(Perm.MEMBERS_MANAGE, region_id)
        ),
    )


@dataclass(frozen=True)
class OwnerProfile:
    """An owner as a page may show it: contact details only to those allowed to see them."""

    owner: Owner
    age: int | None
    # The owner itself and holders of PERSONAL_REVEAL see phone, e-mail and address; others see none.
    personal_visible: bool


def owner_profile(*, actor: Actor, enterprise: Enterprise) -> OwnerProfile | None:
    owner = enterprise.owner
    if owner is None:
        return None
    access = enterprise_access(actor=actor, enterprise=enterprise)
    age = None
    if owner.birth_date:
        today = timezone.localdate(timezone=enterprise.region.tzinfo)
        born = owner.birth_date
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return OwnerProfile(owner=owner, age=age, personal_visible=access.is_own or access.can_reveal_personal)


def enterprise_nib(*, enterprise: Enterprise) -> str:
    numbers = (
        licence_list(enterprise=enterprise).filter(type=Licence.Type.NIB).values_list("number", flat=True)
    )
    return numbers.first() or ""


def licence_get(*, actor: Actor, licence_id: int) -> Licence:
    """One licence of an enterprise the actor may see; Licence.DoesNotExist otherwise."""
    licence = Licence.objects.with_scopes_disabled().filter(pk=licence_id).first()
    if licence is None:
        raise Licence.DoesNotExist
    try:
        licence.enterprise = enterprise_get(actor=actor, enterprise_id=licence.enterprise_id)
    except Enterprise.DoesNotExist:
        raise Licence.DoesNotExist from None
    return licence


def product_get(*, actor: Actor, product_id: int) -> Product:
    """One product of an enterprise the actor may see; Product.DoesNotExist otherwise."""
    product = Product.objects.with_scopes_disabled().filter(pk=product_id).first()
    if product is None:
        raise Product.DoesNotExist
    try:
        product.enterprise = enterprise_get(actor=actor, enterprise_id=product.enterprise_id)
    except Enterprise.DoesNotExist:
        raise Product.DoesNotExist from None
    return product


def enterprise_history(*, enterprise: Enterprise) -> QuerySet[LogEntry]:
    """The audit trail of an enterprise, its owner, licences and products, newest first."""
    types = ContentType.objects.get_for_models(Enterprise, Owner, Licence, Product)
    records = Q(content_type=types[Enterprise], object_pk=str(enterprise.pk)) | Q(
        content_type__in=[types[Licence], types[Product]], additional_data__enterprise_id=enterprise.pk
    )
    if enterprise.owner_id:
        records |= Q(content_type=types[Owner], object_pk=str(enterprise.owner_id))
    return (
        LogEntry.objects.filter(records, additional_data__region_id=enterprise.region_id)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def place_districts(*, region: Region) -> QuerySet[Region]:
    return districts_of(region).order_by("name")


def district_villages(*, district_id: int) -> QuerySet[Region]:
    """The villages of one district (public Kemendagri data), for the village list of a form."""
    district = Region.objects.filter(pk=district_id, level=Region.Level.DISTRICT).first()
    return villages_of(district).order_by("name") if district else Region.objects.none()


def place_villages(*, region: Region, district_id: int | None = None) -> QuerySet[Region]:
    """The villages of one district of the region, or of all its districts ordered by district."""
    if district_id:
        if not place_districts(region=region).filter(pk=district_id).exists():
            return Region.objects.none()
        return district_villages(district_id=district_id)
    return (
        Region.objects.filter(parent__parent=region, level=Region.Level.VILLAGE)
        .select_related("parent")
        .order_by("parent__name", "name")
    )


@dataclass(frozen=True)
class RegisterAggregates:
    """Counts of a region's active enterprises, nothing that names a business or a person."""

    total: int
    with_nib: int
    workers: int
    # Keyed by computed scale ("" when capital and turnover are unknown) and by sector.
    by_scale: dict[str, int]
    by_sector: dict[str, int]
    # (district name, count), largest first; "" for enterprises without a district.
    by_district: list[tuple[str, int]]


def register_aggregates(*, actor: Actor, region: Region) -> RegisterAggregates:
    """The register in figures, for the region's own people and for partners under an active agreement."""
    if not actor.is_superuser and region.pk not in aggregate_region_ids(actor, Perm.REGISTRY_VIEW):
        raise PermissionDenied("registry.forbidden", _("You may not read this region's register figures."))
    enterprises = Enterprise.objects.with_scope(region=region.pk).filter(status=Enterprise.Status.ACTIVE)
    totals = enterprises.aggregate(
        total=Count("pk"),
        workers=Sum(F("workers_male") + F("workers_female") + F("workers_unspecified")),
    )
    nib = Licence.objects.with_scopes_disabled().filter(enterprise=OuterRef("pk"), type=Licence.Type.NIB)
    with_nib = enterprises.filter(Exists(nib)).count()
    by_scale = dict(enterprises.values_list("computed_scale").annotate(count=Count("pk")).order_by())
    by_sector = dict(enterprises.values_list("sector").annotate(count=Count("pk")).order_by())
    districts = enterprises.values_list("district__name").annotate(count=Count("pk"))
    by_district = [(name or "", count) for name, count in districts.order_by("-count", "district__name")]
    return RegisterAggregates(
        total=totals["total"],
        with_nib=with_nib,
        workers=totals["workers"] or 0,
        by_scale=by_scale,
        by_sector=by_sector,
        by_district=by_district,
    )


def licence_coverage(*, actor: Actor, region: Region) -> dict[str, int]:
    """Active enterprises holding each type of licence, keyed by `Licence.Type`, zeros included.

    Counted through the register list's own licence filter, as the indicators' NIB coverage is.
    """
    return {
        licence_type: enterprise_list(
            actor=actor, region=region, filters=EnterpriseFilters(status="active", licence=licence_type)
        ).count()
        for licence_type in Licence.Type.values
    }
