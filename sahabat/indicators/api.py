"""The indicators API: indicators with their status from the pace, targets and realisations; scoped."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from sahabat.accounts.api import tenant_region
from sahabat.accounts.permissions import Perm
from sahabat.core.api_errors import ERRORS
from sahabat.core.errors import DomainError
from sahabat.core.pagination import PageNumberPagination
from sahabat.indicators import selectors, services
from sahabat.indicators.computations import COMPUTATIONS
from sahabat.indicators.schemas import (
    ComputationOut,
    IndicatorDetailOut,
    IndicatorIn,
    IndicatorOut,
    IndicatorPatch,
    IndicatorQuery,
    RealisationIn,
    RealisationOut,
    TargetIn,
    TargetOut,
)
from sahabat.purchasing.models import Agency
from sahabat.regions.models import Region

router = Router(tags=["indicators"])

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def _agency(request, region: Region, agency_id: int | None) -> Agency | None:
    if agency_id is None:
        return None
    agency = selectors.region_agencies(actor=request.auth, region=region).filter(pk=agency_id).first()
    if agency is None:
        raise DomainError("indicator.agency", _("Choose an agency of this region."), field="owner_agency_id")
    return agency


@router.get(
    "/computations",
    response={200: list[ComputationOut], **ERRORS},
    summary="What a computed indicator can be computed from",
)
def list_computations(request):
    return [
        {"key": key, "label": str(item.label), "unit": item.unit, "measure": item.measure}
        for key, item in COMPUTATIONS.items()
    ]


@router.get(
    "",
    response={200: list[IndicatorOut], **ERRORS},
    summary="Indicators of a region with their current status",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_indicators(request, query: Query[IndicatorQuery]):
    region = tenant_region(request.auth, query.region, Perm.INDICATORS_VIEW)
    filters = selectors.IndicatorFilters(search=query.search, kind=query.kind or "")
    return selectors.indicator_list(actor=request.auth, region=region, filters=filters)


@router.post("", response={201: IndicatorDetailOut, **ERRORS}, summary="Create an indicator")
def create_indicator(request, payload: IndicatorIn):
    region = tenant_region(request.auth, payload.region, Perm.INDICATORS_MANAGE)
    values = payload.dict(exclude={"region", "owner_agency_id"})
    values["owner_agency"] = _agency(request, region, payload.owner_agency_id)
    return Status(201, services.indicator_create(actor=request.auth, region=region, **values))


@router.get(
    "/{indicator_id}",
    response={200: IndicatorDetailOut, **ERRORS},
    summary="One indicator with the status of each target and its realisations",
)
def get_indicator(request, indicator_id: int):
    return selectors.indicator_get(actor=request.auth, indicator_id=indicator_id)


@router.patch("/{indicator_id}", response={200: IndicatorDetailOut, **ERRORS}, summary="Change an indicator")
def update_indicator(request, indicator_id: int, payload: IndicatorPatch):
    indicator = selectors.indicator_get(actor=request.auth, indicator_id=indicator_id)
    values = payload.dict(exclude_unset=True, exclude={"owner_agency_id"})
    if "owner_agency_id" in payload.model_fields_set:
        values["owner_agency"] = _agency(request, indicator.region, payload.owner_agency_id)
    return services.indicator_update(actor=request.auth, indicator_id=indicator.pk, **values)


@router.post(
    "/{indicator_id}/targets", response={201: TargetOut, **ERRORS}, summary="Set a target for a period"
)
def create_target(request, indicator_id: int, payload: TargetIn):
    return Status(
        201, services.target_create(actor=request.auth, indicator_id=indicator_id, **payload.dict())
    )


@router.post(
    "/{indicator_id}/realisations",
    response={201: RealisationOut, **ERRORS},
    summary="Record the value of a manual indicator on a date",
    description="Evidence files are uploaded on the indicator's page; here a link may be given.",
)
def create_realisation(request, indicator_id: int, payload: RealisationIn):
    return Status(
        201, services.realisation_record(actor=request.auth, indicator_id=indicator_id, **payload.dict())
    )
