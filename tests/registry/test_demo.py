import io
from collections import Counter
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django_scopes import scopes_disabled

from sahabat.accounts.models import User
from sahabat.accounts.permissions import Role
from sahabat.regions.models import Region
from sahabat.registry.demo import TARGETS, demo_load, demo_register
from sahabat.registry.demo_data import JEMBER, SAROLANGUN
from sahabat.registry.models import Enterprise, Licence, Owner, Product
from sahabat.registry.selectors import enterprises_owned_by
from sahabat.registry.validators import licence_number_normalize, nik_parse, phone_normalize
from tests.conftest import _tenant

REGIONS = (JEMBER, SAROLANGUN)


@pytest.fixture(scope="module")
def registers(django_db_setup, django_db_blocker):
    """Both regions' demo registers, built once: the generator only reads the region tree."""
    with django_db_blocker.unblock():
        built = {}
        for code in REGIONS:
            # A browser test in the same worker may have flushed the tables; reload the tree if so.
            region = _tenant(code)
            places = list(Region.objects.filter(code__startswith=f"{code}.", level__gt=Region.Level.REGENCY))
            built[code] = demo_register(region=region, places=places)
        return built


def _load():
    with scopes_disabled():
        demo_load(stdout=io.StringIO())


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo register in the test database, loaded once for this module (about 4 s) and removed after."""
    with django_db_blocker.unblock():
        last_log_entry = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        _load()
        yield
        User.objects.filter(username__in=["jember.umkm", "sarolangun.umkm"]).delete()
        LogEntry.objects.filter(pk__gt=last_log_entry).delete()
        # Plain SQL: the ORM would fetch every row and write an audit entry for each of them.
        region_ids = list(Region.objects.filter(code__in=REGIONS).values_list("pk", flat=True))
        enterprises = f"SELECT id FROM {Enterprise._meta.db_table} WHERE region_id IN (%s, %s)"
        with connection.cursor() as cursor:
            for model in (Product, Licence):
                cursor.execute(
                    f"DELETE FROM {model._meta.db_table} WHERE enterprise_id IN ({enterprises})", region_ids
                )
            for model in (Enterprise, Owner):
                cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE region_id IN (%s, %s)", region_ids)


@pytest.mark.django_db
@pytest.mark.parametrize("code", REGIONS)
def test_every_owners_nik_is_valid_and_issued_in_the_enterprises_district(registers, code):
    register = registers[code]
    for row in register.enterprises:
        owner = register.owners[row.owner] if row.owner is not None else None
        if owner is not None and owner.nik:
            info = nik_parse(owner.nik)
            assert (info.district_code, info.birth_date, info.sex) == (
                row.district.code,
                owner.birth_date,
                owner.sex,
            )


@pytest.mark.parametrize("code", REGIONS)
def test_owners_were_born_between_1960_and_2003(registers, code):
    births = [owner.birth_date for owner in registers[code].owners if owner.birth_date]
    assert date(1960, 1, 1) <= min(births) and max(births) <= date(2003, 12, 31)


@pytest.mark.django_db
@pytest.mark.parametrize("code", REGIONS)
def test_every_phone_is_a_valid_e164_number(registers, code):
    register = registers[code]
    phones = [owner.phone for owner in register.owners if owner.phone]
    phones += [row.business_phone for row in register.enterprises if row.business_phone]
    assert all(phone_normalize(phone) == phone for phone in phones)


@pytest.mark.parametrize("code", REGIONS)
def test_every_licence_number_is_already_in_its_canonical_form(registers, code):
    for row in registers[code].enterprises:
        for licence in row.licences:
            assert licence_number_normalize(licence.type, licence.number) == licence.number


@pytest.mark.parametrize("code", REGIONS)
def test_about_five_percent_are_deliberate_duplicates(registers, code):
    duplicates = [row for row in registers[code].enterprises if row.duplicate_of is not None]
    assert len(duplicates) == round(TARGETS[code] * 0.05)


@pytest.mark.parametrize("code", REGIONS)
def test_a_duplicate_is_spelled_differently_from_its_original(registers, code):
    enterprises = registers[code].enterprises
    assert all(
        row.name != enterprises[row.duplicate_of].name for row in enterprises if row.duplicate_of is not None
    )


@pytest.mark.parametrize("code", REGIONS)
def test_duplicates_never_repeat_a_nik_or_an_nib(registers, code):
    register = registers[code]
    niks = [owner.nik for owner in register.owners if owner.nik]
    nibs = [
        licence.number for row in register.enterprises for licence in row.licences if licence.type == "nib"
    ]
    assert len(niks) == len(set(niks)) and len(nibs) == len(set(nibs))


@pytest.mark.parametrize("code", REGIONS)
def test_some_owners_run_more_than_one_enterprise(registers, code):
    per_owner = Counter(row.owner for row in registers[code].enterprises if row.owner is not None)
    assert sum(count > 1 for count in per_owner.values()) > TARGETS[code] * 0.03


@pytest.mark.parametrize("code", REGIONS)
def test_most_enterprises_have_two_to_five_products(registers, code):
    originals = [row for row in registers[code].enterprises if row.duplicate_of is None]
    assert all(2 <= len(row.products) <= 5 for row in originals)


@pytest.mark.django_db
def test_the_register_is_the_same_on_every_run(registers, jember):
    places = list(Region.objects.filter(code__startswith="35.09.", level__gt=Region.Level.REGENCY))
    again = demo_register(region=jember, places=places)
    assert [row.name for row in again.enterprises] == [row.name for row in registers[JEMBER].enterprises]


@pytest.mark.django_db
def test_demo_load_fills_each_region_within_ten_percent_of_its_target(loaded, jember, sarolangun):
    counts = {
        code: Enterprise.objects.with_scope(region=region).count()
        for code, region in ((JEMBER, jember), (SAROLANGUN, sarolangun))
    }
    assert all(abs(counts[code] - TARGETS[code]) <= TARGETS[code] * 0.1 for code in REGIONS)


@pytest.mark.django_db
def test_demo_load_makes_most_enterprises_micro_some_small_and_a_few_medium(loaded, jember):
    scales = Counter(Enterprise.objects.with_scope(region=jember).values_list("computed_scale", flat=True))
    assert scales["micro"] > 0.8 * TARGETS[JEMBER] and scales["small"] > scales["medium"] > 0


@pytest.mark.django_db
def test_demo_load_gives_about_sixty_percent_an_nib(loaded, jember):
    with_nib = Licence.objects.with_scope(region=jember).filter(type="nib").count()
    assert 0.5 * TARGETS[JEMBER] < with_nib < 0.7 * TARGETS[JEMBER]


@pytest.mark.django_db
def test_running_demo_load_again_adds_nothing(loaded, jember):
    _load()
    assert Enterprise.objects.with_scope(region=jember).count() == TARGETS[JEMBER]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["jember.umkm", "sarolangun.umkm"])
def test_the_demo_umkm_login_keeps_its_own_enterprises(loaded, username, actor_of):
    user = User.objects.get(username=username)
    actor = actor_of(user)
    assert Role.UMKM_OWNER in actor.roles_in(next(iter(actor.region_ids())))
    assert enterprises_owned_by(actor=actor).exists()
