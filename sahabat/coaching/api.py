"""The coaching API: programmes, sessions, participants and outcomes, scoped to the caller's regions."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from sahabat.accounts.api import tenant_region
from sahabat.accounts.permissions import Perm
from sahabat.coaching import selectors, services
from sahabat.coaching.schemas import (
    OutcomeIn,
    OutcomeOut,
    OutcomeQuery,
    ParticipantIn,
    ParticipantOut,
    ProgrammeDetailOut,
    ProgrammeIn,
    ProgrammeOut,
    ProgrammePatch,
    ProgrammeQuery,
    SessionIn,
    SessionOut,
)
from sahabat.core.api_errors import ERRORS
from sahabat.core.errors import DomainError
from sahabat.core.pagination import PageNumberPagination
from sahabat.regions.models import Region
from sahabat.regions.selectors import region_by_code

router = Router(tags=["coaching"])

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def _district(code: str | None) -> Region | None:
    if not code:
        return None
    try:
        return region_by_code(code)
    except Region.DoesNotExist:
        message = _("There is no place with code %(code)s in this regency.") % {"code": code}
        raise DomainError("session.district", message, field="district") from None


@router.get(
    "/programmes", response={200: list[ProgrammeOut], **ERRORS}, summary="Coaching programmes of a region"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_programmes(request, query: Query[ProgrammeQuery]):
    region = tenant_region(request.auth, query.region, Perm.COACHING_VIEW)
    filters = selectors.ProgrammeFilters(search=query.search, type=query.type or "", year=query.year)
    return selectors.programme_list(actor=request.auth, region=region, filters=filters)


@router.post("/programmes", response={201: ProgrammeDetailOut, **ERRORS}, summary="Create a programme")
def create_programme(request, payload: ProgrammeIn):
    region = tenant_region(request.auth, payload.region, Perm.COACHING_MANAGE)
    programme = services.programme_create(
        actor=request.auth, region=region, **payload.dict(exclude={"region"})
    )
    return Status(201, programme)


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeDetailOut, **ERRORS},
    summary="One programme with its sessions and outcome totals",
)
def get_programme(request, programme_id: int):
    return selectors.programme_get(actor=request.auth, programme_id=programme_id)


@router.patch(
    "/programmes/{programme_id}", response={200: ProgrammeDetailOut, **ERRORS}, summary="Change a programme"
)
def update_programme(request, programme_id: int, payload: ProgrammePatch):
    return services.programme_update(
        actor=request.auth, programme_id=programme_id, **payload.dict(exclude_unset=True)
    )


@router.post(
    "/programmes/{programme_id}/sessions", response={201: SessionOut, **ERRORS}, summary="Add a session"
)
def create_session(request, programme_id: int, payload: SessionIn):
    values = payload.dict()
    values["district"] = _district(payload.district)
    return Status(201, services.session_create(actor=request.auth, programme_id=programme_id, **values))


@router.get(
    "/programmes/{programme_id}/participants",
    response={200: list[ParticipantOut], **ERRORS},
    summary="Participants of a programme with their outcomes",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_participants(request, programme_id: int, search: str = ""):
    programme = selectors.programme_get(actor=request.auth, programme_id=programme_id)
    return selectors.participant_list(actor=request.auth, programme=programme, search=search)


@router.post(
    "/programmes/{programme_id}/participants",
    response={201: ParticipantOut, **ERRORS},
    summary="Enrol an enterprise of the region",
)
def add_participant(request, programme_id: int, payload: ParticipantIn):
    participant = services.participant_add(
        actor=request.auth, programme_id=programme_id, enterprise_id=payload.enterprise_id
    )
    return Status(201, participant)


@router.post(
    "/participants/{participant_id}/outcomes",
    response={201: OutcomeOut, **ERRORS},
    summary="Record an outcome",
    description="An NIB or a halal certificate with its number is added to the register as a licence too.",
)
def record_outcome(request, participant_id: int, payload: OutcomeIn):
    return Status(
        201, services.outcome_record(actor=request.auth, participant_id=participant_id, **payload.dict())
    )


@router.get(
    "/outcomes",
    response={200: list[OutcomeOut], **ERRORS},
    summary="Outcomes achieved in a region's programmes, by date",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_outcomes(request, query: Query[OutcomeQuery]):
    region = tenant_region(request.auth, query.region, Perm.COACHING_VIEW)
    return selectors.outcome_list(
        actor=request.auth, region=region, since=query.since, until=query.until, type=query.type or ""
    ).order_by("achieved_on", "pk")
