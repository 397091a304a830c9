from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.indicators import services
from sahabat.indicators.models import Indicator, IndicatorTarget, Realisation
from sahabat.purchasing.services import agency_save
from tests.indicators.factories import IndicatorFactory, RealisationFactory

pytestmark = pytest.mark.django_db

ROAD = {"name": "Jalan rusak yang diperbaiki", "unit": "km", "direction": "higher", "kind": "manual"}


def _code(call) -> tuple[str, str | None]:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.errors[0].code, caught.value.errors[0].field


def test_officer_creates_a_manual_indicator(officer, jember):
    indicator = services.indicator_create(actor=officer, region=jember, **ROAD)
    assert (indicator.kind, indicator.computation, indicator.unit) == ("manual", "", "km")


def test_computed_indicator_takes_the_unit_of_its_computation(officer, jember):
    indicator = services.indicator_create(
        actor=officer, region=jember, name="Cakupan NIB", unit="", kind="computed", computation="nib_coverage"
    )
    assert indicator.unit == "%"


def test_computed_indicator_needs_a_known_computation(officer, jember):
    assert _code(
        lambda: services.indicator_create(
            actor=officer, region=jember, name="Cakupan", kind="computed", computation="rainfall"
        )
    ) == ("indicator.computation", "computation")


def test_manual_indicator_drops_a_computation(officer, jember):
    indicator = services.indicator_create(actor=officer, region=jember, computation="umkm_count", **ROAD)
    assert indicator.computation == ""


def test_indicator_names_are_unique_in_the_region(officer, jember, road):
    assert _code(lambda: services.indicator_create(actor=officer, region=jember, **ROAD)) == (
        "indicator.exists",
        "name",
    )


def test_indicator_needs_a_unit(officer, jember):
    assert _code(
        lambda: services.indicator_create(actor=officer, region=jember, **{**ROAD, "unit": " "})
    ) == (
        "indicator.unit_required",
        "unit",
    )


def test_responsible_agency_must_be_of_the_region(officer, jember, sarolangun):
    from sahabat.accounts.actor import Actor

    agency = agency_save(actor=Actor.system(), region=sarolangun, code="1.03.01", name="Dinas PUPR")
    assert _code(
        lambda: services.indicator_create(actor=officer, region=jember, owner_agency=agency, **ROAD)
    ) == ("indicator.agency", "owner_agency")


def test_viewer_cannot_create_an_indicator(viewer, jember):
    with pytest.raises(PermissionDenied):
        services.indicator_create(actor=viewer, region=jember, **ROAD)


def test_indicator_of_another_region_is_unknown(officer, sarolangun):
    indicator = IndicatorFactory(region=sarolangun)
    with pytest.raises(NotFound):
        services.indicator_update(actor=officer, indicator_id=indicator.pk, name="Diambil alih")


def test_indicator_with_realisations_cannot_become_computed(officer, road):
    RealisationFactory(indicator=road)
    assert _code(
        lambda: services.indicator_update(
            actor=officer, indicator_id=road.pk, kind="computed", computation="umkm_count"
        )
    ) == ("indicator.has_realisations", "kind")


def test_target_is_set_for_a_period(officer, jember):
    indicator = IndicatorFactory(region=jember)
    target = services.target_create(
        actor=officer,
        indicator_id=indicator.pk,
        period_start=date(2021, 5, 1),
        period_end=date(2021, 12, 31),
        baseline=Decimal(0),
        target=Decimal("1200"),
    )
    assert (target.target, target.baseline) == (Decimal("1200.00"), Decimal("0.00"))


def test_target_period_must_not_end_before_it_starts(officer, road):
    assert _code(
        lambda: services.target_create(
            actor=officer,
            indicator_id=road.pk,
            period_start=date(2022, 5, 1),
            period_end=date(2022, 4, 1),
            target=Decimal(1),
        )
    ) == ("target.period_order", "period_end")


def test_one_target_per_period(officer, road):
    assert _code(
        lambda: services.target_create(
            actor=officer,
            indicator_id=road.pk,
            period_start=date(2021, 5, 1),
            period_end=date(2021, 12, 31),
            target=Decimal(1),
        )
    ) == ("target.exists", "period_start")


def test_target_refuses_a_number_too_large(officer, road):
    assert _code(
        lambda: services.target_create(
            actor=officer,
            indicator_id=road.pk,
            period_start=date(2022, 1, 1),
            period_end=date(2022, 12, 31),
            target=Decimal(10) ** 19,
        )
    ) == ("indicator.value_too_large", "target")


def test_target_update_and_delete(officer, road):
    target = road.targets.get()
    services.target_update(actor=officer, target_id=target.pk, target=Decimal(1300))
    assert IndicatorTarget.unscoped.get().target == Decimal(1300)
    services.target_delete(actor=officer, target_id=target.pk)
    assert not IndicatorTarget.unscoped.exists()


def test_realisation_is_recorded_with_a_link(officer, road):
    realisation = services.realisation_record(
        actor=officer,
        indicator_id=road.pk,
        measured_on=date(2021, 5, 31),
        value="95",
        evidence_url="https://pu.jemberkab.go.id/laporan-mei-2021",
    )
    assert (realisation.value, realisation.evidence_url) == (
        Decimal(95),
        "https://pu.jemberkab.go.id/laporan-mei-2021",
    )


def test_computed_indicator_takes_no_realisation(officer, jember):
    indicator = IndicatorFactory(region=jember, kind="computed", computation="umkm_count")
    assert _code(
        lambda: services.realisation_record(
            actor=officer, indicator_id=indicator.pk, measured_on=date(2024, 1, 31), value=1
        )
    ) == ("realisation.computed_indicator", None)


def test_realisation_date_cannot_be_in_the_future(officer, road):
    assert _code(
        lambda: services.realisation_record(
            actor=officer, indicator_id=road.pk, measured_on=timezone.localdate() + timedelta(days=2), value=1
        )
    ) == ("realisation.future", "measured_on")


def test_one_realisation_per_date(officer, road):
    RealisationFactory(indicator=road, measured_on=date(2021, 5, 31))
    assert _code(
        lambda: services.realisation_record(
            actor=officer, indicator_id=road.pk, measured_on=date(2021, 5, 31), value=9
        )
    ) == ("realisation.exists", "measured_on")


def test_realisation_must_be_a_number(officer, road):
    assert _code(
        lambda: services.realisation_record(
            actor=officer, indicator_id=road.pk, measured_on=date(2021, 5, 31), value="banyak"
        )
    ) == ("indicator.value_invalid", "value")


def test_evidence_must_be_a_pdf_or_an_image(officer, road):
    fake = SimpleUploadedFile("laporan.pdf", b"<html>not a report</html>")
    assert _code(
        lambda: services.realisation_record(
            actor=officer, indicator_id=road.pk, measured_on=date(2021, 5, 31), value=95, evidence_file=fake
        )
    ) == ("evidence.wrong_type", "evidence_file")


def test_evidence_pdf_is_kept(officer, road):
    report = SimpleUploadedFile("laporan.pdf", b"%PDF-1.4 laporan")
    realisation = services.realisation_record(
        actor=officer, indicator_id=road.pk, measured_on=date(2021, 5, 31), value=95, evidence_file=report
    )
    assert realisation.evidence_file.name.endswith(".pdf")


def test_evidence_link_must_be_a_web_address(officer, road):
    assert _code(
        lambda: services.realisation_record(
            actor=officer,
            indicator_id=road.pk,
            measured_on=date(2021, 5, 31),
            value=95,
            evidence_url="laporan mei",
        )
    ) == ("realisation.evidence_url", "evidence_url")


def test_deleting_an_indicator_takes_its_targets_and_realisations(officer, road):
    RealisationFactory(indicator=road)
    services.indicator_delete(actor=officer, indicator_id=road.pk)
    assert not (
        Indicator.unscoped.exists() or IndicatorTarget.unscoped.exists() or Realisation.unscoped.exists()
    )


def test_realisation_is_deleted(officer, road):
    realisation = RealisationFactory(indicator=road)
    services.realisation_delete(actor=officer, realisation_id=realisation.pk)
    assert not Realisation.unscoped.exists()
