"""Purchasing records for the permission matrix: one Jember agency with its 2023 budget, a package, an import.

The agency is the region's first, so the matrix's focal point (tests/accounts/factories.py binds a
focal point to its region's first agency) works for it; focal points of other agencies are tested in
tests/purchasing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sahabat.accounts.actor import Actor
from sahabat.purchasing.models import Agency, ProcurementPackage, PurchasingImport
from sahabat.purchasing.services import agency_save, budget_set, package_save
from sahabat.regions.models import Region

AGENCY_CODE = "2.17.01"
# A valid NIP: born 12 March 1985, appointed January 2010, female, serial 001.
NIP = "198503122010012001"


@dataclass
class PurchasingWorld:
    agency: Agency
    package: ProcurementPackage
    import_job: PurchasingImport


def purchasing_world(*, jember: Region) -> PurchasingWorld:
    system = Actor.system()
    agency = agency_save(
        actor=system, region=jember, code=AGENCY_CODE, name="Dinas Koperasi dan Usaha Mikro", asn_count=96
    )
    budget_set(actor=system, agency_id=agency.pk, year=2023, goods_services_budget=8_500_000_000)
    package = package_save(
        actor=system,
        agency_id=agency.pk,
        year=2023,
        rup_code="38600848",
        name="Belanja makan minum rapat",
        value=150_000_000,
        realised=120_000_000,
        reserved_for_small=True,
    )
    job = PurchasingImport.unscoped.create(
        region=jember, kind=PurchasingImport.Kind.PACKAGES, agency=agency, year=2023, original_name="rup.xlsx"
    )
    return PurchasingWorld(agency=agency, package=package, import_job=job)
