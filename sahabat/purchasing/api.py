"""The purchasing API: ASN purchases (list, record) and the 40% commitment of a region and of an agency."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from sahabat.accounts.api import tenant_region
from sahabat.accounts.permissions import Perm
from sahabat.core.api_errors import ERRORS
from sahabat.core.errors import DomainError
from sahabat.core.pagination import PageNumberPagination
from sahabat.purchasing import selectors
from sahabat.purchasing.commitment import SMALL_ENTERPRISE_FLOOR, Commitment
from sahabat.purchasing.models import Agency, Purchase
from sahabat.purchasing.schemas import (
    AgencyCommitmentOut,
    AgencyOut,
    AgencyQuery,
    PurchaseIn,
    PurchaseOut,
    PurchaseQuery,
    RegionCommitmentOut,
)
from sahabat.purchasing.services import purchase_record
from sahabat.regions.models import Region

router = Router(tags=["purchasing"])

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def _agency(region: Region, code: str) -> Agency:
    agency = selectors.agency_by_code(region=region, code=code)
    if agency is None:
        raise DomainError(
            "purchase.agency_unknown",
            _("No agency of %(region)s has the code %(code)s.") % {"region": region.name, "code": code},
            field="agency",
        )
    return agency


def _commitment(commitment: Commitment) -> dict:
    return {
        "budget": commitment.budget,
        "reserved_value": commitment.reserved_value,
        "reserved_realised": commitment.reserved_realised,
        "total_value": commitment.total_value,
        "total_realised": commitment.total_realised,
        "planned_share": commitment.planned_share,
        "realised_share": commitment.realised_share,
        "planned_below_floor": commitment.planned_below_floor,
        "realised_below_floor": commitment.realised_below_floor,
    }


def _year(region: Region, year: int | None) -> int:
    return year if year is not None else selectors.purchasing_years(region=region).default


@router.get("/agencies", response={200: list[AgencyOut], **ERRORS}, summary="Agencies (OPD) of a region")
def list_agencies(request, query: Query[AgencyQuery]):
    region = tenant_region(request.auth, query.region, Perm.PURCHASES_VIEW)
    return selectors.agency_list(actor=request.auth, region=region, search=query.search).select_related(
        "region"
    )


@router.get(
    "/purchases", response={200: list[PurchaseOut], **ERRORS}, summary="ASN purchases of a region, filtered"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_purchases(request, query: Query[PurchaseQuery]):
    actor = request.auth
    region = tenant_region(actor, query.region, Perm.PURCHASES_VIEW)
    filters = selectors.PurchaseFilters(
        agency_id=_agency(region, query.agency).pk if query.agency else None,
        enterprise_id=query.enterprise_id,
        channel=query.channel or "",
        since=query.since,
        until=query.until,
    )
    return selectors.purchase_list(actor=actor, region=region, filters=filters)


@router.post(
    "/purchases",
    response={201: PurchaseOut, **ERRORS},
    summary="Record an ASN purchase",
    description=(
        "An agency focal point records for its own agency, officers for any agency of their region, an "
        "UMKM owner the sales of its own enterprises to the civil servants of any region's agency. "
        "A sale that an event booth's cashier already marked as ASN is refused (`purchase.counted_at_event`)."
    ),
)
def create_purchase(request, payload: PurchaseIn):
    actor = request.auth
    # purchase_record decides who may record for this region's agencies (owners record for any region's).
    region = tenant_region(actor, payload.region, Perm.PURCHASES_RECORD, check=False)
    agency = _agency(region, payload.agency)
    if payload.enterprise_id is not None:
        enterprise_id = payload.enterprise_id
    elif payload.enterprise_nib:
        enterprise = selectors.supplier_by_nib(nib=payload.enterprise_nib.strip())
        if enterprise is None:
            raise DomainError(
                "purchase.enterprise_unknown",
                _("This enterprise is not in the register."),
                field="enterprise_nib",
            )
        enterprise_id = enterprise.pk
    else:
        raise DomainError(
            "purchase.enterprise_required", _("Give enterprise_id or enterprise_nib."), field="enterprise_id"
        )
    purchase = purchase_record(
        actor=actor,
        agency_id=agency.pk,
        enterprise_id=enterprise_id,
        purchased_on=payload.purchased_on,
        buyer_nip=payload.buyer_nip,
        amount=payload.amount,
        description=payload.description,
        channel=payload.channel,
        source=Purchase.Source.API,
    )
    return Status(201, purchase)


@router.get(
    "/commitment",
    response={200: RegionCommitmentOut, **ERRORS},
    summary="The 40% figures of a region and of each of its agencies",
    description="Shares are null for a budget year without a budget; they are never divided by zero.",
)
def region_commitment(request, region: str | None = None, year: int | None = Query(None, ge=1900, le=2100)):
    actor = request.auth
    place = tenant_region(actor, region, Perm.PURCHASES_VIEW, check=False)
    board = selectors.leaderboard(actor=actor, region=place, year=_year(place, year), ranking="realised")
    return {
        "region": place.code,
        "year": board.year,
        "floor": float(SMALL_ENTERPRISE_FLOOR),
        "total": _commitment(board.total),
        "asn_purchases": {
            "recorded": board.spending.recorded,
            "at_events": board.spending.at_events,
            "total": board.spending.total,
            "purchase_count": board.spending.purchase_count,
        },
        "agencies": [
            {
                "rank": row.rank,
                "agency": row.standing.agency,
                "asn_count": row.standing.agency.asn_count,
                "asn_purchases": row.standing.asn_purchases,
                "purchases_per_asn": row.standing.purchases_per_asn,
                "commitment": _commitment(row.standing.commitment),
            }
            for row in board.rows
        ],
    }


@router.get(
    "/agencies/{agency_id}/commitment",
    response={200: AgencyCommitmentOut, **ERRORS},
    summary="One agency's budget year: the 40% figures and its ASN purchases per month",
)
def agency_commitment(request, agency_id: int, year: int | None = Query(None, ge=1900, le=2100)):
    agency = selectors.agency_get(actor=request.auth, agency_id=agency_id)
    figures = selectors.agency_year(actor=request.auth, agency=agency, year=_year(agency.region, year))
    return {
        "agency": agency,
        "year": figures.year,
        "floor": float(SMALL_ENTERPRISE_FLOOR),
        "asn_count": agency.asn_count,
        "commitment": _commitment(figures.commitment),
        "asn_purchases": figures.purchase_total,
        "purchase_count": figures.purchase_count,
        "purchases_per_asn": figures.purchases_per_asn,
        "monthly": [{"month": month, "amount": amount} for month, amount in figures.monthly],
    }
