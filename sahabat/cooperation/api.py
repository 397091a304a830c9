"""The cooperation API: agreements and their action plans, and the partner dashboard's aggregates."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from sahabat.accounts.actor import Actor
from sahabat.accounts.api import tenant_region
from sahabat.accounts.permissions import Perm
from sahabat.cooperation import selectors, services
from sahabat.cooperation.indicators import partner_dashboard
from sahabat.cooperation.models import ActionItem, Agreement
from sahabat.cooperation.schemas import (
    ActionItemIn,
    ActionItemOut,
    ActionItemPatch,
    AgreementDetailOut,
    AgreementIn,
    AgreementOut,
    NotificationOut,
    PartnerDashboardOut,
)
from sahabat.core.api_errors import ERRORS
from sahabat.core.errors import DomainError, NotFound
from sahabat.regions.models import Region
from sahabat.regions.selectors import region_by_code

router = Router(tags=["cooperation"])


class RegionQuery(Schema):
    region: str | None = None


class DashboardQuery(RegionQuery):
    year: int | None = Field(None, ge=1900, le=2100)


def _region(code: str, *, field: str) -> Region:
    try:
        return region_by_code(code)
    except Region.DoesNotExist:
        message = _("There is no region with code %(code)s.") % {"code": code}
        raise DomainError("region.unknown", message, field=field) from None


def _agreement_out(agreement: Agreement) -> dict:
    today = selectors.cooperation_today()
    return {
        "id": agreement.pk,
        "type": agreement.type,
        "parent_id": agreement.parent_id,
        "title": agreement.title,
        "status": agreement.status,
        "lifecycle": agreement.lifecycle(today),
        "signed_on": agreement.signed_on,
        "valid_from": agreement.valid_from,
        "valid_until": agreement.valid_until,
    }


def _item_out(item: ActionItem, today) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "owner_region": item.owner_region,
        "agency_id": item.agency_id,
        "due_date": item.due_date,
        "status": item.status,
        "progress": item.progress,
        "overdue": item.is_overdue(today),
    }


def _detail(actor: Actor, agreement_id: int) -> dict:
    try:
        agreement = selectors.agreement_get(actor=actor, agreement_id=agreement_id)
    except Agreement.DoesNotExist:
        raise NotFound("agreement.unknown", _("This agreement does not exist for your region.")) from None
    today = selectors.cooperation_today()
    return {
        **_agreement_out(agreement),
        "purpose": agreement.purpose,
        "fields_of_cooperation": agreement.fields_of_cooperation,
        "funding_source": agreement.funding_source,
        "dprd_approval_reference": agreement.dprd_approval_reference,
        "implementing_agencies": agreement.implementing_agencies,
        "parties": agreement.party_list,
        "action_items": [_item_out(item, today) for item in selectors.action_items_of(agreement=agreement)],
    }


@router.get(
    "/agreements", response={200: list[AgreementOut], **ERRORS}, summary="Agreements a region is party to"
)
def list_agreements(request, query: Query[RegionQuery]):
    region = tenant_region(request.auth, query.region, Perm.COOPERATION_VIEW)
    return [
        _agreement_out(agreement) for agreement in selectors.agreement_list(actor=request.auth, region=region)
    ]


@router.get(
    "/agreements/{agreement_id}", response={200: AgreementDetailOut, **ERRORS}, summary="One agreement"
)
def get_agreement(request, agreement_id: int):
    return _detail(request.auth, agreement_id)


@router.post(
    "/agreements",
    response={201: AgreementDetailOut, **ERRORS},
    summary="Draft an agreement",
    description="Your region must be one of the parties; every party must be a regency or a city.",
)
def create_agreement(request, payload: AgreementIn):
    region = tenant_region(request.auth, payload.region, Perm.COOPERATION_MANAGE)
    parent = None
    if payload.parent_id is not None:
        parent = Agreement.unscoped.filter(pk=payload.parent_id).first()
        if parent is None:
            raise DomainError(
                "agreement.pks_needs_mou", _("The chosen MoU does not exist for your region."), field="parent"
            )
    parties = [
        services.PartyData(
            region=_region(party.region, field=f"parties[{index}].region"),
            document_number=party.document_number,
            signatory_name=party.signatory_name,
            signatory_position=party.signatory_position,
        )
        for index, party in enumerate(payload.parties)
    ]
    values = payload.dict(exclude={"region", "parent_id", "parties"})
    agreement = services.agreement_create(
        actor=request.auth, region=region, parties=parties, parent=parent, **values
    )
    return Status(201, _detail(request.auth, agreement.pk))


@router.post(
    "/agreements/{agreement_id}/action-items",
    response={201: ActionItemOut, **ERRORS},
    summary="Add an action item to the plan",
    description="The responsible region must be a party to the agreement.",
)
def create_action_item(request, agreement_id: int, payload: ActionItemIn):
    values = payload.dict(exclude={"owner_region", "agency_id"})
    item = services.action_item_create(
        actor=request.auth,
        agreement_id=agreement_id,
        owner_region=_region(payload.owner_region, field="owner_region"),
        agency_id=payload.agency_id,
        **values,
    )
    return Status(201, _item_out(item, selectors.cooperation_today()))


@router.patch(
    "/action-items/{action_item_id}",
    response={200: ActionItemOut, **ERRORS},
    summary="Report progress on an action item",
    description="Only the responsible region's people may change it.",
)
def update_action_item(request, action_item_id: int, payload: ActionItemPatch):
    item = services.action_item_update(
        actor=request.auth, action_item_id=action_item_id, **payload.dict(exclude_unset=True)
    )
    return _item_out(item, selectors.cooperation_today())


@router.get(
    "/partners/{code}/dashboard",
    response={200: PartnerDashboardOut, **ERRORS},
    summary="Your region against a partner, in aggregates",
    description="Answered only while an agreement between the two regions is in force; never any record.",
)
def get_partner_dashboard(request, code: str, query: Query[DashboardQuery]):
    region = tenant_region(request.auth, query.region, Perm.COOPERATION_VIEW)
    partner = _region(code, field="code")
    year = query.year or selectors.cooperation_today().year
    dashboard = partner_dashboard(actor=request.auth, region=region, partner=partner, year=year)
    return {
        "year": dashboard.year,
        "region": region,
        "partner": partner,
        "comparisons": dashboard.comparisons,
        "region_register": dashboard.own.register,
        "partner_register": dashboard.partner.register,
    }


@router.get("/notifications", response={200: list[NotificationOut], **ERRORS}, summary="Your notifications")
def list_notifications(request):
    return list(selectors.notifications_of(actor=request.auth)[:100])
