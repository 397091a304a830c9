import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import translation
from django_scopes import scopes_disabled

from sahabat.events.management.commands import simulate
from sahabat.events.models import Event, GateHourly, Sale, SalesHourly, VisitorCount
from sahabat.events.replay import Tally
from sahabat.events.services.ledger import sale_record_batch, visitor_count_record_batch
from sahabat.events.services.setup import event_update
from tests.events.conftest import sale, visitors


def run(*args) -> str:
    """The command's output, in English so that the assertions read like the source strings."""
    out = StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out, no_color=True)
    return out.getvalue()


@pytest.fixture
def recorded(carnival, booths, device):
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(amount=25_000), sale(amount=40_000)])
    visitor_count_record_batch(actor=device, event_id=carnival.pk, items=[visitors(count=120)])
    return carnival


@pytest.mark.django_db
def test_rebuild_on_a_clean_event_reports_no_difference(recorded):
    assert "The rollups agree with the ledger." in run(
        "events", "rebuild-rollups", "--event", str(recorded.pk)
    )


@pytest.mark.django_db
def test_rebuild_reports_a_tampered_rollup(recorded):
    SalesHourly.objects.with_scopes_disabled().filter(event=recorded).update(turnover=1)
    output = run("events", "rebuild-rollups")
    assert "sales_hourly" in output and "A-001" in output and "have been rebuilt" in output


@pytest.mark.django_db
def test_rebuild_repairs_a_tampered_rollup(recorded):
    GateHourly.objects.with_scopes_disabled().filter(event=recorded).update(visitors=5)
    run("events", "rebuild-rollups", "--event", str(recorded.pk))
    assert GateHourly.objects.with_scopes_disabled().get(event=recorded).visitors == 120


@pytest.mark.django_db
def test_check_reports_a_difference_with_an_error_and_repairs_nothing(recorded):
    SalesHourly.objects.with_scopes_disabled().filter(event=recorded).update(turnover=1)
    with pytest.raises(CommandError, match="differ from the ledger"):
        run("events", "rebuild-rollups", "--check")
    assert (
        SalesHourly.objects.with_scopes_disabled().filter(event=recorded).aggregate(t=Sum("turnover"))["t"]
        == 1
    )


@pytest.mark.django_db
def test_rebuild_of_an_unknown_event_is_refused():
    with pytest.raises(CommandError, match="no event 999"):
        run("events", "rebuild-rollups", "--event", "999")


@pytest.mark.django_db(transaction=True)
def test_simulated_carnival_through_the_api_agrees_with_the_dashboard(live_server, register):
    output = run(
        "simulate",
        "carnival",
        "--url",
        live_server.url,
        "--booths",
        "6",
        "--turnover",
        "2345679",
        "--visitors",
        "1001",
        "--clients",
        "1",
        "--resend-rate",
        "0.5",
    )
    assert "The dashboard agrees to the rupiah and to the visitor." in output
    assert int(re.search(r"\((\d+) batches resent", output)[1]) > 0


@pytest.mark.django_db(transaction=True)
def test_resent_batches_do_not_count_twice_in_the_ledger(live_server, register):
    run(
        "simulate",
        "carnival",
        "--url",
        live_server.url,
        "--booths",
        "6",
        "--turnover",
        "2345679",
        "--visitors",
        "1001",
        "--clients",
        "1",
        "--resend-rate",
        "1",
    )
    with scopes_disabled():
        assert Sale.objects.aggregate(total=Sum("amount"))["total"] == 2_345_679
        assert VisitorCount.objects.aggregate(total=Sum("count"))["total"] == 1001


@pytest.mark.django_db
def test_simulate_fails_when_the_dashboard_disagrees(register, monkeypatch):
    monkeypatch.setattr(
        simulate,
        "replay",
        lambda **_: Tally(sales_sent=3, sales_created=3, turnover_sent=75_000, turnover_created=75_000),
    )
    monkeypatch.setattr(simulate, "_progress", lambda client, event_id: (0, 0, 0))
    with pytest.raises(CommandError, match="does not agree"):
        run("simulate", "carnival", "--url", "http://127.0.0.1:9", "--booths", "3", "--turnover", "75000")


@pytest.mark.django_db
def test_simulate_refuses_an_event_whose_window_has_not_ended(carnival, officer):
    event_update(actor=officer, event_id=carnival.pk, window_end=date(2099, 1, 1))
    with pytest.raises(CommandError, match="has not ended"):
        run("simulate", "carnival", "--event", str(carnival.pk))


@pytest.mark.django_db
def test_simulate_revokes_its_device_tokens(register, monkeypatch):
    monkeypatch.setattr(simulate, "replay", lambda **_: Tally())
    monkeypatch.setattr(simulate, "_progress", lambda client, event_id: (0, 0, 0))
    run(
        "simulate",
        "carnival",
        "--url",
        "http://127.0.0.1:9",
        "--booths",
        "3",
        "--turnover",
        "0",
        "--visitors",
        "0",
    )
    event = Event.objects.with_scopes_disabled().get()
    assert all(token.revoked_at for token in event.api_tokens.all())
