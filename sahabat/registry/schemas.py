"""Input and output shapes of the register API; personal fields never appear in any output."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from sahabat.registry.models import Enterprise, Licence, Product, Sector
from sahabat.registry.scale import Scale
from sahabat.registry.selectors import ORDERINGS, licence_list, product_list

Ordering = Literal[tuple(ORDERINGS)]
# "none" asks for enterprises that hold no licence at all.
LicenceFilter = Literal[(*Licence.Type.values, "none")]
# Choices as plain values: as enums they would be documented under the bare names `Sector` and
# `Status`, which other apps' choices share.
EnterpriseSector = Literal[tuple(Sector.values)]
EnterpriseStatus = Literal[tuple(Enterprise.Status.values)]


class PlaceOut(Schema):
    code: str
    name: str


class OwnerOut(Schema):
    """Who owns the enterprise, as far as a list may show: the name and the masked NIK."""

    id: int
    name: str
    nik_masked: str


class EnterpriseLicenceOut(Schema):
    id: int
    type: str
    number: str
    issued_on: date | None
    expires_on: date | None


class ProductOut(Schema):
    id: int
    enterprise_id: int
    name: str
    description: str
    category: str
    price: int
    unit: str
    photo: str | None
    is_halal: bool
    is_active: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_photo(product: Product) -> str | None:
        return product.photo.url if product.photo else None


class EnterpriseOut(Schema):
    id: int
    region: str = Field(alias="region.code")
    name: str
    brand: str
    district: PlaceOut | None
    village: PlaceOut | None
    address: str
    rt: str
    rw: str
    postal_code: str
    latitude: float | None
    longitude: float | None
    business_phone: str
    kbli_codes: list[str]
    kbli_version: int | None
    sector: str
    description: str
    capital: int | None
    annual_turnover: int | None
    workers_male: int
    workers_female: int
    founding_year: int | None
    reported_scale: str
    computed_scale: str
    scale_rule: str
    status: str
    source: str
    owner: OwnerOut | None
    nib: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_nib(enterprise: Enterprise) -> str:
        # Read from `licences.all()` so that a list that prefetched the licences asks nothing more.
        nibs = (licence.number for licence in enterprise.licences.all() if licence.type == Licence.Type.NIB)
        return next(nibs, "")


class EnterpriseDetailOut(EnterpriseOut):
    licences: list[EnterpriseLicenceOut]
    products: list[ProductOut] = Field(description="Active products only.")

    @staticmethod
    def resolve_licences(enterprise: Enterprise) -> list[Licence]:
        return list(licence_list(enterprise=enterprise))

    @staticmethod
    def resolve_products(enterprise: Enterprise) -> list[Product]:
        return list(product_list(enterprise=enterprise, active_only=True))


class EnterpriseQuery(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    search: str = Field("", description="Words of the name, brand, owner or address; or a whole NIK or NIB.")
    district: str | None = Field(None, description="District code, e.g. 35.09.21.")
    village: str | None = Field(None, description="Village code, e.g. 35.09.21.1001.")
    scale: Scale | None = Field(None, description="The computed scale (PP 7/2021).")
    sector: EnterpriseSector | None = None
    licence: LicenceFilter | None = None
    status: EnterpriseStatus | None = None
    ordering: Ordering = "name"


class OwnerIn(Schema):
    name: str = Field(max_length=150)
    nik: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    has_disability: bool = False


class EnterpriseFieldsIn(Schema):
    """What a client may set; district and village are region codes."""

    brand: str = ""
    district: str | None = Field(None, description="District code, e.g. 35.09.21.")
    village: str | None = Field(None, description="Village code, e.g. 35.09.21.1001.")
    address: str = ""
    rt: str = ""
    rw: str = ""
    postal_code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    business_phone: str = ""
    kbli_codes: list[str] = []
    kbli_version: int | None = None
    sector: EnterpriseSector = Sector.OTHER
    description: str = ""
    capital: int | None = Field(None, ge=0, description="Rupiah, without land and buildings.")
    annual_turnover: int | None = Field(None, ge=0, description="Rupiah.")
    workers_male: int = Field(0, ge=0)
    workers_female: int = Field(0, ge=0)
    founding_year: int | None = None
    reported_scale: Scale | Literal[""] = ""
    status: EnterpriseStatus = Enterprise.Status.ACTIVE


class EnterpriseIn(EnterpriseFieldsIn):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    name: str = Field(max_length=200)
    owner: OwnerIn | None = None
    nib: str = Field("", description="13 digits; one enterprise per NIB in a region.")


class EnterprisePatch(Schema):
    """Only the fields sent change; null clears a place, a coordinate or a figure, and is refused elsewhere.

    `owner`, when sent, replaces the owner's details as a whole.
    """

    name: str = Field(None, max_length=200)
    brand: str = None
    district: str | None = None
    village: str | None = None
    address: str = None
    rt: str = None
    rw: str = None
    postal_code: str = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    business_phone: str = None
    kbli_codes: list[str] = None
    kbli_version: int | None = None
    sector: EnterpriseSector = None
    description: str = None
    capital: int | None = Field(None, ge=0)
    annual_turnover: int | None = Field(None, ge=0)
    workers_male: int = Field(None, ge=0)
    workers_female: int = Field(None, ge=0)
    founding_year: int | None = None
    reported_scale: Scale | Literal[""] = None
    status: EnterpriseStatus = None
    owner: OwnerIn = None
    nib: str = Field(None, description="An empty string removes the NIB.")


class ProductIn(Schema):
    name: str = Field(max_length=200)
    description: str = ""
    category: Product.Category = Product.Category.OTHER
    price: int = Field(ge=0, description="Rupiah.")
    unit: str = "pcs"
    is_halal: bool = False
    is_active: bool = True


class ProductPatch(Schema):
    """Only the fields sent change; null is refused."""

    name: str = Field(None, max_length=200)
    description: str = None
    category: Product.Category = None
    price: int = Field(None, ge=0)
    unit: str = None
    is_halal: bool = None
    is_active: bool = None
