"""Writes for purchasing: agencies and their focal points, ASN purchases, budgets and procurement packages."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import Membership
from sahabat.accounts.permissions import Perm, Role
from sahabat.accounts.services import user_invite
from sahabat.core.crypto import blind_index
from sahabat.core.errors import DomainError, NotFound, PermissionDenied, domain_error_from_validation
from sahabat.core.money import rupiah
from sahabat.dedupe.selectors import enterprise_family_ids
from sahabat.events.models import BuyerType, Sale
from sahabat.purchasing.models import Agency, ProcurementBudget, ProcurementPackage, Purchase
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise
from sahabat.registry.parsing import parse_digits
from sahabat.registry.validators import NIP_LENGTH, mask_identifier, nip_parse

NIP_INDEX_PURPOSE = "nip"
AGENCY_FIELDS = ("code", "name", "short_name", "head_name", "asn_count", "is_active")
PACKAGE_FIELDS = ("name", "value", "method", "reserved_for_small", "realised", "supplier")
# Roles that act for every agency of their region; anyone else acts only for the agency it is bound to.
BROAD_ROLES = frozenset({Role.REGION_ADMIN, Role.OFFICER})


def nip_index(nip: str) -> str:
    return blind_index(nip, purpose=NIP_INDEX_PURPOSE)


def _agency_for(actor: Actor, agency_id: int, permission: str) -> Agency:
    """The agency, if the actor may write for it: by role in its region; a focal point only for its own."""
    agency = Agency.objects.with_scopes_disabled().select_related("region").filter(pk=agency_id).first()
    if agency is None or not (actor.is_superuser or agency.region_id in actor.region_ids()):
        raise NotFound("agency.unknown", _("This agency does not exist in your region."))
    actor.require(permission, agency.region_id)
    bound_to_one = not actor.is_superuser and not actor.roles_in(agency.region_id) & BROAD_ROLES
    if bound_to_one and agency.pk not in actor.agency_ids:
        raise PermissionDenied("agency.not_yours", _("You record only for your own agency."))
    return agency


@transaction.atomic
def agency_save(*, actor: Actor, region: Region, agency_id: int | None = None, **values) -> Agency:
    """Create an agency, or update it when `agency_id` is given; codes are unique per region."""
    unknown = set(values) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agency fields: {sorted(unknown)}")
    actor.require(Perm.AGENCIES_MANAGE, region.pk)
    agency = (
        Agency(region=region) if agency_id is None else _agency_for(actor, agency_id, Perm.AGENCIES_MANAGE)
    )
    for name, value in values.items():
        setattr(agency, name, value.strip() if isinstance(value, str) else value)
    if not agency.code or not agency.name:
        raise DomainError("agency.required", _("An agency needs a code and a name."), field="code")
    if agency.asn_count is None or agency.asn_count < 0:
        raise DomainError("agency.asn_count", _("The number of ASN cannot be negative."), field="asn_count")
    clash = Agency.objects.with_scope(region=agency.region_id).filter(code=agency.code).exclude(pk=agency.pk)
    if clash.exists():
        raise DomainError(
            "agency.code_exists",
            _("Agency code %(code)s is already used.") % {"code": agency.code},
            field="code",
            status=409,
        )
    agency.save()
    return agency


@transaction.atomic
def focal_point_invite(
    *, actor: Actor, agency_id: int, email: str, full_name: str, invite_url_base: str
) -> Membership:
    """Make a person the focal point of this agency: accounts' invitation, then the binding.

    One person is the focal point of one agency per region: a person already bound to another
    agency is refused rather than silently moved.
    """
    agency = _agency_for(actor, agency_id, Perm.MEMBERS_MANAGE)
    current = (
        Membership.objects.with_scope(region=agency.region_id)
        .filter(user__email__iexact=email.strip(), role=Role.AGENCY_FOCAL_POINT, is_active=True)
        .select_related("agency")
        .first()
    )
    if current is not None and current.agency_id not in (None, agency.pk):
        raise DomainError(
            "focal_point.other_agency",
            _("This person is already the focal point of %(agency)s. Deactivate that membership first.")
            % {"agency": current.agency},
            field="email",
            status=409,
        )
    if current is not None and current.agency_id is None:
        membership = current
    else:
        membership = user_invite(
            actor=actor,
            region=agency.region,
            email=email,
            full_name=full_name,
            role=Role.AGENCY_FOCAL_POINT,
            invite_url_base=invite_url_base,
        )
    membership.agency = agency
    membership.save(update_fields=["agency"])
    return membership


def _check_enterprise_for_purchase(actor: Actor, enterprise_id: int) -> Enterprise:
    enterprise = (
        Enterprise.objects.with_scopes_disabled().select_related("owner").filter(pk=enterprise_id).first()
    )
    if enterprise is None:
        raise DomainError(
            "purchase.enterprise_unknown", _("This enterprise is not in the register."), field="enterprise"
        )
    return enterprise


def _counted_at_an_event(*, enterprise: Enterprise, purchased_on: date, amount: int, region: Region) -> bool:
    """Whether a booth cashier already recorded this sale to an ASN in an event's ledger (and it stands).

    A sale recorded under a record merged since into this one counts too (the ledger keeps the seller).
    """
    start = timezone.make_aware(datetime.combine(purchased_on, time.min), region.tzinfo)
    return (
        Sale.objects.with_scopes_disabled()
        .filter(
            enterprise_id__in=enterprise_family_ids(enterprise=enterprise),
            buyer_type=BuyerType.ASN,
            amount=amount,
            reversal_of__isnull=True,
            reversed_by__isnull=True,
            occurred_at__gte=start,
            occurred_at__lt=start + timedelta(days=1),
        )
        .exists()
    )


def purchase_check(
    *, agency: Agency, enterprise: Enterprise, purchased_on: date, buyer_nip: str, amount: int, channel: str
) -> str:
    """The rules every purchase meets, whoever records it (form, API, import); returns the clean NIP."""
    if enterprise.status != Enterprise.Status.ACTIVE:
        raise DomainError(
            "purchase.enterprise_closed",
            _("This enterprise is closed; a purchase from it cannot be recorded."),
            field="enterprise",
        )
    if not agency.is_active:
        raise DomainError("purchase.agency_inactive", _("This agency is no longer active."), field="agency")
    try:
        # NIPs are often written in groups ("19850312 201001 2 001"); the groups are read as one number.
        nip = nip_parse(parse_digits(buyer_nip, length=NIP_LENGTH, field_code="nip", label="NIP") or "").nip
    except ValidationError as error:
        raise domain_error_from_validation(error, field="buyer_nip") from None
    if purchased_on > timezone.localdate(timezone=agency.region.tzinfo):
        raise DomainError(
            "purchase.future_date", _("The purchase date is in the future."), field="purchased_on"
        )
    if amount is None or amount <= 0:
        raise DomainError(
            "purchase.amount_not_positive", _("The amount must be more than 0."), field="amount"
        )
    if channel not in Purchase.Channel.values:
        raise DomainError("purchase.channel", _("Unknown channel."), field="channel")
    # Event sales to ASN already count through the event ledger; entering one again would count it twice.
    if channel == Purchase.Channel.EVENT_BOOTH and _counted_at_an_event(
        enterprise=enterprise, purchased_on=purchased_on, amount=amount, region=agency.region
    ):
        raise DomainError(
            "purchase.counted_at_event",
            _(
                "The booth cashier already recorded this sale to an ASN at the event (same UMKM, day and "
                "amount). It is counted under “ASN purchases at events”; do not enter it again."
            ),
            field="channel",
            status=409,
        )
    return nip


def purchase_build(
    *,
    agency: Agency,
    enterprise: Enterprise,
    purchased_on: date,
    nip: str,
    amount: int,
    description: str,
    channel: str,
    source: str,
    recorded_by_id: int | None,
) -> Purchase:
    """An unsaved purchase from values that passed `purchase_check`; the import saves many at once."""
    return Purchase(
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
        recorded_by_id=recorded_by_id,
    )


def _is_selling_owner(actor: Actor, enterprise: Enterprise) -> bool:
    return (
        enterprise.owner is not None
        and enterprise.owner.user_id is not None
        and enterprise.owner.user_id == actor.user_id
        and actor.has_perm(Perm.REGISTRY_EDIT_OWN, enterprise.region_id)
    )


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
    enterprises to the civil servants of any region's agency and types the buyer's NIP; officers
    and admins record for any agency of their region.
    """
    agency = Agency.objects.with_scopes_disabled().select_related("region").filter(pk=agency_id).first()
    if agency is None:
        raise DomainError("purchase.agency_unknown", _("Choose an agency."), field="agency")
    enterprise = _check_enterprise_for_purchase(actor, enterprise_id)
    if _is_selling_owner(actor, enterprise):
        source = Purchase.Source.OWNER
    elif actor.region_ids_with(Perm.REGISTRY_EDIT_OWN) and not (
        actor.is_superuser or actor.roles_in(agency.region_id) & (BROAD_ROLES | {Role.AGENCY_FOCAL_POINT})
    ):
        raise DomainError(
            "purchase.not_own_enterprise",
            _("You can record only the sales of your own enterprises."),
            field="enterprise",
        )
    else:
        agency = _agency_for(actor, agency_id, Perm.PURCHASES_RECORD)
    nip = purchase_check(
        agency=agency,
        enterprise=enterprise,
        purchased_on=purchased_on,
        buyer_nip=buyer_nip,
        amount=amount,
        channel=channel,
    )
    purchase = purchase_build(
        agency=agency,
        enterprise=enterprise,
        purchased_on=purchased_on,
        nip=nip,
        amount=amount,
        description=description,
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
    if goods_services_budget is None or goods_services_budget < 0:
        raise DomainError(
            "budget.negative", _("The budget cannot be negative."), field="goods_services_budget"
        )
    if not 2018 <= year <= 2100:
        raise DomainError("budget.year", _("Enter a budget year between 2018 and 2100."), field="year")
    budget, _created = ProcurementBudget.objects.with_scopes_disabled().update_or_create(
        agency=agency, year=year, defaults={"goods_services_budget": goods_services_budget}
    )
    return budget


def package_check(package: ProcurementPackage, *, has_budget: bool) -> None:
    """The rules of a package, for the form, the API and the import alike."""
    if not package.name or not package.name.strip():
        raise DomainError("package.name_required", _("The package name is required."), field="name")
    if package.value is None or package.value < 0:
        raise DomainError("package.value", _("The package value cannot be negative."), field="value")
    if package.realised is None or package.realised < 0:
        raise DomainError("package.realised", _("The realised spend cannot be negative."), field="realised")
    if package.realised > package.value:
        raise DomainError(
            "package.realised_above_value",
            _("The realised spend (%(realised)s) is more than the package value (%(value)s).")
            % {"realised": rupiah(package.realised), "value": rupiah(package.value)},
            field="realised",
        )
    if not has_budget:
        raise DomainError(
            "package.no_budget",
            _("Enter the agency's goods and services budget for %(year)s first.") % {"year": package.year},
            field="year",
        )


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
    package = ProcurementPackage.objects.with_scopes_disabled().filter(
        agency=agency, year=year, rup_code=rup_code
    ).first() or ProcurementPackage(agency=agency, year=year, rup_code=rup_code)
    for name, value in values.items():
        setattr(package, name, value.strip() if isinstance(value, str) else value)
    package_check(
        package,
        has_budget=ProcurementBudget.objects.with_scopes_disabled().filter(agency=agency, year=year).exists(),
    )
    package.save()
    return package
