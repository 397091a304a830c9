"""The investment API: projects, investors, leads and the pipeline, gatherings; scoped to the caller."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from sahabat.accounts.api import tenant_region
from sahabat.accounts.permissions import Perm
from sahabat.core.api_errors import ERRORS
from sahabat.core.errors import DomainError
from sahabat.core.pagination import PageNumberPagination
from sahabat.investment import selectors, services
from sahabat.investment.schemas import (
    GatheringIn,
    GatheringOut,
    InvestorIn,
    InvestorOut,
    LeadIn,
    LeadMoveIn,
    LeadOut,
    LeadPatch,
    LeadQuery,
    PipelineQuery,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    ProjectQuery,
    StageFiguresOut,
)
from sahabat.investment.selectors import LeadFilters, ProjectFilters
from sahabat.regions.models import Region
from sahabat.regions.selectors import region_by_code

router = Router(tags=["investment"])

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def _district(code: str | None) -> Region | None:
    if not code:
        return None
    try:
        return region_by_code(code)
    except Region.DoesNotExist:
        message = _("There is no place with code %(code)s in this regency.") % {"code": code}
        raise DomainError("project.district", message, field="district") from None


@router.get(
    "/projects", response={200: list[ProjectOut], **ERRORS}, summary="Investment projects of a region"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_projects(request, query: Query[ProjectQuery]):
    region = tenant_region(request.auth, query.region, Perm.INVESTMENT_VIEW)
    filters = ProjectFilters(
        search=query.search, sector=query.sector or "", status=query.status or "", scheme=query.scheme or ""
    )
    return selectors.project_list(actor=request.auth, region=region, filters=filters)


@router.post("/projects", response={201: ProjectDetailOut, **ERRORS}, summary="Offer a project")
def create_project(request, payload: ProjectIn):
    region = tenant_region(request.auth, payload.region, Perm.INVESTMENT_MANAGE)
    values = payload.dict(exclude={"region"})
    values["district"] = _district(payload.district)
    return Status(201, services.project_create(actor=request.auth, region=region, **values))


@router.get(
    "/projects/{project_id}",
    response={200: ProjectDetailOut, **ERRORS},
    summary="One project with its documents and photos",
)
def get_project(request, project_id: int):
    return selectors.project_get(actor=request.auth, project_id=project_id)


@router.patch(
    "/projects/{project_id}", response={200: ProjectDetailOut, **ERRORS}, summary="Change a project"
)
def update_project(request, project_id: int, payload: ProjectPatch):
    values = payload.dict(exclude_unset=True)
    if "district" in values:
        values["district"] = _district(values["district"])
    return services.project_update(actor=request.auth, project_id=project_id, **values)


@router.get("/investors", response={200: list[InvestorOut], **ERRORS}, summary="Investors a region courts")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_investors(request, region: str | None = None, search: str = ""):
    tenant = tenant_region(request.auth, region, Perm.INVESTMENT_VIEW)
    return selectors.investor_list(actor=request.auth, region=tenant, search=search)


@router.post("/investors", response={201: InvestorOut, **ERRORS}, summary="Add an investor")
def create_investor(request, payload: InvestorIn):
    region = tenant_region(request.auth, payload.region, Perm.INVESTMENT_MANAGE)
    return Status(
        201, services.investor_create(actor=request.auth, region=region, **payload.dict(exclude={"region"}))
    )


@router.get(
    "/leads", response={200: list[LeadOut], **ERRORS}, summary="Leads of a region, next step due first"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_leads(request, query: Query[LeadQuery]):
    region = tenant_region(request.auth, query.region, Perm.INVESTMENT_VIEW)
    filters = LeadFilters(
        project_id=query.project_id,
        investor_id=query.investor_id,
        gathering_id=query.gathering_id,
        search=query.search,
    )
    return selectors.lead_list(actor=request.auth, region=region, filters=filters)


@router.post("/leads", response={201: LeadOut, **ERRORS}, summary="Open a lead of an investor on a project")
def create_lead(request, payload: LeadIn):
    return Status(201, services.lead_create(actor=request.auth, **payload.dict()))


@router.patch(
    "/leads/{lead_id}",
    response={200: LeadOut, **ERRORS},
    summary="Change a lead's value, next step, notes or gathering",
)
def update_lead(request, lead_id: int, payload: LeadPatch):
    return services.lead_update(actor=request.auth, lead_id=lead_id, **payload.dict(exclude_unset=True))


@router.post(
    "/leads/{lead_id}/stage",
    response={200: LeadOut, **ERRORS},
    summary="Move a lead to another stage",
    description="A realised lead is final (409); lost needs a reason; realised needs the lead's value.",
)
def move_lead(request, lead_id: int, payload: LeadMoveIn):
    return services.lead_move(actor=request.auth, lead_id=lead_id, stage=payload.stage, reason=payload.reason)


@router.get(
    "/pipeline",
    response={200: list[StageFiguresOut], **ERRORS},
    summary="Value and conversion per stage",
    description=(
        "Conversion at a stage = leads that reached it ÷ leads that reached the stage before, in percent; "
        "null at the first stage and when no lead reached the stage before."
    ),
)
def get_pipeline(request, query: Query[PipelineQuery]):
    region = tenant_region(request.auth, query.region, Perm.INVESTMENT_VIEW)
    filters = LeadFilters(project_id=query.project_id, gathering_id=query.gathering_id)
    return selectors.pipeline_figures(actor=request.auth, region=region, filters=filters)


@router.get(
    "/gatherings", response={200: list[GatheringOut], **ERRORS}, summary="Investor gatherings of a region"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_gatherings(request, region: str | None = None, search: str = ""):
    tenant = tenant_region(request.auth, region, Perm.INVESTMENT_VIEW)
    return selectors.gathering_list(actor=request.auth, region=tenant, search=search).prefetch_related(
        "invitees"
    )


@router.post("/gatherings", response={201: GatheringOut, **ERRORS}, summary="Record an investor gathering")
def create_gathering(request, payload: GatheringIn):
    region = tenant_region(request.auth, payload.region, Perm.INVESTMENT_MANAGE)
    return Status(
        201, services.gathering_create(actor=request.auth, region=region, **payload.dict(exclude={"region"}))
    )


@router.get("/gatherings/{gathering_id}", response={200: GatheringOut, **ERRORS}, summary="One gathering")
def get_gathering(request, gathering_id: int):
    return selectors.gathering_get(actor=request.auth, gathering_id=gathering_id)
