"""`sahabat backup` and `sahabat restore`: a restored database equals the one backed up."""

import io

import pytest
from django.core.management import CommandError, call_command

from sahabat.core.backup import database_backup, database_restore, database_summary
from sahabat.core.errors import DomainError
from sahabat.events.services.ledger import sale_record_batch
from sahabat.registry.models import Enterprise
from sahabat.registry.services import enterprise_create
from tests.events import conftest as events_fixtures
from tests.events.conftest import sale

# The events tests' small carnival: an officer, the event, approved booths and a device token.
officer = events_fixtures.officer
carnival = events_fixtures.carnival
booths = events_fixtures.booths
device = events_fixtures.device

# A backup is taken by another connection (pg_dump) and a restore replaces tables: the data must be
# committed, not held in a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ledger(carnival, booths, device):
    """Three sales in the ledger, and the rollups they feed."""
    sale_record_batch(
        actor=device,
        event_id=carnival.pk,
        items=[sale(amount=25_000), sale(amount=40_000), sale(booth="A-002", amount=15_500)],
    )
    return carnival


def test_restore_brings_back_every_row_and_the_ledger(ledger, device, jember, tmp_path):
    from sahabat.accounts.actor import Actor

    before = database_summary()
    backup = tmp_path / "sahabat.backup"
    database_backup(target=backup)
    sale_record_batch(actor=device, event_id=ledger.pk, items=[sale(amount=99_000), sale(amount=1_000)])
    enterprise_create(actor=Actor.system(), region=jember, name="Tape Manis Bondowoso", sector="food")
    changed = database_summary()
    assert changed.sales_count == before.sales_count + 2
    assert changed != before

    database_restore(source=backup)

    after = database_summary()
    assert after.rows == before.rows
    assert (after.sales_count, after.sales_amount) == (3, 80_500)
    assert after.sales_uuid_digest == before.sales_uuid_digest
    assert not Enterprise.unscoped.filter(name="Tape Manis Bondowoso").exists()


def test_backup_command_writes_the_file_and_reports_the_ledger(ledger, tmp_path):
    output = io.StringIO()
    call_command("backup", str(tmp_path / "nightly.backup"), stdout=output)
    assert (tmp_path / "nightly.backup").stat().st_size > 0
    assert "3" in output.getvalue() and "Rp80.500" in output.getvalue()


def test_backup_command_refuses_to_replace_a_file_without_force(ledger, tmp_path):
    existing = tmp_path / "nightly.backup"
    existing.write_bytes(b"yesterday")
    with pytest.raises(CommandError):
        call_command("backup", str(existing), stdout=io.StringIO())
    assert existing.read_bytes() == b"yesterday"


def test_restore_command_refuses_without_force_or_confirmation(ledger, device, tmp_path, monkeypatch):
    backup = tmp_path / "sahabat.backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    sale_record_batch(actor=device, event_id=ledger.pk, items=[sale(amount=5_000)])
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))  # not a terminal: nobody to ask
    with pytest.raises(CommandError):
        call_command("restore", str(backup), stdout=io.StringIO())
    assert database_summary().sales_count == 4


def test_restore_command_with_force_restores(ledger, device, tmp_path):
    backup = tmp_path / "sahabat.backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    sale_record_batch(actor=device, event_id=ledger.pk, items=[sale(amount=5_000)])
    call_command("restore", str(backup), "--force", stdout=io.StringIO())
    assert database_summary().sales_count == 3


def test_restore_refuses_a_file_that_is_not_a_backup(ledger, tmp_path):
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a database")
    with pytest.raises(DomainError) as refused:
        database_restore(source=wrong)
    assert refused.value.errors[0].code == "backup.wrong_format"
    assert database_summary().sales_count == 3
