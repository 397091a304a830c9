from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sahabat.indicators.models import Indicator, IndicatorTarget, Realisation
from tests.indicators.factories import IndicatorFactory, RealisationFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_empty_list_invites_to_add_an_indicator(officer_client):
    assert "Belum ada indikator" in officer_client.get(reverse("indicators:indicator_list")).content.decode()


def test_list_shows_the_status_and_figures_the_indonesian_way(officer_client, road):
    RealisationFactory(indicator=road, measured_on=date(2021, 12, 31), value=Decimal(1200))
    content = officer_client.get(reverse("indicators:indicator_list")).content.decode()
    assert "1.200 km" in content and "Sesuai jalur" in content


def test_list_filters_by_status(officer_client, jember, road):
    RealisationFactory(indicator=road, measured_on=date(2021, 12, 31), value=Decimal(100))
    IndicatorFactory(region=jember, name="Tanpa target")
    response = officer_client.get(reverse("indicators:indicator_list"), {"status": "behind"})
    assert [row.indicator.name for row in response.context["page_obj"]] == ["Jalan rusak yang diperbaiki"]


def test_officer_creates_an_indicator(officer_client):
    response = officer_client.post(
        reverse("indicators:indicator_create"),
        {"name": "Jalan rusak yang diperbaiki", "kind": "manual", "unit": "km", "direction": "higher"},
    )
    indicator = Indicator.unscoped.get()
    assert response.url == reverse("indicators:indicator_detail", args=[indicator.pk])


def test_computed_indicator_without_a_computation_shows_the_error_beside_it(officer_client):
    response = officer_client.post(
        reverse("indicators:indicator_create"),
        {"name": "Cakupan NIB", "kind": "computed", "direction": "higher"},
    )
    assert response.context["form"].errors["computation"] == ["Pilih sumber perhitungan indikator."]


def test_detail_draws_the_chart_of_the_current_target(viewer_client, road):
    RealisationFactory(indicator=road, measured_on=date(2021, 5, 31), value=Decimal(95))
    content = viewer_client.get(reverse("indicators:indicator_detail", args=[road.pk])).content.decode()
    assert "<svg" in content and "Laju target" in content and "Mei 2021" in content


def test_viewer_sees_no_forms(viewer_client, road):
    content = viewer_client.get(reverse("indicators:indicator_detail", args=[road.pk])).content.decode()
    assert reverse("indicators:realisation_create", args=[road.pk]) not in content


def test_detail_of_another_region_answers_404(officer_client, sarolangun):
    indicator = IndicatorFactory(region=sarolangun)
    assert officer_client.get(reverse("indicators:indicator_detail", args=[indicator.pk])).status_code == 404


def test_target_is_typed_the_indonesian_way(officer_client, jember):
    indicator = IndicatorFactory(region=jember)
    officer_client.post(
        reverse("indicators:target_create", args=[indicator.pk]),
        {"period_start": "2021-05-01", "period_end": "2021-12-31", "target": "1.200", "baseline": "12,5"},
    )
    target = IndicatorTarget.unscoped.get()
    assert (target.target, target.baseline) == (Decimal(1200), Decimal("12.5"))


def test_target_error_is_shown_beside_the_period(officer_client, road):
    response = officer_client.post(
        reverse("indicators:target_create", args=[road.pk]),
        {"period_start": "2022-05-01", "period_end": "2022-01-01", "target": "1"},
    )
    assert response.context["target_form"].errors["period_end"] == ["Periode berakhir sebelum dimulai."]


def test_target_is_edited(officer_client, road):
    target = road.targets.get()
    officer_client.post(
        reverse("indicators:target_edit", args=[target.pk]),
        {"period_start": "2021-05-01", "period_end": "2021-12-31", "target": "1.300"},
    )
    assert IndicatorTarget.unscoped.get().target == Decimal(1300)


def test_realisation_with_evidence_is_recorded_and_confirmed(officer_client, road):
    report = SimpleUploadedFile("laporan.pdf", b"%PDF-1.4 laporan", content_type="application/pdf")
    response = officer_client.post(
        reverse("indicators:realisation_create", args=[road.pk]),
        {"measured_on": "2021-05-31", "value": "95", "evidence_file": report},
        follow=True,
    )
    assert Realisation.unscoped.get().evidence_file
    assert _messages(response) == ["95 km pada 31 Mei 2021 telah dicatat."]


def test_realisation_error_is_shown_beside_the_file(officer_client, road):
    fake = SimpleUploadedFile("laporan.pdf", b"not a pdf")
    response = officer_client.post(
        reverse("indicators:realisation_create", args=[road.pk]),
        {"measured_on": "2021-05-31", "value": "95", "evidence_file": fake},
    )
    assert response.context["realisation_form"].errors["evidence_file"] == [
        "Jenis berkas yang diterima: PDF, JPEG, PNG. Berkas ini bukan salah satunya."
    ]


def test_realisation_is_deleted(officer_client, road):
    realisation = RealisationFactory(indicator=road)
    officer_client.post(reverse("indicators:realisation_delete", args=[realisation.pk]))
    assert not Realisation.unscoped.exists()


def test_delete_asks_first_then_deletes(officer_client, road):
    page = officer_client.get(reverse("indicators:indicator_delete", args=[road.pk]))
    assert "tidak dapat dibatalkan" in page.content.decode()
    officer_client.post(reverse("indicators:indicator_delete", args=[road.pk]))
    assert not Indicator.unscoped.exists()


def test_computed_indicator_page_explains_its_source(officer_client, jember):
    indicator = IndicatorFactory(region=jember, kind="computed", computation="nib_coverage", unit="%")
    TargetFactory(
        indicator=indicator, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), target=Decimal(70)
    )
    content = officer_client.get(reverse("indicators:indicator_detail", args=[indicator.pk])).content.decode()
    assert "Dihitung langsung dari platform: UMKM ber-NIB (%)." in content


def test_menu_shows_indicators(viewer_client):
    assert (
        f'href="{reverse("indicators:indicator_list")}"'
        in viewer_client.get(reverse("core:home")).content.decode()
    )
