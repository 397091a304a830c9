import io
import re

import pytest
from django.core.management import CommandError, call_command

from sahabat.registry.models import ImportJob
from tests.registry.imports.conftest import enterprises_of, row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_file(tmp_path):
    path = tmp_path / "sidt.xlsx"
    path.write_bytes(xlsx_bytes([row(1), row(2), row(3, NIK="3,50912E+15")]))
    return path


def _run(*args) -> str:
    out = io.StringIO()
    call_command("import", *map(str, args), stdout=out, no_color=True)
    return out.getvalue()


def test_dry_run_writes_nothing_not_even_a_job(register_file, jember):
    _run(register_file, "--region", "35.09", "--dry-run")
    assert enterprises_of(jember).count() == 0
    assert ImportJob.objects.with_scope(region=jember.pk).count() == 0


def _counts(output: str) -> list[str]:
    """The numbers of the summary row: rows, new, updated, unchanged, rejected, skipped."""
    line = next(line for line in output.splitlines() if re.match(r"│\s+\d", line))
    return [cell.strip() for cell in line.strip("│").split("│")][:6]


def test_dry_run_reports_what_would_happen(register_file, jember):
    output = _run(register_file, "--region", "35.09", "--dry-run")
    assert _counts(output) == ["3", "2", "0", "0", "1", "0"]


def test_valid_only_import_writes_and_records_a_job_without_user(register_file, jember):
    _run(register_file, "--region", "3509", "--mode", "valid_only")
    job = ImportJob.objects.with_scope(region=jember.pk).get()
    assert (job.created_by, job.status, job.created_count, enterprises_of(jember).count()) == (
        None,
        "applied",
        2,
        2,
    )


def test_summary_table_lists_what_was_written(register_file, jember):
    output = _run(register_file, "--region", "35.09", "--mode", "valid_only")
    assert _counts(output) == ["3", "2", "0", "0", "1", "0"]


def test_reimport_summary_counts_unchanged_rows(register_file, jember):
    _run(register_file, "--region", "35.09", "--mode", "valid_only")
    output = _run(register_file, "--region", "35.09", "--mode", "valid_only")
    assert _counts(output) == ["3", "0", "0", "2", "1", "0"]


def test_unknown_region_is_an_error(register_file, jember):
    with pytest.raises(CommandError):
        _run(register_file, "--region", "99.99")


def test_bad_file_is_an_error(tmp_path, jember):
    path = tmp_path / "umkm.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(CommandError):
        _run(path, "--region", "35.09")
