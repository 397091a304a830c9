"""`sahabat regions load`."""

from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from sahabat.regions.models import Region
from sahabat.regions.selectors import districts_of, region_by_code

pytestmark = pytest.mark.django_db


def test_load_creates_the_districts_of_banyuwangi():
    call_command("regions", "load", "35.10", stdout=StringIO())
    assert districts_of(region_by_code("35.10")).count() == 25


def test_load_accepts_several_codes_in_either_form():
    call_command("regions", "load", "3510", "35.11", stdout=StringIO())
    assert Region.objects.filter(level=Region.Level.DISTRICT, code__regex=r"^35\.1[01]\.").count() == 25 + 23


def test_load_prints_the_counts():
    out = StringIO()
    call_command("regions", "load", "35.10", stdout=out)
    assert "35.10" in out.getvalue()
    assert "217" in out.getvalue()


def test_load_twice_creates_nothing_the_second_time():
    call_command("regions", "load", "35.10", stdout=StringIO())
    before = Region.objects.count()
    call_command("regions", "load", "35.10", stdout=StringIO())
    assert Region.objects.count() == before


def test_load_of_an_unknown_code_is_a_command_error():
    with pytest.raises(CommandError, match="99.99"):
        call_command("regions", "load", "99.99", stdout=StringIO())


def test_load_of_an_unknown_code_exits_non_zero():
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["sahabat", "regions", "--skip-checks", "load", "99.99"])
    assert exited.value.code == 1
