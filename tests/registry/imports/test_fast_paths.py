"""The import's shortcuts say exactly what the shared rules say; its bulk writes store what the ORM would."""

import gc

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from sahabat.core import crypto
from sahabat.registry.imports import bulk, services
from sahabat.registry.imports.pipeline import gc_paused
from sahabat.registry.imports.rows import _clean, _identifier
from sahabat.registry.models import ImportJob, ImportRow, Owner
from sahabat.registry.parsing import clean_text, parse_digits
from sahabat.registry.validators import nik_parse
from tests.registry.factories import nik_for
from tests.registry.imports.conftest import row, xlsx_bytes

CELL_TEXT = st.text(alphabet=st.sampled_from("'  \t\n\u00a0\u200bAbc-=+1.2,3\uff11\u2014"), max_size=12)


def _outcome(function, *args, **kwargs):
    try:
        return "value", function(*args, **kwargs)
    except ValidationError as error:
        return "refused", error.code


@given(st.one_of(CELL_TEXT, st.text(max_size=20), st.integers(), st.floats(allow_nan=False), st.none()))
def test_the_ascii_shortcut_cleans_text_as_clean_text_does(value):
    assert _clean(value) == clean_text(value)


@given(
    st.one_of(
        st.from_regex(r"'?[0-9 .\-']{14,18}", fullmatch=True),
        CELL_TEXT,
        st.integers(min_value=0, max_value=10**17),
    )
)
def test_the_identifier_shortcut_reads_an_identifier_as_parse_digits_does(value):
    assert _outcome(_identifier, value, length=16, field_code="nik", label="NIK") == _outcome(
        parse_digits, value, length=16, field_code="nik", label="NIK"
    )


@pytest.mark.django_db
def test_a_refused_nik_birth_date_is_refused_again_on_the_next_row():
    first = _outcome(nik_parse, "3509013102900012")
    assert first == _outcome(nik_parse, "3509013102900012") == ("refused", "nik.bad_date")


@pytest.mark.django_db
def test_niks_sharing_a_birth_date_decode_alike():
    assert nik_parse(nik_for(1, woman=True)).birth_date == nik_parse(nik_for(1, woman=True)).birth_date


def test_the_collector_is_switched_back_on_after_an_import_step():
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_stays_off_when_it_was_off_before():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def _stored(table: str, column: str, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_bulk_insert_encrypts_personal_fields_and_keeps_empty_ones_empty(jember):
    owner = bulk.instantiate(
        Owner, region_id=jember.pk, name="Sri", nik="3509014501900012", updated_at=timezone.now()
    )
    bulk.insert(Owner, [owner])
    stored = _stored("registry_owner", "nik", owner.pk)
    assert stored.startswith(crypto.PREFIX)
    assert crypto.decrypt(stored) == "3509014501900012"
    assert _stored("registry_owner", "email", owner.pk) == ""


@pytest.mark.django_db
def test_bulk_insert_stores_what_the_orm_reads_back(jember):
    owner = bulk.instantiate(
        Owner, region_id=jember.pk, name="Sri", phone="+6281234567890", updated_at=timezone.now()
    )
    bulk.insert(Owner, [owner])
    loaded = Owner.unscoped.get(pk=owner.pk)
    assert (loaded.name, loaded.phone, loaded.email, loaded.birth_date) == ("Sri", "+6281234567890", "", None)


@pytest.mark.django_db
def test_bulk_insert_stores_empty_and_filled_json_of_one_batch(jember):
    job = ImportJob.objects.with_scope(region=jember.pk).create(region=jember, original_name="a.xlsx")
    rows = [
        bulk.instantiate(ImportRow, job_id=job.pk, row_number=1, outcome="new"),
        bulk.instantiate(
            ImportRow, job_id=job.pk, row_number=2, outcome="rejected", errors=[{"code": "x"}], changes={}
        ),
    ]
    bulk.insert(ImportRow, rows)
    stored = {item.row_number: (item.errors, item.changes) for item in ImportRow.unscoped.filter(job=job)}
    assert stored == {1: ([], {}), 2: ([{"code": "x"}], {})}


def _owners(region, count: int) -> list[Owner]:
    now = timezone.now()
    return [
        bulk.instantiate(Owner, region_id=region.pk, name=f"Sri {number}", created_at=now, updated_at=now)
        for number in range(count)
    ]


@pytest.mark.django_db
def test_bulk_insert_over_several_statements_gives_each_instance_its_own_row(jember, monkeypatch):
    monkeypatch.setattr(bulk, "MAX_PARAMETERS", 40)  # a few owners per statement
    owners = _owners(jember, 10)
    bulk.insert(Owner, owners)
    assert [Owner.unscoped.get(pk=owner.pk).name for owner in owners] == [f"Sri {n}" for n in range(10)]


@pytest.mark.django_db
def test_bulk_insert_failing_in_a_later_statement_raises_the_database_error(jember, monkeypatch):
    monkeypatch.setattr(bulk, "MAX_PARAMETERS", 40)
    owners = _owners(jember, 10)
    owners[-1].nik_index = owners[-2].nik_index = "a" * 64
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert(Owner, owners)


@pytest.mark.django_db
def test_a_total_row_in_capitals_is_skipped(jember):
    data = xlsx_bytes([row(1), ["TOTAL", "", "", "", "", "", "", "", "", 120_000_000]])
    summary = services.import_file_run(region=jember, data=data, name="a.xlsx", dry_run=True)
    assert (summary.rows, summary.skipped) == (1, 1)


@pytest.mark.django_db
def test_a_business_named_total_is_not_a_total_row(jember):
    data = xlsx_bytes([row(1, Nama_Usaha="Total Jaya Laundry")])
    summary = services.import_file_run(region=jember, data=data, name="a.xlsx", dry_run=True)
    assert (summary.rows, summary.skipped, summary.new) == (1, 0, 1)
