"""Writes for the UMKM register: owners, enterprises, licences and products."""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import AccessLog
from sahabat.accounts.permissions import Perm, Role
from sahabat.accounts.services import access_log_record
from sahabat.core.crypto import blind_index
from sahabat.core.errors import DomainError, NotFound, domain_error_from_validation
from sahabat.regions.models import Region
from sahabat.registry.models import ApiIdempotencyKey, Enterprise, Licence, Owner, Product
from sahabat.registry.scale import CURRENT_RULE, scale_compute
from sahabat.registry.validators import (
    licence_number_normalize,
    mask_identifier,
    nik_parse,
    phone_normalize,
    validate_kbli,
)

NIK_INDEX_PURPOSE = "nik"
PHONE_INDEX_PURPOSE = "phone"

# Fields a form, the API or an import may set on an enterprise; the rest is derived or internal.
ENTERPRISE_FIELDS = (
    "name",
    "brand",
    "district",
    "village",
    "address",
    "rt",
    "rw",
    "postal_code",
    "latitude",
    "longitude",
    "business_phone",
    "kbli_codes",
    "kbli_version",
    "sector",
    "description",
    "capital",
    "annual_turnover",
    "workers_male",
    "workers_female",
    "founding_year",
    "reported_scale",
    "status",
    "is_public",
    "whatsapp_public",
)


@dataclass
class OwnerData:
    name: str
    nik: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    has_disability: bool = False


def nik_index(nik: str) -> str:
    return blind_index(nik, purpose=NIK_INDEX_PURPOSE)


def phone_index(phone_e164: str) -> str:
    return blind_index(phone_e164, purpose=PHONE_INDEX_PURPOSE)


def owner_prepare(*, region: Region, data: OwnerData, owner: Owner | None = None) -> Owner:
    """Validate an owner's identifiers and fill the derived fields; nothing is saved."""
    owner = owner or Owner(region=region)
    owner.name = data.name.strip()
    owner.email = data.email.strip()
    owner.address = data.address.strip()
    owner.has_disability = data.has_disability
    try:
        if data.nik:
            info = nik_parse(data.nik)
            owner.nik, owner.nik_index = info.nik, nik_index(info.nik)
            owner.nik_masked = mask_identifier(info.nik)
            owner.sex, owner.birth_date = info.sex, info.birth_date
        else:
            owner.nik = owner.nik_index = owner.nik_masked = ""
        owner.phone = phone_normalize(data.phone) if data.phone else ""
    except ValidationError as error:
        raise domain_error_from_validation(
            error, field="nik" if data.nik and not owner.nik else "phone"
        ) from None
    owner.phone_index = phone_index(owner.phone) if owner.phone else ""
    if not owner.name:
        raise DomainError("owner.name_required", _("The owner's name is required."), field="owner_name")
    return owner


def _owner_for(*, region: Region, data: OwnerData) -> Owner:
    """The region's owner with this NIK, updated, or a new one: one person is one owner."""
    prepared = owner_prepare(region=region, data=data)
    existing = (
        Owner.objects.with_scope(region=region).filter(nik_index=prepared.nik_index).first()
        if prepared.nik_index
        else None
    )
    if existing is not None:
        owner_prepare(region=region, data=data, owner=existing)
        existing.save()
        return existing
    prepared.save()
    return prepared


def _refuse_nik_of_another_owner(owner: Owner) -> None:
    other = (
        Owner.objects.with_scope(region=owner.region_id)
        .filter(nik_index=owner.nik_index)
        .exclude(pk=owner.pk)
        .first()
        if owner.nik_index
        else None
    )
    if other is not None:
        raise DomainError(
            "owner.nik_exists",
            _("This NIK belongs to another owner in the register (%(name)s).") % {"name": other.name},
            field="nik",
            status=409,
            meta={"owner_id": other.pk},
        )


def _require_edit(actor: Actor, enterprise: Enterprise) -> None:
    if actor.has_perm(Perm.REGISTRY_EDIT, enterprise.region_id):
        return
    if (
        actor.has_perm(Perm.REGISTRY_EDIT_OWN, enterprise.region_id)
        and enterprise.owner is not None
        and enterprise.owner.user_id == actor.user_id
    ):
        return
    actor.require(Perm.REGISTRY_EDIT, enterprise.region_id)


def _enterprise_for_write(actor: Actor, enterprise_id: int) -> Enterprise:
    enterprise = (
        Enterprise.objects.with_scopes_disabled()
        .select_related("owner", "region")
        .filter(pk=enterprise_id)
        .first()
    )
    if enterprise is None or not (actor.is_superuser or enterprise.region_id in actor.region_ids()):
        raise NotFound("enterprise.unknown", _("This enterprise does not exist in your region."))
    _require_edit(actor, enterprise)
    return enterprise


def _check_places(enterprise: Enterprise) -> None:
    district, village = enterprise.district, enterprise.village
    if district is not None and (
        district.parent_id != enterprise.region_id or district.level != Region.Level.DISTRICT
    ):
        raise DomainError("enterprise.district", _("The district is not in this regency."), field="district")
    if village is not None and (district is None or village.parent_id != district.pk):
        raise DomainError(
            "enterprise.village", _("The village is not in the chosen district."), field="village"
        )


def enterprise_derive(enterprise: Enterprise) -> None:
    """Fill what is computed, never typed: the PP 7/2021 scale from capital and sales."""
    scale = scale_compute(capital=enterprise.capital, annual_sales=enterprise.annual_turnover)
    enterprise.computed_scale = scale.value if scale else ""
    enterprise.scale_rule = CURRENT_RULE if scale else ""


def _validate(enterprise: Enterprise) -> None:
    try:
        enterprise.full_clean(exclude=["owner", "import_job"])
    except ValidationError as error:
        raise domain_error_from_validation(error) from None
    _check_places(enterprise)
    if enterprise.kbli_codes:
        if enterprise.kbli_version is None:
            raise DomainError(
                "kbli.version_required", _("Choose the KBLI version of the codes."), field="kbli_version"
            )
        try:
            for code in enterprise.kbli_codes:
                validate_kbli(str(code), enterprise.kbli_version)
        except ValidationError as error:
            raise domain_error_from_validation(error, field="kbli_codes") from None
    if enterprise.business_phone:
        try:
            enterprise.business_phone = phone_normalize(enterprise.business_phone)
        except ValidationError as error:
            raise domain_error_from_validation(error, field="business_phone") from None


def _nib_conflict(
    region: Region, nib: str, *, exclude_enterprise_id: int | None = None
) -> DomainError | None:
    existing = (
        Licence.objects.with_scope(region=region)
        .filter(type=Licence.Type.NIB, number=nib)
        .exclude(enterprise_id=exclude_enterprise_id)
        .select_related("enterprise")
        .first()
    )
    if existing is None:
        return None
    return DomainError(
        "nib.exists",
        _("NIB %(nib)s is already registered to “%(name)s”.")
        % {"nib": nib, "name": existing.enterprise.name},
        field="nib",
        status=409,
        meta={"enterprise_id": existing.enterprise_id},
    )


def _set_nib(enterprise: Enterprise, nib: str) -> None:
    number = licence_number_normalize("nib", nib) if nib else ""
    current = enterprise.licences.filter(type=Licence.Type.NIB).first() if enterprise.pk else None
    if current is not None and current.number == number:
        return
    if number:
        conflict = _nib_conflict(enterprise.region, number, exclude_enterprise_id=enterprise.pk)
        if conflict:
            raise conflict
    if current is not None:
        current.delete()
    if number:
        Licence.objects.create(
            enterprise=enterprise, region_id=enterprise.region_id, type=Licence.Type.NIB, number=number
        )


@transaction.atomic
def enterprise_create(
    *,
    actor: Actor,
    region: Region,
    owner: OwnerData | None = None,
    nib: str = "",
    source: str = Enterprise.Source.FORM,
    **values,
) -> Enterprise:
    """Register an enterprise (and its owner, found by NIK or created); a known NIB is refused."""
    actor.require(Perm.REGISTRY_EDIT, region.pk)
    unknown = set(values) - set(ENTERPRISE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown enterprise fields: {sorted(unknown)}")
    enterprise = Enterprise(region=region, source=source, **values)
    enterprise_derive(enterprise)
    _validate(enterprise)
    try:
        nib_number = licence_number_normalize("nib", nib) if nib else ""
    except ValidationError as error:
        raise domain_error_from_validation(error, field="nib") from None
    if nib_number and (conflict := _nib_conflict(region, nib_number)):
        raise conflict
    if owner is not None:
        enterprise.owner = _owner_for(region=region, data=owner)
    enterprise.save()
    _set_nib(enterprise, nib_number)
    return enterprise


IDEMPOTENCY_KEY_MAX_LENGTH = 100


def _created_with_key(region: Region, key: str) -> Enterprise | None:
    keys = ApiIdempotencyKey.objects.with_scope(region=region).select_related("enterprise")
    earlier = keys.filter(key=key).first()
    return earlier.enterprise if earlier else None


def enterprise_create_once(
    *, actor: Actor, region: Region, idempotency_key: str, **values
) -> tuple[Enterprise, bool]:
    """enterprise_create for a client that may resend: a key already used in the region gives back
    the enterprise created the first time, and `False` for "not created now"."""
    key = idempotency_key.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX_LENGTH or not key.isprintable():
        raise DomainError(
            "idempotency.key_invalid",
            _("The Idempotency-Key header must be 1 to %(max)d printable characters.")
            % {"max": IDEMPOTENCY_KEY_MAX_LENGTH},
            field="Idempotency-Key",
            status=400,
        )
    actor.require(Perm.REGISTRY_EDIT, region.pk)
    if (earlier := _created_with_key(region, key)) is not None:
        return earlier, False
    try:
        with transaction.atomic():
            enterprise = enterprise_create(actor=actor, region=region, **values)
            ApiIdempotencyKey.objects.create(region=region, key=key, enterprise=enterprise)
    except IntegrityError:
        # A concurrent request with the same key committed first: its enterprise is the answer.
        if (earlier := _created_with_key(region, key)) is None:
            raise
        return earlier, False
    return enterprise, True


@transaction.atomic
def enterprise_update(
    *, actor: Actor, enterprise_id: int, owner: OwnerData | None = None, nib: str | None = None, **values
) -> Enterprise:
    enterprise = _enterprise_for_write(actor, enterprise_id)
    unknown = set(values) - set(ENTERPRISE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown enterprise fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(enterprise, name, value)
    enterprise_derive(enterprise)
    _validate(enterprise)
    if owner is not None:
        if enterprise.owner is not None:
            owner_prepare(region=enterprise.region, data=owner, owner=enterprise.owner)
            _refuse_nik_of_another_owner(enterprise.owner)
            enterprise.owner.save()
        else:
            enterprise.owner = _owner_for(region=enterprise.region, data=owner)
    enterprise.save()
    if nib is not None:
        try:
            _set_nib(enterprise, nib)
        except ValidationError as error:
            raise domain_error_from_validation(error, field="nib") from None
    return enterprise


@transaction.atomic
def licence_add(
    *, actor: Actor, enterprise_id: int, type: str, number: str, issued_on=None, expires_on=None
) -> Licence:
    enterprise = _enterprise_for_write(actor, enterprise_id)
    try:
        number = licence_number_normalize(type, number)
    except ValidationError as error:
        raise domain_error_from_validation(error, field="number") from None
    if type == Licence.Type.NIB and (conflict := _nib_conflict(enterprise.region, number)):
        raise conflict
    if issued_on and expires_on and expires_on < issued_on:
        raise DomainError(
            "licence.expiry_before_issue", _("The expiry date is before the issue date."), field="expires_on"
        )
    try:
        with transaction.atomic():
            return Licence.objects.create(
                enterprise=enterprise,
                region_id=enterprise.region_id,
                type=type,
                number=number,
                issued_on=issued_on,
                expires_on=expires_on,
            )
    except IntegrityError:
        raise _nib_conflict(enterprise.region, number) or DomainError(
            "licence.invalid", _("This licence cannot be saved."), status=409
        ) from None


@transaction.atomic
def licence_remove(*, actor: Actor, licence_id: int) -> None:
    licence = Licence.objects.with_scopes_disabled().filter(pk=licence_id).first()
    if licence is None:
        raise NotFound("licence.unknown", _("This licence does not exist in your region."))
    _enterprise_for_write(actor, licence.enterprise_id)
    licence.delete()


PRODUCT_FIELDS = ("name", "description", "category", "price", "unit", "photo", "is_halal", "is_active")


def _validated_product(product: Product) -> Product:
    try:
        product.full_clean(exclude=["enterprise"])
    except ValidationError as error:
        raise domain_error_from_validation(error) from None
    return product


@transaction.atomic
def product_create(*, actor: Actor, enterprise_id: int, **values) -> Product:
    enterprise = _enterprise_for_write(actor, enterprise_id)
    product = _validated_product(Product(enterprise=enterprise, **values))
    product.save()
    return product


def _product_for_write(actor: Actor, product_id: int) -> Product:
    product = Product.objects.with_scopes_disabled().filter(pk=product_id).first()
    if product is None:
        raise NotFound("product.unknown", _("This product does not exist in your region."))
    product.enterprise = _enterprise_for_write(actor, product.enterprise_id)
    return product


@transaction.atomic
def product_update(*, actor: Actor, product_id: int, **values) -> Product:
    product = _product_for_write(actor, product_id)
    for name, value in values.items():
        if name not in PRODUCT_FIELDS:
            raise TypeError(f"Unknown product field: {name}")
        setattr(product, name, value)
    _validated_product(product).save()
    return product


@transaction.atomic
def product_delete(*, actor: Actor, product_id: int) -> None:
    _product_for_write(actor, product_id).delete()


def owner_reveal_nik(*, actor: Actor, owner_id: int, ip_address: str | None = None) -> str:
    """The full NIK, for those allowed; every reveal is written to the access log."""
    owner = Owner.objects.with_scopes_disabled().filter(pk=owner_id).first()
    if owner is None or not (actor.is_superuser or owner.region_id in actor.region_ids()):
        raise NotFound("owner.unknown", _("This owner does not exist in your region."))
    actor.require(Perm.PERSONAL_REVEAL, owner.region_id)
    access_log_record(
        actor=actor,
        region_id=owner.region_id,
        action=AccessLog.Action.REVEAL,
        object_type="owner.nik",
        object_id=str(owner.pk),
        ip_address=ip_address,
    )
    return owner.nik


@transaction.atomic
def owner_link_user(*, actor: Actor, owner_id: int, user) -> Owner:
    """Let an UMKM owner log in and keep its own enterprises: link the login and grant the role."""
    from sahabat.accounts.models import Membership

    owner = Owner.objects.with_scopes_disabled().filter(pk=owner_id).first()
    if owner is None or not (actor.is_superuser or owner.region_id in actor.region_ids()):
        raise NotFound("owner.unknown", _("This owner does not exist in your region."))
    actor.require(Perm.MEMBERS_MANAGE, owner.region_id)
    owner.user = user
    owner.save(update_fields=["user"])
    Membership.objects.with_scope(region=owner.region_id).get_or_create(
        user=user, region_id=owner.region_id, role=Role.UMKM_OWNER
    )
    return owner


@transaction.atomic
def owner_grant_access(*, actor: Actor, enterprise_id: int, email: str, invite_url_base: str) -> Owner:
    """Give an enterprise's owner a login: invite the e-mail as UMKM owner (unless it is one) and link it."""
    from sahabat.accounts.models import Membership, User
    from sahabat.accounts.services import user_invite

    enterprises = Enterprise.objects.with_scopes_disabled().select_related("owner", "region")
    enterprise = enterprises.filter(pk=enterprise_id).first()
    if enterprise is None or not (actor.is_superuser or enterprise.region_id in actor.region_ids()):
        raise NotFound("enterprise.unknown", _("This enterprise does not exist in your region."))
    actor.require(Perm.MEMBERS_MANAGE, enterprise.region_id)
    if enterprise.owner is None:
        raise DomainError("owner.missing", _("Record the owner of this enterprise first."), field="email")
    user = User.objects.filter(email__iexact=email.strip()).first()
    is_owner_already = (
        user is not None
        and Membership.objects.with_scope(region=enterprise.region_id)
        .filter(user=user, role=Role.UMKM_OWNER, is_active=True)
        .exists()
    )
    if not is_owner_already:
        user = user_invite(
            actor=actor,
            region=enterprise.region,
            email=email,
            full_name=enterprise.owner.name,
            role=Role.UMKM_OWNER,
            invite_url_base=invite_url_base,
        ).user
    return owner_link_user(actor=actor, owner_id=enterprise.owner_id, user=user)


def owner_data_fields() -> tuple[str, ...]:
    return tuple(field.name for field in fields(OwnerData))
