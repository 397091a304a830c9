from datetime import date, timedelta

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.purchasing.models import Purchase
from sahabat.purchasing.selectors import agency_commitment, asn_spending, region_commitment
from sahabat.purchasing.services import agency_save, budget_set, package_save, purchase_record
from sahabat.registry.models import Enterprise
from tests.purchasing.conftest import NIP

pytestmark = pytest.mark.django_db


def _purchase(actor, agency, enterprise, **extra):
    values = {"purchased_on": date(2023, 8, 5), "buyer_nip": NIP, "amount": 150_000, **extra}
    return purchase_record(actor=actor, agency_id=agency.pk, enterprise_id=enterprise.pk, **values)


def test_focal_point_records_a_purchase_with_the_nip_masked(focal_point, dinas_koperasi, warung):
    purchase = _purchase(focal_point, dinas_koperasi, warung)
    assert purchase.buyer_nip_masked == "1985••••••••••2001"
    assert Purchase.objects.with_scopes_disabled().get().buyer_nip == NIP


def test_nip_is_stored_encrypted(focal_point, dinas_koperasi, warung):
    from django.db import connection

    _purchase(focal_point, dinas_koperasi, warung)
    with connection.cursor() as cursor:
        cursor.execute("SELECT buyer_nip FROM purchasing_purchase")
        [(stored,)] = cursor.fetchall()
    assert NIP not in stored


def test_focal_point_cannot_record_for_another_agency(focal_point, bappeda, warung):
    with pytest.raises(PermissionDenied) as error:
        _purchase(focal_point, bappeda, warung)
    assert error.value.errors[0].code == "agency.not_yours"


def test_nip_with_impossible_birth_date_is_refused(focal_point, dinas_koperasi, warung):
    with pytest.raises(DomainError) as error:
        _purchase(focal_point, dinas_koperasi, warung, buyer_nip="198513122010012001")
    assert (error.value.errors[0].field, error.value.errors[0].code) == ("buyer_nip", "nip.bad_birth_date")
    assert not Purchase.objects.with_scopes_disabled().exists()


def test_purchase_from_a_closed_enterprise_is_refused(focal_point, dinas_koperasi, warung):
    Enterprise.objects.with_scopes_disabled().filter(pk=warung.pk).update(status=Enterprise.Status.CLOSED)
    with pytest.raises(DomainError) as error:
        _purchase(focal_point, dinas_koperasi, warung)
    assert error.value.errors[0].code == "purchase.enterprise_closed"


def test_purchase_in_the_future_is_refused(focal_point, dinas_koperasi, warung):
    with pytest.raises(DomainError) as error:
        _purchase(focal_point, dinas_koperasi, warung, purchased_on=date.today() + timedelta(days=2))
    assert error.value.errors[0].code == "purchase.future_date"


def test_umkm_from_a_partner_region_can_be_bought_from(focal_point, dinas_koperasi, sarolangun):
    from sahabat.registry.services import enterprise_create

    lempok = enterprise_create(actor=Actor.system(), region=sarolangun, name="Lempok Durian Sarolangun")
    assert _purchase(focal_point, dinas_koperasi, lempok).enterprise.region == sarolangun


def test_umkm_owner_records_a_sale_to_a_civil_servant(jember, dinas_koperasi, warung, member_of):
    from sahabat.registry.models import Owner
    from sahabat.registry.services import OwnerData, enterprise_update

    owner_user = member_of(jember, Role.UMKM_OWNER)
    enterprise_update(actor=Actor.system(), enterprise_id=warung.pk, owner=OwnerData(name="Sri Wahyuni"))
    Owner.objects.with_scopes_disabled().update(user=owner_user)
    purchase = _purchase(Actor.for_user(owner_user), dinas_koperasi, warung)
    assert purchase.source == Purchase.Source.OWNER


def test_viewer_cannot_record(jember, dinas_koperasi, warung, member_of):
    with pytest.raises(PermissionDenied):
        _purchase(Actor.for_user(member_of(jember, Role.VIEWER)), dinas_koperasi, warung)


def test_other_region_officer_cannot_record(sarolangun, dinas_koperasi, warung, member_of):
    with pytest.raises(NotFound):
        _purchase(Actor.for_user(member_of(sarolangun, Role.OFFICER)), dinas_koperasi, warung)


def test_agency_codes_are_unique_per_region(jember, dinas_koperasi, system):
    with pytest.raises(DomainError) as error:
        agency_save(actor=system, region=jember, code="2.17.01", name="Dinas lain")
    assert error.value.status == 409


def test_package_realised_above_its_value_is_refused(focal_point, dinas_koperasi):
    budget_set(actor=focal_point, agency_id=dinas_koperasi.pk, year=2023, goods_services_budget=1_000_000_000)
    with pytest.raises(DomainError) as error:
        package_save(
            actor=focal_point,
            agency_id=dinas_koperasi.pk,
            year=2023,
            rup_code="RUP-1",
            name="ATK",
            value=10_000_000,
            realised=12_000_000,
        )
    assert error.value.errors[0].code == "package.realised_above_value"
    assert "Rp12.000.000" in error.value.errors[0].message


def test_package_in_a_year_without_budget_is_refused(focal_point, dinas_koperasi):
    with pytest.raises(DomainError) as error:
        package_save(
            actor=focal_point, agency_id=dinas_koperasi.pk, year=2024, rup_code="RUP-1", name="ATK", value=1
        )
    assert error.value.errors[0].code == "package.no_budget"


def test_package_is_updated_by_its_rup_code(focal_point, dinas_koperasi):
    budget_set(actor=focal_point, agency_id=dinas_koperasi.pk, year=2023, goods_services_budget=100)
    package_save(
        actor=focal_point, agency_id=dinas_koperasi.pk, year=2023, rup_code="R1", name="ATK", value=50
    )
    package = package_save(
        actor=focal_point, agency_id=dinas_koperasi.pk, year=2023, rup_code="R1", name="ATK", value=60
    )
    assert (package.value, dinas_koperasi.packages.count()) == (60, 1)


def test_agency_commitment_is_computed_from_packages(focal_point, dinas_koperasi):
    budget_set(actor=focal_point, agency_id=dinas_koperasi.pk, year=2023, goods_services_budget=1_000_000_000)
    for code, value, realised, reserved in [
        ("R1", 300_000_000, 250_000_000, True),
        ("R2", 500_000_000, 0, False),
    ]:
        package_save(
            actor=focal_point,
            agency_id=dinas_koperasi.pk,
            year=2023,
            rup_code=code,
            name=code,
            value=value,
            realised=realised,
            reserved_for_small=reserved,
        )
    commitment = agency_commitment(agency=dinas_koperasi, year=2023)
    assert (str(commitment.planned_share), str(commitment.realised_share)) == ("30.00", "25.00")
    assert commitment.planned_below_floor


def test_region_commitment_adds_up_the_agencies(dinas_koperasi, bappeda, jember, system):
    for agency, budget, reserved in [(dinas_koperasi, 600, 300), (bappeda, 400, 100)]:
        budget_set(actor=system, agency_id=agency.pk, year=2023, goods_services_budget=budget)
        package_save(
            actor=system,
            agency_id=agency.pk,
            year=2023,
            rup_code="R",
            name="x",
            value=reserved,
            reserved_for_small=True,
        )
    total, standings = region_commitment(actor=system, region=jember, year=2023)
    assert str(total.planned_share) == "40.00"
    assert [(s.agency.code, str(s.commitment.planned_share)) for s in standings] == [
        ("5.01.01", "25.00"),
        ("2.17.01", "50.00"),
    ]


def test_asn_spending_adds_event_sales_to_asn_without_entering_them_twice(
    jember, focal_point, dinas_koperasi, warung, system, carnival, booths, device
):
    from sahabat.events.services.ledger import sale_record_batch
    from tests.events.conftest import sale

    _purchase(focal_point, dinas_koperasi, warung, amount=100_000)
    sale_record_batch(
        actor=device,
        event_id=carnival.pk,
        items=[sale(amount=75_000, buyer_type="asn"), sale(amount=20_000, buyer_type="public")],
    )
    spending = asn_spending(actor=system, region=jember, year=2023)
    assert (spending.recorded, spending.at_events, spending.total) == (100_000, 75_000, 175_000)
