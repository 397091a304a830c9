"""Who may record what, and the rules every purchase, budget and package meets (beyond test_services.py)."""

from datetime import date

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import Membership
from sahabat.accounts.permissions import Role
from sahabat.core.errors import DomainError, PermissionDenied
from sahabat.purchasing.models import Purchase
from sahabat.purchasing.services import (
    agency_save,
    budget_set,
    focal_point_invite,
    package_save,
    purchase_record,
)
from tests.purchasing.conftest import NIP

pytestmark = pytest.mark.django_db


def _purchase(actor, agency, enterprise, **extra):
    values = {"purchased_on": date(2023, 8, 5), "buyer_nip": NIP, "amount": 150_000, **extra}
    return purchase_record(actor=actor, agency_id=agency.pk, enterprise_id=enterprise.pk, **values)


def test_nip_written_in_groups_is_accepted(focal_point, dinas_koperasi, warung):
    purchase = _purchase(focal_point, dinas_koperasi, warung, buyer_nip="19850312 201001 2 001")
    assert purchase.buyer_nip == NIP


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("198503122010012", "nip.length"),
        ("198502302010012001", "nip.bad_birth_date"),
        ("200003152018021001", "nip.bad_appointment"),
        ("198503122010013001", "nip.bad_sex"),
        ("198503122010012000", "nip.bad_serial"),
    ],
)
def test_a_nip_failing_its_checks_is_refused_with_its_code(focal_point, dinas_koperasi, warung, nip, code):
    with pytest.raises(DomainError) as error:
        _purchase(focal_point, dinas_koperasi, warung, buyer_nip=nip)
    assert (error.value.errors[0].field, error.value.errors[0].code) == ("buyer_nip", code)


def test_the_nip_date_message_is_indonesian(focal_point, dinas_koperasi, warung):
    from django.utils import translation

    with translation.override("id"), pytest.raises(DomainError) as error:
        _purchase(focal_point, dinas_koperasi, warung, buyer_nip="198513122010012001")
    assert "NIP" in str(error.value.errors[0].message)
    assert "tanggal lahir" in str(error.value.errors[0].message).lower()


def test_closed_enterprise_message_names_the_rule(focal_point, dinas_koperasi, warung):
    from django.utils import translation

    from sahabat.registry.models import Enterprise

    Enterprise.objects.with_scopes_disabled().filter(pk=warung.pk).update(status=Enterprise.Status.CLOSED)
    with translation.override("id"), pytest.raises(DomainError) as error:
        _purchase(focal_point, dinas_koperasi, warung)
    assert "tutup" in str(error.value.errors[0].message)


def test_an_owner_cannot_record_a_sale_of_another_enterprise(jember, dinas_koperasi, warung, member_of):
    owner = Actor.for_user(member_of(jember, Role.UMKM_OWNER))
    with pytest.raises(DomainError) as error:
        _purchase(owner, dinas_koperasi, warung)
    assert (error.value.errors[0].code, error.value.errors[0].field) == (
        "purchase.not_own_enterprise",
        "enterprise",
    )
    assert not Purchase.objects.with_scopes_disabled().exists()


def test_an_owner_records_a_sale_to_an_agency_of_another_region(sarolangun, warung, warung_owner, system):
    bappeda_sarolangun = agency_save(
        actor=system, region=sarolangun, code="5.01.01", name="Bappeda Sarolangun"
    )
    purchase = _purchase(Actor.for_user(warung_owner), bappeda_sarolangun, warung)
    assert (purchase.region, purchase.source) == (sarolangun, Purchase.Source.OWNER)


def test_a_focal_point_without_an_agency_records_nothing(jember, dinas_koperasi, warung, member_of):
    user = member_of(jember, Role.AGENCY_FOCAL_POINT)
    Membership.objects.with_scopes_disabled().filter(user=user).update(agency=None)
    with pytest.raises(PermissionDenied) as error:
        _purchase(Actor.for_user(user), dinas_koperasi, warung)
    assert error.value.errors[0].code == "agency.not_yours"


def test_an_inactive_agency_takes_no_purchase(focal_point, dinas_koperasi, warung, system, jember):
    agency_save(actor=system, region=jember, agency_id=dinas_koperasi.pk, is_active=False)
    with pytest.raises(DomainError) as error:
        _purchase(focal_point, dinas_koperasi, warung)
    assert error.value.errors[0].code == "purchase.agency_inactive"


def test_an_event_sale_to_an_asn_cannot_be_entered_again(
    jember, focal_point, dinas_koperasi, carnival, booths, device
):
    from sahabat.events.services.ledger import sale_record_batch
    from sahabat.registry.models import Enterprise
    from tests.events.conftest import sale

    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(amount=75_000, buyer_type="asn")])
    booth_enterprise = Enterprise.objects.with_scopes_disabled().get(name="Suwar-Suwir Bu Tutik")
    with pytest.raises(DomainError) as error:
        _purchase(
            focal_point, dinas_koperasi, booth_enterprise, amount=75_000, channel=Purchase.Channel.EVENT_BOOTH
        )
    assert (error.value.errors[0].code, error.value.status) == ("purchase.counted_at_event", 409)


def test_another_amount_at_the_same_booth_is_a_purchase_of_its_own(
    jember, focal_point, dinas_koperasi, carnival, booths, device
):
    from sahabat.events.services.ledger import sale_record_batch
    from sahabat.registry.models import Enterprise
    from tests.events.conftest import sale

    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(amount=75_000, buyer_type="asn")])
    booth_enterprise = Enterprise.objects.with_scopes_disabled().get(name="Suwar-Suwir Bu Tutik")
    purchase = _purchase(
        focal_point, dinas_koperasi, booth_enterprise, amount=40_000, channel=Purchase.Channel.EVENT_BOOTH
    )
    assert purchase.pk


def test_a_focal_point_cannot_change_its_agency(focal_point, dinas_koperasi, jember):
    with pytest.raises(PermissionDenied):
        agency_save(actor=focal_point, region=jember, agency_id=dinas_koperasi.pk, asn_count=5000)


def test_an_officer_creates_an_agency(jember, member_of):
    officer = Actor.for_user(member_of(jember, Role.OFFICER))
    agency = agency_save(actor=officer, region=jember, code="3.31.01", name="Disperindag", asn_count=118)
    assert agency.region == jember


def test_a_negative_asn_count_is_refused(jember, system):
    with pytest.raises(DomainError) as error:
        agency_save(actor=system, region=jember, code="9.9", name="X", asn_count=-1)
    assert error.value.errors[0].field == "asn_count"


def test_focal_point_invitation_binds_the_person_to_the_agency(dinas_koperasi, jember_admin, mailoutbox):
    membership = focal_point_invite(
        actor=Actor.for_user(jember_admin),
        agency_id=dinas_koperasi.pk,
        email="nur@example.id",
        full_name="Nur Aini",
        invite_url_base="http://testserver/",
    )
    assert (membership.role, membership.agency) == (Role.AGENCY_FOCAL_POINT, dinas_koperasi)
    assert Actor.for_user(membership.user).agency_ids == {dinas_koperasi.pk}
    assert len(mailoutbox) == 1


def test_a_focal_point_of_another_agency_is_not_moved_silently(dinas_koperasi, bappeda, jember_admin):
    admin = Actor.for_user(jember_admin)
    values = {"email": "nur@example.id", "full_name": "Nur Aini", "invite_url_base": "http://testserver/"}
    focal_point_invite(actor=admin, agency_id=dinas_koperasi.pk, **values)
    with pytest.raises(DomainError) as error:
        focal_point_invite(actor=admin, agency_id=bappeda.pk, **values)
    assert (error.value.errors[0].code, error.value.status) == ("focal_point.other_agency", 409)


def test_an_officer_cannot_invite_focal_points(dinas_koperasi, jember, member_of):
    officer = Actor.for_user(member_of(jember, Role.OFFICER))
    with pytest.raises(PermissionDenied):
        focal_point_invite(
            actor=officer,
            agency_id=dinas_koperasi.pk,
            email="nur@example.id",
            full_name="Nur",
            invite_url_base="http://testserver/",
        )


def test_a_negative_budget_is_refused(focal_point, dinas_koperasi):
    with pytest.raises(DomainError) as error:
        budget_set(actor=focal_point, agency_id=dinas_koperasi.pk, year=2023, goods_services_budget=-1)
    assert error.value.errors[0].field == "goods_services_budget"


def test_a_focal_point_manages_only_its_own_agency_packages(focal_point, bappeda, system):
    budget_set(actor=system, agency_id=bappeda.pk, year=2023, goods_services_budget=100)
    with pytest.raises(PermissionDenied):
        package_save(actor=focal_point, agency_id=bappeda.pk, year=2023, rup_code="R1", name="ATK", value=10)


def test_the_package_message_shows_both_amounts_in_rupiah(focal_point, dinas_koperasi):
    from django.utils import translation

    budget_set(actor=focal_point, agency_id=dinas_koperasi.pk, year=2023, goods_services_budget=10**9)
    with translation.override("id"), pytest.raises(DomainError) as error:
        package_save(
            actor=focal_point,
            agency_id=dinas_koperasi.pk,
            year=2023,
            rup_code="R1",
            name="ATK",
            value=10_000_000,
            realised=12_500_000,
        )
    message = str(error.value.errors[0].message)
    assert "Rp12.500.000" in message and "Rp10.000.000" in message
