"""Loading the shipped data: regencies on demand, the national list, idempotently."""

import pytest

from sahabat.core.errors import DomainError
from sahabat.regions.models import Region
from sahabat.regions.selectors import districts_of, regency_code_exists, region_by_code
from sahabat.regions.services import regions_load_national, regions_load_regency

pytestmark = pytest.mark.django_db


def _tree_size(code: str) -> int:
    return Region.objects.filter(code__startswith=f"{code}.").count()


def test_loading_banyuwangi_creates_its_districts():
    result = regions_load_regency(code="35.10")
    assert (result.districts.created, districts_of(result.regency).count()) == (25, 25)


def test_loading_banyuwangi_creates_its_villages():
    result = regions_load_regency(code="35.10")
    assert result.villages.created == Region.objects.filter(parent__parent=result.regency).count() == 217


def test_loading_accepts_the_bare_code():
    assert regions_load_regency(code="3510").regency.code == "35.10"


def test_reloading_a_regency_changes_nothing():
    regions_load_regency(code="35.10")
    before = _tree_size("35.10")
    result = regions_load_regency(code="35.10")
    assert (_tree_size("35.10"), result.districts.created, result.villages.created) == (before, 0, 0)


def test_reloading_a_migrated_regency_reports_it_unchanged():
    result = regions_load_regency(code="35.09")
    assert (result.districts.unchanged, result.villages.unchanged) == (31, 248)


def test_reloading_restores_an_edited_name():
    Region.objects.filter(code="35.09.21").update(name="Sumber Sari (typo)")
    result = regions_load_regency(code="35.09")
    assert (result.districts.updated, region_by_code("35.09.21").name) == (1, "Sumbersari")


def test_loading_a_regency_missing_from_the_database_creates_it():
    Region.objects.filter(code="35.10").delete()
    assert regions_load_regency(code="35.10").regency.name == "Kabupaten Banyuwangi"


def test_loading_a_regency_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        regions_load_regency(code="35.10")


@pytest.mark.parametrize("code", ["99.99", "35", "35.09.21", "jember", ""])
def test_loading_an_unknown_code_is_a_404_domain_error(code):
    with pytest.raises(DomainError) as raised:
        regions_load_regency(code=code)
    assert (raised.value.errors[0].code, raised.value.status) == ("region.unknown", 404)


def test_an_unknown_code_writes_nothing():
    before = Region.objects.count()
    with pytest.raises(DomainError):
        regions_load_regency(code="99.99")
    assert Region.objects.count() == before


def test_reloading_the_national_list_changes_nothing():
    before = Region.objects.count()
    result = regions_load_national()
    assert (Region.objects.count(), result.provinces.unchanged, result.regencies.unchanged) == (
        before,
        38,
        514,
    )


def test_reloading_the_national_list_restores_an_edited_name():
    Region.objects.filter(code="35.09").update(name="Jember")
    result = regions_load_national()
    assert (result.regencies.updated, region_by_code("35.09").name) == (1, "Kabupaten Jember")


def test_loading_the_national_list_refreshes_the_regency_code_cache():
    Region.objects.filter(code="35.10").delete()
    assert not regency_code_exists("35.10")
    regions_load_national()
    assert regency_code_exists("35.10")
