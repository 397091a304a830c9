import datetime

import pytest

from sahabat.accounts.models import AccessLog
from sahabat.accounts.permissions import Role
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.registry import services
from sahabat.registry.models import ApiIdempotencyKey, Enterprise, Licence, Owner, Product
from sahabat.registry.services import OwnerData
from tests.registry.factories import (
    KALIWATES,
    MANGLI_VILLAGE,
    SUMBERSARI,
    SUMBERSARI_VILLAGE,
    nik_for,
    region,
)

NIK = nik_for(12)
NIB = "9120001234567"

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(jember_admin, actor_of):
    return actor_of(jember_admin)


@pytest.fixture
def officer(jember, member_of, actor_of):
    return actor_of(member_of(jember, Role.OFFICER))


@pytest.fixture
def kopi(admin, jember):
    return services.enterprise_create(
        actor=admin,
        region=jember,
        name="Kopi Tani Makmur",
        owner=OwnerData(name="Siti Aminah", nik=NIK),
        nib=NIB,
        district=region(SUMBERSARI),
        village=region(SUMBERSARI_VILLAGE),
        capital=50_000_000,
        annual_turnover=300_000_000,
    )


def _linked_umkm_owner(enterprise, admin, member_of, actor_of):
    user = member_of(enterprise.region, Role.UMKM_OWNER)
    services.owner_link_user(actor=admin, owner_id=enterprise.owner_id, user=user)
    return actor_of(user)


def test_create_reads_sex_and_birth_date_from_the_nik(kopi):
    assert (kopi.owner.sex, kopi.owner.birth_date) == ("M", datetime.date(1990, 8, 17))


def test_create_masks_the_owners_nik(kopi):
    assert kopi.owner.nik_masked == f"{NIK[:4]}••••••••{NIK[-4:]}"


def test_create_stores_the_nib_as_a_licence(kopi):
    assert list(kopi.licences.values_list("type", "number")) == [("nib", NIB)]


def test_a_second_enterprise_of_the_same_nik_reuses_the_owner(kopi, admin, jember):
    tape = services.enterprise_create(
        actor=admin, region=jember, name="Tape Bu Siti", owner=OwnerData(name="Siti Aminah", nik=NIK)
    )
    assert tape.owner_id == kopi.owner_id
    assert Owner.objects.with_scope(region=jember).count() == 1


def test_a_known_nib_is_refused_with_409_and_the_enterprise_it_belongs_to(kopi, admin, jember):
    with pytest.raises(DomainError) as raised:
        services.enterprise_create(actor=admin, region=jember, name="Kopi Tani", nib=NIB)
    assert raised.value.status == 409
    assert raised.value.errors[0].meta == {"enterprise_id": kopi.pk}


def test_an_impossible_nik_is_refused_with_an_indonesian_message(admin, jember):
    with pytest.raises(DomainError) as raised:
        services.enterprise_create(
            actor=admin, region=jember, name="Warung", owner=OwnerData(name="Sahwi", nik="3509014001900012")
        )
    error = raised.value.errors[0]
    assert (error.code, error.field) == ("nik.bad_date", "nik")
    assert "tanggal lahir" in str(error.message)


def test_a_district_of_another_regency_is_refused(admin, jember):
    with pytest.raises(DomainError) as raised:
        services.enterprise_create(actor=admin, region=jember, name="Warung", district=region("15.03.03"))
    assert raised.value.errors[0].field == "district"


def test_a_village_outside_the_district_is_refused(admin, jember):
    with pytest.raises(DomainError) as raised:
        services.enterprise_create(
            actor=admin,
            region=jember,
            name="Warung",
            district=region(SUMBERSARI),
            village=region(MANGLI_VILLAGE),
        )
    assert raised.value.errors[0].field == "village"


def test_the_scale_is_computed_from_capital_and_turnover(admin, jember):
    enterprise = services.enterprise_create(
        actor=admin, region=jember, name="Mebel Jati", capital=2_000_000_000, annual_turnover=3_000_000_000
    )
    assert (enterprise.computed_scale, enterprise.scale_rule) == ("small", "PP-7-2021")


def test_an_update_recomputes_the_scale(kopi, admin):
    updated = services.enterprise_update(
        actor=admin, enterprise_id=kopi.pk, capital=6_000_000_000, annual_turnover=20_000_000_000
    )
    assert updated.computed_scale == "medium"


def test_an_update_moves_the_enterprise_to_another_district(kopi, admin):
    services.enterprise_update(
        actor=admin, enterprise_id=kopi.pk, district=region(KALIWATES), village=region(MANGLI_VILLAGE)
    )
    assert Enterprise.objects.with_scope(region=kopi.region).get().district.code == KALIWATES


def test_an_update_can_remove_the_nib(kopi, admin):
    services.enterprise_update(actor=admin, enterprise_id=kopi.pk, nib="")
    assert not kopi.licences.exists()


def test_an_update_to_the_nik_of_another_owner_is_refused_with_409(kopi, admin, jember):
    other = services.enterprise_create(
        actor=admin,
        region=jember,
        name="Tape Bu Yuli",
        owner=OwnerData(name="Yuli", nik=nik_for(13, woman=True)),
    )
    with pytest.raises(DomainError) as raised:
        services.enterprise_update(actor=admin, enterprise_id=other.pk, owner=OwnerData(name="Yuli", nik=NIK))
    assert (raised.value.status, raised.value.errors[0].meta) == (409, {"owner_id": kopi.owner_id})


def test_a_licence_is_added_with_its_number_normalised(kopi, admin):
    licence = services.licence_add(
        actor=admin,
        enterprise_id=kopi.pk,
        type="pirt",
        number="P-IRT No. 2063509010123-26",
        issued_on=datetime.date(2021, 3, 1),
        expires_on=datetime.date(2026, 3, 1),
    )
    assert licence.number == "206350901012326"


def test_a_licence_is_removed(kopi, admin):
    services.licence_remove(actor=admin, licence_id=kopi.licences.get().pk)
    assert not Licence.objects.with_scope(region=kopi.region).exists()


def test_a_licence_expiring_before_its_issue_is_refused(kopi, admin):
    with pytest.raises(DomainError) as raised:
        services.licence_add(
            actor=admin,
            enterprise_id=kopi.pk,
            type="halal",
            number="ID35110000123450123",
            issued_on=datetime.date(2023, 1, 10),
            expires_on=datetime.date(2022, 1, 10),
        )
    assert raised.value.errors[0].code == "licence.expiry_before_issue"


def test_a_product_is_created(kopi, admin):
    product = services.product_create(
        actor=admin, enterprise_id=kopi.pk, name="Kopi bubuk 250 g", price=35_000
    )
    assert product.enterprise_id == kopi.pk


def test_a_product_is_updated(kopi, admin):
    product = services.product_create(
        actor=admin, enterprise_id=kopi.pk, name="Kopi bubuk 250 g", price=35_000
    )
    services.product_update(actor=admin, product_id=product.pk, price=40_000, is_active=False)
    assert Product.objects.with_scope(region=kopi.region).values_list("price", "is_active").get() == (
        40_000,
        False,
    )


def test_a_product_is_deleted(kopi, admin):
    product = services.product_create(
        actor=admin, enterprise_id=kopi.pk, name="Kopi bubuk 250 g", price=35_000
    )
    services.product_delete(actor=admin, product_id=product.pk)
    assert not Product.objects.with_scope(region=kopi.region).exists()


def test_a_negative_price_is_refused(kopi, admin):
    with pytest.raises(DomainError) as raised:
        services.product_create(actor=admin, enterprise_id=kopi.pk, name="Kopi", price=-1)
    assert raised.value.errors[0].field == "price"


def test_an_umkm_owner_edits_its_own_enterprise(kopi, admin, member_of, actor_of):
    owner = _linked_umkm_owner(kopi, admin, member_of, actor_of)
    assert (
        services.enterprise_update(actor=owner, enterprise_id=kopi.pk, brand="Kopi Panti").brand
        == "Kopi Panti"
    )


def test_an_umkm_owner_cannot_edit_someone_elses_enterprise(kopi, admin, jember, member_of, actor_of):
    owner = _linked_umkm_owner(kopi, admin, member_of, actor_of)
    other = services.enterprise_create(actor=admin, region=jember, name="Tape Bu Yuli")
    with pytest.raises(PermissionDenied):
        services.enterprise_update(actor=owner, enterprise_id=other.pk, brand="Tape")


def test_a_viewer_cannot_edit(kopi, jember, member_of, actor_of):
    viewer = actor_of(member_of(jember, Role.VIEWER))
    with pytest.raises(PermissionDenied):
        services.enterprise_update(actor=viewer, enterprise_id=kopi.pk, brand="Kopi")


def test_a_viewer_cannot_create(jember, member_of, actor_of):
    viewer = actor_of(member_of(jember, Role.VIEWER))
    with pytest.raises(PermissionDenied):
        services.enterprise_create(actor=viewer, region=jember, name="Kopi")


def test_another_region_cannot_edit_and_is_told_it_does_not_exist(kopi, sarolangun, member_of, actor_of):
    stranger = actor_of(member_of(sarolangun, Role.REGION_ADMIN))
    with pytest.raises(NotFound):
        services.enterprise_update(actor=stranger, enterprise_id=kopi.pk, brand="Kopi")


def test_another_region_cannot_add_a_product(kopi, sarolangun, member_of, actor_of):
    stranger = actor_of(member_of(sarolangun, Role.REGION_ADMIN))
    with pytest.raises(NotFound):
        services.product_create(actor=stranger, enterprise_id=kopi.pk, name="Kopi", price=1)


def test_revealing_a_nik_returns_it_and_writes_the_access_log(kopi, admin, jember_admin):
    assert services.owner_reveal_nik(actor=admin, owner_id=kopi.owner_id) == NIK
    entry = AccessLog.objects.with_scope(region=kopi.region).get()
    assert (entry.user_id, entry.action, entry.object_id) == (jember_admin.pk, "reveal", str(kopi.owner_id))


def test_revealing_a_nik_needs_the_permission(kopi, officer):
    with pytest.raises(PermissionDenied):
        services.owner_reveal_nik(actor=officer, owner_id=kopi.owner_id)
    assert not AccessLog.objects.with_scope(region=kopi.region).exists()


def test_create_once_returns_the_first_enterprise_for_a_resent_key(admin, jember):
    first, created = services.enterprise_create_once(
        actor=admin, region=jember, idempotency_key="k-1", name="Kopi"
    )
    again, created_again = services.enterprise_create_once(
        actor=admin, region=jember, idempotency_key="k-1", name="Kopi"
    )
    assert (again.pk, created, created_again) == (first.pk, True, False)
    assert Enterprise.objects.with_scope(region=jember).count() == 1


def test_create_once_keys_are_per_region(admin, jember, sarolangun, member_of, actor_of):
    services.enterprise_create_once(actor=admin, region=jember, idempotency_key="k-1", name="Kopi")
    other = actor_of(member_of(sarolangun, Role.OFFICER))
    _enterprise, created = services.enterprise_create_once(
        actor=other, region=sarolangun, idempotency_key="k-1", name="Lempok"
    )
    assert created


def test_create_once_does_not_keep_the_key_of_a_refused_create(kopi, admin, jember):
    with pytest.raises(DomainError):
        services.enterprise_create_once(
            actor=admin, region=jember, idempotency_key="k-2", name="Kopi", nib=NIB
        )
    assert not ApiIdempotencyKey.objects.with_scope(region=jember).filter(key="k-2").exists()


def test_create_once_refuses_an_overlong_key(admin, jember):
    with pytest.raises(DomainError) as raised:
        services.enterprise_create_once(actor=admin, region=jember, idempotency_key="k" * 101, name="Kopi")
    assert (raised.value.status, raised.value.errors[0].code) == (400, "idempotency.key_invalid")


def test_kbli_codes_are_checked_with_their_version(jember):
    from sahabat.accounts.actor import Actor
    from sahabat.core.errors import DomainError
    from sahabat.registry.services import enterprise_create

    with pytest.raises(DomainError) as error:
        enterprise_create(
            actor=Actor.system(), region=jember, name="Kopi", kbli_codes=["1076"], kbli_version=2020
        )
    assert error.value.errors[0].field == "kbli_codes"


def test_business_phone_is_stored_in_e164(jember):
    from sahabat.accounts.actor import Actor
    from sahabat.registry.services import enterprise_create

    enterprise = enterprise_create(
        actor=Actor.system(), region=jember, name="Kopi", business_phone="0812-3456-7890"
    )
    assert enterprise.business_phone == "+6281234567890"
