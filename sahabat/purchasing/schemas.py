"""Input and output shapes of the purchasing API; a NIP never appears in any output except masked."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from sahabat.purchasing.models import Purchase


class AgencyOut(Schema):
    id: int
    region: str = Field(alias="region.code")
    code: str
    name: str
    short_name: str
    asn_count: int
    is_active: bool


class AgencyQuery(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    search: str = Field("", description="Part of the name, short name or code.")


class EnterpriseRef(Schema):
    id: int
    name: str
    region: str = Field(alias="region.code")


class AgencyRef(Schema):
    id: int
    code: str
    name: str


class PurchaseOut(Schema):
    id: int
    purchased_on: date
    agency: AgencyRef
    enterprise: EnterpriseRef
    buyer_nip_masked: str
    amount: int
    channel: Purchase.Channel
    description: str
    source: Purchase.Source
    created_at: datetime


class PurchaseQuery(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    agency: str | None = Field(None, description="Agency code in the region.")
    enterprise_id: int | None = None
    channel: Purchase.Channel | None = None
    since: date | None = None
    until: date | None = None


class PurchaseIn(Schema):
    region: str | None = Field(
        None, description="Regency code of the buyer's agency, e.g. 35.09; defaults to your only region."
    )
    agency: str = Field(description="The code of the buyer's agency.")
    enterprise_id: int | None = Field(None, description="The UMKM, by its id; or give enterprise_nib.")
    enterprise_nib: str | None = Field(
        None, description="The UMKM, by its 13-digit NIB (any participating region)."
    )
    purchased_on: date
    buyer_nip: str = Field(description="The buyer's 18-digit NIP; stored encrypted, returned masked.")
    amount: int = Field(description="Whole rupiah.")
    channel: Purchase.Channel = Purchase.Channel.SHOP
    description: str = Field("", max_length=300)


class CommitmentOut(Schema):
    budget: int | None = Field(
        description="The goods and services budget (pagu); null when none was entered."
    )
    reserved_value: int = Field(description="Value of the packages reserved for micro and small enterprises.")
    reserved_realised: int = Field(description="Realised spend on those packages.")
    total_value: int
    total_realised: int
    planned_share: float | None = Field(description="reserved_value / budget × 100; null without a budget.")
    realised_share: float | None = Field(
        description="reserved_realised / budget × 100; null without a budget."
    )
    planned_below_floor: bool
    realised_below_floor: bool


class SpendingOut(Schema):
    recorded: int = Field(description="Purchases recorded by agencies, UMKM owners and imports.")
    at_events: int = Field(description="Event sales the booth cashiers marked as ASN; never entered twice.")
    total: int
    purchase_count: int


class StandingOut(Schema):
    rank: int | None
    agency: AgencyRef
    asn_count: int
    asn_purchases: int
    purchases_per_asn: int | None
    commitment: CommitmentOut


class RegionCommitmentOut(Schema):
    region: str
    year: int
    floor: float = Field(description="The floor in percent (Perpres 16/2018 art. 65(4), as amended).")
    total: CommitmentOut
    asn_purchases: SpendingOut
    agencies: list[StandingOut]


class MonthOut(Schema):
    month: int
    amount: int


class AgencyCommitmentOut(Schema):
    agency: AgencyRef
    year: int
    floor: float
    asn_count: int
    commitment: CommitmentOut
    asn_purchases: int
    purchase_count: int
    purchases_per_asn: int | None
    monthly: list[MonthOut]
