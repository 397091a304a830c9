"""What migration 0002 leaves in every database."""

import pytest

from sahabat.regions.data_source import CODE_VERSION
from sahabat.regions.models import Region
from sahabat.regions.selectors import districts_of, region_by_code

pytestmark = pytest.mark.django_db


def test_every_province_is_loaded():
    assert Region.objects.filter(level=Region.Level.PROVINCE).count() == 38


def test_every_regency_and_city_is_loaded():
    assert Region.objects.filter(level=Region.Level.REGENCY).count() == 514


def test_jember_has_its_31_districts(jember):
    assert districts_of(jember).count() == 31


def test_jember_districts_include_sumbersari_and_kaliwates(jember):
    assert {"Sumbersari", "Kaliwates"} <= set(districts_of(jember).values_list("name", flat=True))


def test_jember_has_its_248_villages(jember):
    assert Region.objects.filter(level=Region.Level.VILLAGE, parent__parent=jember).count() == 248


def test_sarolangun_has_its_11_districts(sarolangun):
    assert districts_of(sarolangun).count() == 11


def test_sarolangun_has_its_158_villages(sarolangun):
    assert Region.objects.filter(level=Region.Level.VILLAGE, parent__parent=sarolangun).count() == 158


def test_only_the_founding_partners_have_districts():
    regency_codes = {
        code[:5] for code in Region.objects.filter(level=Region.Level.DISTRICT).values_list("code", flat=True)
    }
    assert regency_codes == {"35.09", "15.03"}


def test_tree_is_linked_by_code():
    village = region_by_code("35.09.21.1002")
    assert (village.parent.code, village.parent.parent.code, village.parent.parent.parent.code) == (
        "35.09.21",
        "35.09",
        "35",
    )


def test_jember_is_wib(jember):
    assert jember.timezone_abbreviation == "WIB"


def test_a_bali_regency_is_wita():
    assert region_by_code("51.03").timezone_abbreviation == "WITA"


def test_a_papua_regency_is_wit():
    assert region_by_code("94.04").timezone_abbreviation == "WIT"


def test_sarolangun_villages_share_its_zone():
    zones = set(Region.objects.filter(code__startswith="15.03.").values_list("timezone", flat=True))
    assert zones == {Region.TimeZone.WIB}


def test_regency_and_city_kinds_come_from_the_name(jember):
    assert (jember.kind, region_by_code("35.78").kind) == (Region.Kind.KABUPATEN, Region.Kind.KOTA)


def test_kelurahan_and_desa_are_told_apart():
    assert (region_by_code("35.09.21.1002").kind, region_by_code("35.09.01.2001").kind) == (
        Region.Kind.KELURAHAN,
        Region.Kind.DESA,
    )


def test_villages_carry_their_postal_code():
    assert region_by_code("35.09.21.1002").postal_code.isdigit()


def test_every_row_records_the_decree():
    assert set(Region.objects.values_list("code_version", flat=True)) == {CODE_VERSION}
