"""Writes for purchasing: agencies, ASN purchases, budgets and procurement packages."""
from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm, Role
from sahabat.core.crypto import blind_index
from sahabat.core.money import rupiah
from sahabat.core.errors import DomainError, NotFound, PermissionDenied, domain_error_from_validation
from sahabat.purchasing.models import Agency, ProcurementBudget, ProcurementPackage, Purchase
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise
from sahabat.registry.validators import mask_identifier, nip_parse

NIP_INDEX_PURPOSE = "nip"
AGENCY_FIELDS = ("code", "name", "short_name", "head_name", "asn_count", "is_active")
PACKAGE_FIELDS = ("name", "value", "method", "reserved_for_small", "realised", "supplier")


def nip_index(nip: str) -> str:
    return blind_index(nip, purpose=NIP_INDEX_PURPOSE)


def _agency_for(actor: Actor, agency_id: int, permission: str) -> Agency:
    """The agency, if the actor may write for it: by role in its region, and a focal point only for its own."""
    agency = Agency.objects.with_scopes_disabled().select_related("region").filter(pk=agency_id).first()
    if agency is None or not (actor.is_superuser or agency.region_id in actor.region_ids()):
        raise NotFound("agency.unknown", _("This agency does not exist in your region."))
    actor.require(permission, agency.region_id)
    roles = actor.roles_in(agency.region_id)
    broad = {Role.REGION_ADMIN, Role.OFFICER}
    if not actor.is_superuser and not roles & broad and Role.AGENCY_FOCAL_POINT in roles:
        if agency.pk not in actor.agency_ids:
            raise PermissionDenied("agency.not_yours", _("You record only for your own agency."))
    return agency


@transaction.atomic
def agency_save(*, actor: Actor, region: Region, agency_id: int | None = None, **values) -> Agency:
    """Create an agency, or update it when `agency_id` is given; codes are unique per region."""
    unknown = set(values) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agency fields: {sorted(unknown)}")
    actor.require(Perm.MEMBERS_MANAGE if agency_id is None else Perm.PROCUREMENT_MANAGE, region.pk)
    agency = Agency(region=region) if agency_id is None else _agency_for(actor, agency_id, Perm.PROCUREMENT_MANAGE)
    for name, value in values.items():
        setattr(agency, name, value.strip() if isinstance(value, str) else value)
    if not agency.code or not agency.name:
        raise DomainError("agency.required", _("An agency needs a code and a name."), field="code")
    clash = Agency.objects.with_scope(region=agency.region_id).filter(code=agency.code).exclude(pk=agency.pk)
    if clash.exists():
        raise DomainError(
            "agency.code_exists", _("Agency code %(code)s is already used.") % {"code": agency.code},
            field="code", status=409,
        )
    agency.save()
    return agency


def _check_enterprise_for_purchase(actor: Actor, enterprise_id: int) -> Enterprise:
    enterprise = Enterprise.objects.with_scopes_disabled().select_related("owner").filter(pk=enterprise_id).first()
    if enterprise is None:
        raise DomainError("purchase.enterprise_unknown", _("This enterprise is not in the register."), field="enterprise")
    if enterprise.status != Enterprise.Status.ACTIVE:
        raise DomainError(
            "purchase.enterprise_closed", _("This enterprise is closed; a purchase from it cannot be recorded."),
            field="enterprise",
        )
    return enterprise


@transaction.atomic
def purchase_record(
    *,
    actor: Actor,
    agency_id: int,
    enterprise_id: int,
    purchased_on: date,
    buyer_nip: str,
    amount: int,
    description: str = "",
    channel: str = Purchase.Channel.SHOP,
    receipt=None,
    source: str = Purchase.Source.AGENCY,
) -> Purchase:
    """Record a civil servant's purchase from an UMKM of any participating region.

    An agency focal point records for its own agency; an UMKM owner records sales of its own
    enterprises and types the buyer's NIP; officers and admins record for any agency.
    """
    agency = Agency.objects.with_scopes_disabled().select_related("region").filter(pk=agency_id).first()
    if agency is None:
        raise DomainError("purchase.agency_unknown", _("Choose an agency."), field="agency")
    enterprise = _check_enterprise_for_purchase(actor, enterprise_id)
    selling_owner = (
        enterprise.owner is not None
        and enterprise.owner.user_id is not None
        and enterprise.owner.user_id == actor.user_id
        and actor.has_perm(Perm.REGISTRY_EDIT_OWN, enterprise.region_id)
    )
    if selling_owner:
        source = Purchase.Source.OWNER
    else:
        agency = _agency_for(actor, agency_id, Perm.PURCHASES_RECORD)
    try:
        nip = nip_parse(buyer_nip).nip
    except ValidationError as error:
        raise domain_error_from_validation(error, field="buyer_nip") from None
    if purchased_on > timezone.localdate(timezone=agency.region.tzinfo):
        raise DomainError("purchase.future_date", _("The purchase date is in the future."), field="purchased_on")
    if amount <= 0:
        raise DomainError("purchase.amount_not_positive", _("The amount must be more than 0."), field="amount")
    if channel not in Purchase.Channel.values:
        raise DomainError("purchase.channel", _("Unknown channel."), field="channel")
    purchase = Purchase(
        region_id=agency.region_id,
        agency=agency,
        enterprise=enterprise,
        purchased_on=purchased_on,
        buyer_nip=nip,
        buyer_nip_index=nip_index(nip),
        buyer_nip_masked=mask_identifier(nip),
        amount=amount,
        description=description.strip(),
        channel=channel,
        source=source,
        recorded_by_id=actor.user_id,
    )
    if receipt:
        purchase.receipt = receipt
    purchase.save()
    return purchase


@transaction.atomic
def budget_set(*, actor: Actor, agency_id: int, year: int, goods_services_budget: int) -> ProcurementBudget:
    agency = _agency_for(actor, agency_id, Perm.PROCUREMENT_MANAGE)
    if goods_services_budget < 0:
        raise DomainError("budget.negative", _("The budget cannot be negative."), field="goods_services_budget")
    budget, _created = ProcurementBudget.objects.with_scopes_disabled().update_or_create(
        agency=agency, year=year, defaults={"goods_services_budget": goods_services_budget}
    )
    return budget


@transaction.atomic
def package_save(*, actor: Actor, agency_id: int, year: int, rup_code: str, **values) -> ProcurementPackage:
    """Create or update (by RUP code) a procurement package of the agency's budget year."""
    agency = _agency_for(actor, agency_id, Perm.PROCUREMENT_MANAGE)
    unknown = set(values) - set(PACKAGE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown package fields: {sorted(unknown)}")
    rup_code = rup_code.strip()
    if not rup_code:
        raise DomainError("package.rup_code_required", _("The RUP code is required."), field="rup_code")
    package = (
        ProcurementPackage.objects.with_scopes_disabled().filter(agency=agency, year=year, rup_code=rup_code).first()
        or ProcurementPackage(agency=agency, year=year, rup_code=rup_code)
    )
    for name, value in values.items():
        setattr(package, name, value)
    if package.value is None or package.value < 0:
        raise DomainError("package.value", _("The package value cannot be negative."), field="value")
    if package.realised < 0:
        raise DomainError("package.realised", _("The realised spend cannot be negative."), field="realised")
    if package.realised > package.value:
        raise DomainError(
            "package.realised_above_value",
            _("The realised spend (%(realised)s) is more than the package value (%(value)s).")
            % {"realised": rupiah(package.realised), "value": rupiah(package.value)},
            field="realised",
        )
    if not ProcurementBudget.objects.with_scopes_disabled().filter(agency=agency, year=year).exists():
        raise DomainError(
            "package.no_budget",
            _("Enter the agency's goods and services budget for %(year)s first.") % {"year": year},
            field="year",
        )
    package.save()
    return package
