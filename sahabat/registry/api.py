"""The register API: enterprises and their products, scoped to the caller's regions."""

from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status
from ninja.pagination import paginate

from sahabat.accounts.api import tenant_region
from sahabat.accounts.permissions import Perm
from sahabat.core.api_errors import ERRORS
from sahabat.core.errors import DomainError
from sahabat.core.pagination import PageNumberPagination
from sahabat.regions.models import Region
from sahabat.regions.selectors import region_by_code
from sahabat.registry.models import Enterprise
from sahabat.registry.schemas import (
    EnterpriseDetailOut,
    EnterpriseIn,
    EnterpriseOut,
    EnterprisePatch,
    EnterpriseQuery,
    OwnerIn,
    ProductIn,
    ProductOut,
    ProductPatch,
)
from sahabat.registry.selectors import EnterpriseFilters, enterprise_get, enterprise_list, product_list
from sahabat.registry.services import (
    OwnerData,
    enterprise_create,
    enterprise_create_once,
    enterprise_update,
    product_create,
    product_delete,
    product_update,
)

router = Router(tags=["registry"])

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def _region_or_none(code: str) -> Region | None:
    try:
        return region_by_code(code)
    except Region.DoesNotExist:
        return None


def _place(region: Region, code: str | None, *, field: str) -> Region | None:
    """A district or village of the region, given by its code."""
    if not code:
        return None
    place = _region_or_none(code)
    if place is None or not place.code.startswith(f"{region.code}."):
        message = _("There is no place with code %(code)s in this regency.") % {"code": code}
        raise DomainError(f"enterprise.{field}", message, field=field)
    return place


def _owner(owner: OwnerIn | None) -> OwnerData | None:
    return OwnerData(**owner.dict()) if owner is not None else None


@router.get(
    "/enterprises", response={200: list[EnterpriseOut], **ERRORS}, summary="Enterprises of a region, filtered"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_enterprises(request, query: Query[EnterpriseQuery]):
    region = tenant_region(request.auth, query.region, Perm.REGISTRY_VIEW)
    district = _place(region, query.district, field="district")
    village = _place(region, query.village, field="village")
    filters = EnterpriseFilters(
        search=query.search,
        district_id=district.pk if district else None,
        village_id=village.pk if village else None,
        scale=query.scale or "",
        sector=query.sector or "",
        licence=query.licence or "",
        status=query.status or "",
        ordering=query.ordering,
    )
    return enterprise_list(actor=request.auth, region=region, filters=filters)


@router.get(
    "/enterprises/{enterprise_id}",
    response={200: EnterpriseDetailOut, **ERRORS},
    summary="One enterprise with its licences and active products",
)
def get_enterprise(request, enterprise_id: int):
    return enterprise_get(actor=request.auth, enterprise_id=enterprise_id)


@router.post(
    "/enterprises",
    response={201: EnterpriseDetailOut, 200: EnterpriseDetailOut, **ERRORS},
    summary="Register an enterprise",
    description=(
        "Send an `Idempotency-Key` header to make a retry safe: a key already used in the region "
        "answers 200 with the enterprise created the first time, without creating another."
    ),
)
def create_enterprise(
    request, payload: EnterpriseIn, idempotency_key: str | None = Header(None, alias="Idempotency-Key")
):
    region = tenant_region(request.auth, payload.region, Perm.REGISTRY_EDIT)
    values = payload.dict(exclude={"region", "owner", "nib", "district", "village"})
    values["district"] = _place(region, payload.district, field="district")
    values["village"] = _place(region, payload.village, field="village")
    arguments = dict(
        actor=request.auth,
        region=region,
        owner=_owner(payload.owner),
        nib=payload.nib,
        source=Enterprise.Source.API,
        **values,
    )
    if idempotency_key is None:
        return Status(201, enterprise_create(**arguments))
    enterprise, created = enterprise_create_once(idempotency_key=idempotency_key, **arguments)
    return Status(201 if created else 200, enterprise)


@router.patch(
    "/enterprises/{enterprise_id}",
    response={200: EnterpriseDetailOut, **ERRORS},
    summary="Change an enterprise",
    description="Only the fields sent change; `owner`, when sent, replaces the owner's details as a whole.",
)
def update_enterprise(request, enterprise_id: int, payload: EnterprisePatch):
    region = enterprise_get(actor=request.auth, enterprise_id=enterprise_id).region
    values = payload.dict(exclude_unset=True, exclude={"owner", "nib"})
    for field in ("district", "village"):
        if field in values:
            values[field] = _place(region, values[field], field=field)
    owner = _owner(payload.owner)
    enterprise_update(actor=request.auth, enterprise_id=enterprise_id, owner=owner, nib=payload.nib, **values)
    return enterprise_get(actor=request.auth, enterprise_id=enterprise_id)


@router.get(
    "/enterprises/{enterprise_id}/products",
    response={200: list[ProductOut], **ERRORS},
    summary="Products of an enterprise, inactive ones included",
)
def list_products(request, enterprise_id: int):
    return product_list(enterprise=enterprise_get(actor=request.auth, enterprise_id=enterprise_id))


@router.post(
    "/enterprises/{enterprise_id}/products", response={201: ProductOut, **ERRORS}, summary="Add a product"
)
def create_product(request, enterprise_id: int, payload: ProductIn):
    return Status(201, product_create(actor=request.auth, enterprise_id=enterprise_id, **payload.dict()))


@router.patch("/products/{product_id}", response={200: ProductOut, **ERRORS}, summary="Change a product")
def update_product(request, product_id: int, payload: ProductPatch):
    return product_update(actor=request.auth, product_id=product_id, **payload.dict(exclude_unset=True))


@router.delete("/products/{product_id}", response={204: None, **ERRORS}, summary="Delete a product")
def delete_product(request, product_id: int):
    product_delete(actor=request.auth, product_id=product_id)
    return Status(204, None)
