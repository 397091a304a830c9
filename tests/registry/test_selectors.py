import pytest

from sahabat.accounts.permissions import Role
from sahabat.registry.models import Enterprise
from sahabat.registry.selectors import (
    EnterpriseFilters,
    enterprise_get,
    enterprise_list,
    enterprises_owned_by,
    register_summary,
)
from sahabat.registry.services import owner_link_user
from tests.registry.factories import (
    KALIWATES,
    MANGLI_VILLAGE,
    SAROLANGUN_DISTRICT,
    EnterpriseFactory,
    LicenceFactory,
    OwnerFactory,
    nik_for,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(jember, member_of, actor_of):
    return actor_of(member_of(jember, Role.VIEWER))


@pytest.fixture
def kopi():
    return EnterpriseFactory(name="Kopi Tani Makmur", sector="agriculture", owner=OwnerFactory(name="Holil"))


@pytest.fixture
def tape():
    return EnterpriseFactory(
        name="Tape Bu Yuli",
        district=region(KALIWATES),
        village=region(MANGLI_VILLAGE),
        capital=2_000_000_000,
        annual_turnover=3_000_000_000,
    )


@pytest.fixture
def lempok(sarolangun):
    return EnterpriseFactory(
        name="Lempok Durian Kopi",
        region=sarolangun,
        district=region(SAROLANGUN_DISTRICT),
        village=None,
        owner=OwnerFactory(region=sarolangun, nik=nik_for(1, regency="15.03")),
    )


def _names(actor, jember, **filters):
    return [e.name for e in enterprise_list(actor=actor, region=jember, filters=EnterpriseFilters(**filters))]


def test_search_finds_a_word_of_the_name(viewer, jember, kopi, tape):
    assert _names(viewer, jember, search="kopi") == ["Kopi Tani Makmur"]


def test_search_finds_the_owners_name(viewer, jember, kopi, tape):
    assert _names(viewer, jember, search="holil") == ["Kopi Tani Makmur"]


def test_search_finds_a_whole_nik(viewer, jember, kopi, tape):
    assert _names(viewer, jember, search=kopi.owner.nik) == ["Kopi Tani Makmur"]


def test_search_finds_a_nib(viewer, jember, kopi, tape):
    LicenceFactory(enterprise=tape, number="9120001234567")
    assert _names(viewer, jember, search="9120001234567") == ["Tape Bu Yuli"]


def test_filter_by_district(viewer, jember, kopi, tape):
    assert _names(viewer, jember, district_id=region(KALIWATES).pk) == ["Tape Bu Yuli"]


def test_filter_by_village(viewer, jember, kopi, tape):
    assert _names(viewer, jember, village_id=region(MANGLI_VILLAGE).pk) == ["Tape Bu Yuli"]


def test_filter_by_computed_scale(viewer, jember, kopi, tape):
    assert _names(viewer, jember, scale="small") == ["Tape Bu Yuli"]


def test_filter_by_sector(viewer, jember, kopi, tape):
    assert _names(viewer, jember, sector="agriculture") == ["Kopi Tani Makmur"]


def test_filter_by_status(viewer, jember, kopi, tape):
    Enterprise.objects.with_scope(region=jember).filter(pk=tape.pk).update(status=Enterprise.Status.CLOSED)
    assert _names(viewer, jember, status="closed") == ["Tape Bu Yuli"]


def test_filter_by_licence_type(viewer, jember, kopi, tape):
    LicenceFactory(enterprise=kopi)
    assert _names(viewer, jember, licence="nib") == ["Kopi Tani Makmur"]


def test_filter_for_enterprises_without_any_licence(viewer, jember, kopi, tape):
    LicenceFactory(enterprise=kopi)
    assert _names(viewer, jember, licence="none") == ["Tape Bu Yuli"]


def test_ordering_by_name_descending(viewer, jember, kopi, tape):
    assert _names(viewer, jember, ordering="-name") == ["Tape Bu Yuli", "Kopi Tani Makmur"]


def test_ordering_by_turnover_puts_the_largest_first(viewer, jember, kopi, tape):
    assert _names(viewer, jember, ordering="turnover") == ["Tape Bu Yuli", "Kopi Tani Makmur"]


def test_another_regions_enterprises_are_never_listed(viewer, jember, kopi, lempok):
    assert _names(viewer, jember, search="kopi") == ["Kopi Tani Makmur"]


def test_a_viewer_of_jember_lists_nothing_of_sarolangun(viewer, sarolangun, lempok):
    assert _names(viewer, sarolangun) == []


def test_enterprise_get_of_another_region_does_not_exist(viewer, lempok):
    with pytest.raises(Enterprise.DoesNotExist):
        enterprise_get(actor=viewer, enterprise_id=lempok.pk)


def test_an_umkm_owner_gets_its_own_enterprise(kopi, jember, jember_admin, member_of, actor_of):
    user = member_of(jember, Role.UMKM_OWNER)
    owner_link_user(actor=actor_of(jember_admin), owner_id=kopi.owner_id, user=user)
    assert enterprise_get(actor=actor_of(user), enterprise_id=kopi.pk) == kopi


def test_an_umkm_owner_does_not_get_someone_elses_enterprise(
    kopi, tape, jember, jember_admin, member_of, actor_of
):
    user = member_of(jember, Role.UMKM_OWNER)
    owner_link_user(actor=actor_of(jember_admin), owner_id=kopi.owner_id, user=user)
    with pytest.raises(Enterprise.DoesNotExist):
        enterprise_get(actor=actor_of(user), enterprise_id=tape.pk)


def test_enterprises_owned_by_lists_only_the_owners_own(
    kopi, tape, jember, jember_admin, member_of, actor_of
):
    user = member_of(jember, Role.UMKM_OWNER)
    owner_link_user(actor=actor_of(jember_admin), owner_id=kopi.owner_id, user=user)
    assert list(enterprises_owned_by(actor=actor_of(user))) == [kopi]


def test_register_summary_counts_the_regions_enterprises(viewer, jember, kopi, tape, lempok):
    LicenceFactory(enterprise=kopi)
    Enterprise.objects.with_scope(region=jember).filter(pk=tape.pk).update(status=Enterprise.Status.CLOSED)
    assert register_summary(actor=viewer, region=jember) == {
        "total": 2,
        "active": 1,
        "micro": 1,
        "small": 1,
        "medium": 0,
        "with_nib": 1,
    }
