"""`sahabat report KIND --region --period --format --out`."""

import pytest
from django.core.management import CommandError, call_command

from sahabat.accounts.actor import Actor
from sahabat.registry.selectors import register_aggregates
from tests.reports.conftest import total_row, workbook_of


def test_the_command_writes_the_workbook_with_the_selectors_totals(jember, register, tmp_path):
    out = tmp_path / "rekap.xlsx"
    call_command("report", "umkm", region="35.09", period="2023-08", format="xlsx", out=str(out))
    total = total_row(workbook_of(out.read_bytes()), "UMKM menurut kecamatan")[1]
    assert total == register_aggregates(actor=Actor.system(), region=jember).total


def test_the_command_refuses_a_code_that_is_not_a_regency(jember, tmp_path):
    with pytest.raises(CommandError, match="35.09.21"):
        call_command(
            "report", "umkm", region="35.09.21", period="2023-08", format="xlsx", out=str(tmp_path / "x")
        )


def test_the_command_refuses_a_month_it_cannot_read(jember, tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "report", "umkm", region="35.09", period="08/2023", format="xlsx", out=str(tmp_path / "x")
        )
