"""Reads of the region tree and the name lookups used by imports."""

import pytest

from sahabat.regions.models import Region
from sahabat.regions.selectors import (
    RegionIndex,
    district_lookup,
    districts_of,
    province_code_exists,
    regency_code_exists,
    region_by_code,
    region_codes_cache_clear,
    tenant_regions,
    village_lookup,
    villages_of,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["35.09", "3509", " 35.09 "])
def test_region_by_code_accepts_either_form(code):
    assert region_by_code(code).name == "Kabupaten Jember"


@pytest.mark.parametrize("code", ["99.99", "jember", "35.9"])
def test_region_by_code_raises_does_not_exist(code):
    with pytest.raises(Region.DoesNotExist):
        region_by_code(code)


@pytest.mark.parametrize("code", ["35.09", "3509", "15.03", "1503", "35.78"])
def test_regency_code_exists_for_regencies_and_cities(code):
    assert regency_code_exists(code)


@pytest.mark.parametrize("code", ["99.99", "9999", "35", "35.09.21", "", "abcd"])
def test_regency_code_exists_is_false_for_anything_else(code):
    assert not regency_code_exists(code)


@pytest.mark.parametrize(("code", "exists"), [("35", True), ("15", True), ("99", False), ("35.09", False)])
def test_province_code_exists(code, exists):
    assert province_code_exists(code) is exists


def test_regency_code_exists_reads_the_database_once(django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(100_000):
            regency_code_exists("3509")


def test_clearing_the_code_cache_shows_new_regencies():
    Region.objects.filter(code="35.10").delete()
    assert not regency_code_exists("35.10")
    Region.objects.create(
        code="35.10",
        name="Kabupaten Banyuwangi",
        level=Region.Level.REGENCY,
        kind=Region.Kind.KABUPATEN,
        parent=region_by_code("35"),
        code_version="test",
    )
    region_codes_cache_clear()
    assert regency_code_exists("35.10")


def test_tenant_regions_are_the_regencies_and_cities():
    assert set(tenant_regions().values_list("level", flat=True)) == {Region.Level.REGENCY}


def test_districts_of_a_regency(jember):
    assert districts_of(jember).count() == 31


def test_villages_of_a_district(sumbersari):
    assert set(villages_of(sumbersari).values_list("name", flat=True)) == {
        "Kebonsari",
        "Sumbersari",
        "Kranjingan",
        "Karangrejo",
        "Tegalgede",
        "Wirolegi",
        "Antirogo",
    }


@pytest.mark.parametrize(
    "name",
    [
        "Kec. Sumbersari",
        "Kecamatan Sumbersari",
        "KECAMATAN SUMBERSARI",
        "kec sumbersari",
        "Kec.Sumbersari",
        "SUMBERSARI",
        "sumbersari ",
        "  Sumbersari",
        "Sumber Sari",
        "35.09.21",
        "350921",
    ],
)
def test_district_lookup_understands_how_staff_write_it(jember, name):
    assert district_lookup(regency=jember, name=name).code == "35.09.21"


@pytest.mark.parametrize("name", ["Kaliwates", "Kec. Kali Wates", "kaliwates"])
def test_district_lookup_finds_kaliwates(jember, name):
    assert district_lookup(regency=jember, name=name).code == "35.09.19"


@pytest.mark.parametrize(
    "name", ["Gambir", "Kec. Sumbersari Baru", "", "35.10.01", "35.09.99", "35.09.21.1001"]
)
def test_district_lookup_is_none_outside_the_regency_or_unknown(jember, name):
    assert district_lookup(regency=jember, name=name) is None


@pytest.mark.parametrize(
    "name",
    ["Kel. Kebonsari", "Kelurahan Kebonsari", "KEBONSARI", "kebonsari ", "Desa Kebonsari", "Ds. Kebonsari"],
)
def test_village_lookup_understands_how_staff_write_it(jember, name):
    assert village_lookup(regency=jember, name=name).code == "35.09.21.1001"


@pytest.mark.parametrize("name", ["35.09.21.1001", "3509211001"])
def test_village_lookup_accepts_the_code(jember, name):
    assert village_lookup(regency=jember, name=name).code == "35.09.21.1001"


def test_village_lookup_needs_the_district_for_a_name_used_twice(jember):
    assert village_lookup(regency=jember, name="Kel. Karangrejo") is None


def test_village_lookup_with_the_district_resolves_a_name_used_twice(jember, sumbersari):
    assert village_lookup(regency=jember, name="Kel. Karangrejo", district=sumbersari).code == "35.09.21.1004"


def test_village_lookup_ignores_a_code_from_another_district(jember):
    kaliwates = region_by_code("35.09.19")
    assert village_lookup(regency=jember, name="35.09.21.1001", district=kaliwates) is None


def test_village_lookup_keeps_a_prefix_that_is_part_of_the_name(sarolangun):
    # Sarolangun has two villages called "Desa Baru"; the district tells them apart.
    district = region_by_code("15.03.07")
    assert village_lookup(regency=sarolangun, name="desa baru", district=district).code == "15.03.07.2003"


def test_village_lookup_is_none_for_an_unknown_name(jember):
    assert village_lookup(regency=jember, name="Desa Atlantis") is None


def test_region_index_is_built_with_one_query(jember, django_assert_num_queries):
    with django_assert_num_queries(1):
        RegionIndex.for_regency(jember)


def test_region_index_answers_without_queries(jember, sumbersari, django_assert_num_queries):
    index = RegionIndex.for_regency(jember)
    with django_assert_num_queries(0):
        assert index.district("Kec. Kaliwates").code == "35.09.19"
        assert index.village("Kel. Karangrejo", district=sumbersari).code == "35.09.21.1004"
