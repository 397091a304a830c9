"""`sahabat dedupe --region 35.09`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sahabat.dedupe.models import CandidateGroup, DedupeRun
from tests.registry.factories import EnterpriseFactory


def test_the_command_searches_the_region_and_reports(jember):
    EnterpriseFactory(name="Toko Prol Tape Bu Sri", owner__name="Sri Wahyuni")
    EnterpriseFactory(name="Prol Tape Ibu Sri", owner__name="Hj. Sri Wahyuni")
    output = StringIO()
    call_command("dedupe", "--region", "35.09", stdout=output)
    run = DedupeRun.unscoped.get(region=jember)
    assert run.status == DedupeRun.Status.DONE
    assert "2 data dibandingkan" in output.getvalue() or "2 records compared" in output.getvalue()
    assert CandidateGroup.unscoped.filter(run=run).count() == run.groups


def test_an_unknown_region_is_refused(jember):
    with pytest.raises(CommandError):
        call_command("dedupe", "--region", "99.99", stdout=StringIO())


def test_a_threshold_out_of_range_is_refused(jember):
    with pytest.raises(CommandError):
        call_command("dedupe", "--region", "35.09", "--threshold", "0.2", stdout=StringIO())
