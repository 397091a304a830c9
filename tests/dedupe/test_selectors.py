"""Reads of duplicate resolution: the import preview's likely duplicates."""

import pytest

from sahabat.accounts.actor import Actor
from sahabat.dedupe.selectors import import_likely_duplicates
from sahabat.registry.models import ImportJob, ImportRow
from tests.registry.factories import EnterpriseFactory, OwnerFactory


@pytest.fixture
def job(jember):
    return ImportJob.unscoped.create(
        region=jember, original_name="umkm.xlsx", status="previewed", total_rows=1
    )


def _found(jember, row):
    found = import_likely_duplicates(actor=Actor.system(), region=jember, rows=[row])
    return [match.enterprise_id for match in found.get(row.pk, [])]


def test_the_same_owners_nik_and_a_fairly_similar_name_is_a_likely_duplicate(jember, job):
    owner = OwnerFactory()
    existing = EnterpriseFactory(owner=owner, name="UD. Sumber Rejeki")
    row = ImportRow.unscoped.create(
        job=job, row_number=2, outcome="new", label="Toko Sumber Rezeki Jaya", owner_nik_index=owner.nik_index
    )
    assert _found(jember, row) == [existing.pk]


def test_a_fairly_similar_name_without_the_same_owner_is_not_shown(jember, job):
    EnterpriseFactory(name="UD. Sumber Rejeki")
    row = ImportRow.unscoped.create(job=job, row_number=2, outcome="new", label="Toko Sumber Rezeki Jaya")
    assert _found(jember, row) == []


def test_the_same_owners_phone_and_a_fairly_similar_name_is_a_likely_duplicate(jember, job):
    owner = OwnerFactory()
    existing = EnterpriseFactory(owner=owner, name="Warung Makan Sri Rahayu")
    row = ImportRow.unscoped.create(
        job=job, row_number=2, outcome="new", label="WM Sri Rahayu Jaya", owner_phone_index=owner.phone_index
    )
    assert _found(jember, row) == [existing.pk]


def test_another_business_of_the_same_owner_is_no_likely_duplicate(jember, job):
    owner = OwnerFactory()
    EnterpriseFactory(owner=owner, name="Laundry Kiloan Bersih")
    row = ImportRow.unscoped.create(
        job=job, row_number=2, outcome="new", label="Roti Bakar Pak Budi", owner_nik_index=owner.nik_index
    )
    assert _found(jember, row) == []
