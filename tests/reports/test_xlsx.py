"""The Excel reports: their figures and totals are what the selectors return for the same month."""

import pytest
from django.utils import translation

from sahabat.coaching.selectors import outcome_count
from sahabat.events.selectors.progress import event_progress
from sahabat.indicators.selectors import indicator_list, indicator_rows, status_counts, target_progress
from sahabat.purchasing.selectors import monthly_asn_spending, region_commitment
from sahabat.registry.selectors import licence_coverage, register_aggregates
from sahabat.reports.content import Period
from sahabat.reports.files import report_bytes
from tests.reports.conftest import (
    AUGUST_2023,
    monev_live,
    sheet_text,
    sheet_titled,
    table_rows,
    total_row,
    workbook_of,
)

PURCHASES_BY_MONTH = "Belanja ASN per bulan, Januari–Agustus 2023"


def xlsx(officer, jember, kind, period=AUGUST_2023):
    return workbook_of(report_bytes(actor=officer, region=jember, kind=kind, period=period, format="xlsx"))


def test_the_umkm_recap_totals_the_districts_as_the_register_counts_active_umkm(officer, jember, register):
    workbook = xlsx(officer, jember, "umkm")
    assert (
        total_row(workbook, "UMKM menurut kecamatan")[1]
        == register_aggregates(actor=officer, region=jember).total
    )


def test_the_umkm_recap_counts_each_scale_as_the_register(officer, jember, register):
    by_scale = register_aggregates(actor=officer, region=jember).by_scale
    rows = {
        row[0]: row[1] for row in table_rows(xlsx(officer, jember, "umkm"), "UMKM menurut skala (PP 7/2021)")
    }
    assert (rows["Mikro"], rows["Menengah"]) == (by_scale.get("micro", 0), by_scale.get("medium", 0))


def test_the_umkm_recap_gives_the_licence_coverage_of_the_register(officer, jember, register):
    rows = {row[0]: row[1] for row in table_rows(xlsx(officer, jember, "umkm"), "Cakupan perizinan")}
    coverage = licence_coverage(actor=officer, region=jember)
    assert (rows["NIB"], rows["Sertifikat halal"]) == (coverage["nib"], coverage["halal"])


def test_the_umkm_recap_totals_the_months_coaching_outcomes(officer, jember, outcomes):
    total = total_row(xlsx(officer, jember, "umkm"), "Hasil pembinaan")
    month = outcome_count(actor=officer, region=jember, since=AUGUST_2023.start, until=AUGUST_2023.end)
    year = outcome_count(
        actor=officer, region=jember, since=AUGUST_2023.start.replace(month=1), until=AUGUST_2023.end
    )
    assert (total[1], total[2]) == (month, year) == (2, 3)


def test_the_event_report_totals_the_days_as_the_event_progress(officer, jember, carnival_sales):
    progress = event_progress(actor=officer, event_id=carnival_sales.pk)
    total = total_row(xlsx(officer, jember, "events"), f"{progress.name}: hari demi hari")
    assert (total[2], total[3], total[4]) == (progress.turnover, progress.sales_count, progress.visitors)


def test_the_event_report_marks_partner_region_umkm(officer, jember, sarolangun, carnival_sales):
    rows = table_rows(
        xlsx(officer, jember, "events"), "Jember Fashion Carnaval 2023: UMKM menurut daerah asal"
    )
    partner = next(row for row in rows if row[0] == sarolangun.name)
    assert (partner[1], partner[2], partner[3]) == ("Ya", 1, 75_000)


def test_the_event_report_leaves_out_an_event_of_another_month(officer, jember, carnival_sales):
    rows = table_rows(xlsx(officer, jember, "events", Period.parse("2023-10")), "Iven pada bulan ini")
    assert rows[1:] == []


def test_the_purchasing_report_totals_the_agencies_as_the_40_percent_figures(officer, jember, purchases):
    total, _standings = region_commitment(actor=officer, region=jember, year=2023)
    row = total_row(xlsx(officer, jember, "purchasing"), "OPD dan komitmen 40%")
    assert (row[5], row[6]) == (total.budget, total.reserved_value)
    assert row[7] == pytest.approx(float(total.planned_share) / 100)


def test_the_purchasing_report_runs_from_january_to_the_reported_month(officer, jember, purchases):
    rows = table_rows(xlsx(officer, jember, "purchasing"), PURCHASES_BY_MONTH)
    assert [row[0] for row in rows[1:]] == [
        "Januari 2023",
        "Februari 2023",
        "Maret 2023",
        "April 2023",
        "Mei 2023",
        "Juni 2023",
        "Juli 2023",
        "Agustus 2023",
        "Januari–Agustus 2023",
    ]


def test_the_purchasing_report_totals_the_selectors_months_up_to_the_reported_one(officer, jember, purchases):
    months = monthly_asn_spending(actor=officer, region=jember, year=2023)[:8]
    row = total_row(xlsx(officer, jember, "purchasing"), PURCHASES_BY_MONTH)
    assert (row[1], row[3]) == (sum(m.recorded for m in months), sum(m.total for m in months))


def test_a_purchase_after_the_reported_month_is_left_out_of_the_totals(officer, jember, purchases):
    workbook = xlsx(officer, jember, "purchasing")
    summary = {row[0]: row[1] for row in table_rows(workbook, "Januari–Agustus 2023 dalam angka")}
    agencies = table_rows(workbook, "OPD dan komitmen 40%")
    # Rp90.000 in February and Rp150.000 in August; the Rp70.000 of September is another report's.
    assert (summary["Belanja tercatat"], summary["Jumlah belanja tercatat"]) == (240_000, 2)
    assert (agencies[1][4], agencies[-1][4]) == (240_000, 240_000)


def test_the_indicators_report_totals_the_statuses_as_the_selector_counts_them(officer, jember, road):
    as_of = Period.parse("2021-09").end
    counts = status_counts(
        indicator_rows(actor=officer, indicators=indicator_list(actor=officer, region=jember), today=as_of)
    )
    rows = table_rows(
        xlsx(officer, jember, "indicators", Period.parse("2021-09")), "Indikator menurut status"
    )
    assert [row[1] for row in rows[1:-1]] == [count for _status, _label, count in counts]
    assert rows[-1][1] == sum(count for _status, _label, count in counts) == 1


def test_the_indicators_report_reads_the_value_at_the_end_of_the_month(officer, jember, road):
    indicator, target = road
    rows = table_rows(
        xlsx(officer, jember, "indicators", Period.parse("2021-09")), "Indikator pada 30 September 2021"
    )
    progress = target_progress(
        actor=officer, indicator=indicator, target=target, today=Period.parse("2021-09").end
    )
    assert rows[1][5] == float(progress.value) == 540


def test_the_workbook_freezes_the_header_row(officer, jember, register):
    sheet = xlsx(officer, jember, "umkm").worksheets[0]
    assert sheet.freeze_panes == "A5" and sheet["A4"].font.bold


def test_money_cells_carry_the_rupiah_format(officer, jember, purchases):
    workbook = xlsx(officer, jember, "purchasing")
    assert sheet_titled(workbook, PURCHASES_BY_MONTH)["B5"].number_format == '"Rp"#,##0'


def test_a_percentage_is_excels_own_with_the_fraction_in_the_cell(officer, jember, register):
    workbook = xlsx(officer, jember, "umkm")
    total_row_number = 3 + len(table_rows(workbook, "UMKM menurut kecamatan"))
    share = sheet_titled(workbook, "UMKM menurut kecamatan").cell(row=total_row_number, column=3)
    assert (share.value, share.number_format) == (1.0, "0.00%")


def test_a_whole_indicator_value_shows_no_decimal_point(officer, jember, road):
    sheet = sheet_titled(
        xlsx(officer, jember, "indicators", Period.parse("2021-09")), "Indikator pada 30 September 2021"
    )
    assert (sheet["F5"].value, sheet["F5"].number_format) == (540, "#,##0")


def test_an_indicator_value_with_a_fraction_shows_two_decimals(officer, jember, road):
    sheet = sheet_titled(
        xlsx(officer, jember, "indicators", Period.parse("2021-09")), "Indikator pada 30 September 2021"
    )
    expected = sheet["G5"]
    assert expected.number_format == ("#,##0" if float(expected.value).is_integer() else "#,##0.00")
    assert sheet["H5"].number_format == "0.00%"


def test_an_indicator_in_rupiah_carries_the_rupiah_format(officer, jember, rupiah_indicator):
    sheet = sheet_titled(xlsx(officer, jember, "indicators"), "Indikator pada 31 Agustus 2023")
    value = sheet["F5"]
    assert (value.value, value.number_format) == (725_000_000, '"Rp"#,##0')


def test_a_name_that_looks_like_a_formula_stays_text(officer, jember, carnival_sales):
    from sahabat.registry.models import Enterprise

    Enterprise.unscoped.filter(name="Suwar-Suwir Bu Tutik").update(name='=HYPERLINK("http://x")')
    rows = table_rows(xlsx(officer, jember, "events"), "Jember Fashion Carnaval 2023: usaha teratas")
    assert '\'=HYPERLINK("http://x")' in [row[1] for row in rows]


def test_the_workbook_is_in_indonesian_whatever_the_active_language(officer, jember, register):
    with translation.override("en"):
        workbook = xlsx(officer, jember, "umkm")
    assert table_rows(workbook, "UMKM menurut kecamatan")[0][0] == "Kecamatan"


def test_the_monev_report_gives_each_partys_register_as_the_register_counts_it(officer, jember, register):
    from sahabat.cooperation.selectors import cooperation_today
    from tests.cooperation.world import cooperation_world

    world = cooperation_world(jember=jember)
    month = Period(cooperation_today().replace(day=1))
    rows = table_rows(xlsx(officer, jember, "cooperation", month), f"{world.agreement.title}: indikator")
    assert rows[0][1:] == (jember.name, world.partner.name)
    assert rows[1][1] == register_aggregates(actor=officer, region=jember).total


def test_the_umkm_recap_workbook_says_the_register_figures_are_of_today(officer, jember, register):
    from django.utils import timezone

    from sahabat.reports.content import long_date

    sheet = sheet_titled(xlsx(officer, jember, "umkm"), "UMKM menurut kecamatan")
    today = long_date(timezone.localdate(timezone=jember.tzinfo))
    assert any("tidak menyimpan riwayat" in text and today in text for text in sheet_text(sheet))


def test_the_workbook_of_a_month_without_events_says_so(officer, jember, carnival_sales):
    sheet = sheet_titled(xlsx(officer, jember, "events", Period.parse("2023-10")), "Iven pada bulan ini")
    assert "Tidak ada iven yang diterbitkan pada bulan ini." in sheet_text(sheet)


def test_each_event_sheet_carries_its_reporting_window(officer, jember, carnival_sales):
    sheet = sheet_titled(xlsx(officer, jember, "events"), "Jember Fashion Carnaval 2023: hari demi hari")
    assert any(text.startswith("Periode pelaporan 28 Juli–13 Agustus 2023") for text in sheet_text(sheet))


def test_a_report_without_tables_gets_a_sheet_with_its_message_and_month(officer, jember):
    workbook = xlsx(officer, jember, "cooperation")
    (sheet,) = workbook.worksheets
    assert sheet["A2"].value.startswith("Periode: Agustus 2023")
    assert "Tidak ada kesepakatan yang berlaku pada bulan ini." in sheet_text(sheet)


def test_two_events_get_short_sheet_names_told_apart_by_number(officer, jember, coffee_festival):
    names = xlsx(officer, jember, "events").sheetnames
    assert names == [
        "Iven pada bulan ini",
        "Iven 1 – Target",
        "Iven 1 – Harian",
        "Iven 1 – Usaha teratas",
        "Iven 1 – Daerah asal",
        "Iven 2 – Target",
        "Iven 2 – Harian",
        "Iven 2 – Usaha teratas",
        "Iven 2 – Daerah asal",
    ]


def test_the_event_overview_totals_the_turnover_of_both_events(
    officer, jember, carnival_sales, coffee_festival
):
    turnovers = [
        event_progress(actor=officer, event_id=event.pk).turnover
        for event in (carnival_sales, coffee_festival)
    ]
    total = total_row(xlsx(officer, jember, "events"), "Iven pada bulan ini")
    assert total[2] == sum(turnovers) == 140_000 + 75_000


def test_the_region_of_origin_total_is_the_events_turnover(officer, jember, carnival_sales):
    progress = event_progress(actor=officer, event_id=carnival_sales.pk)
    total = total_row(xlsx(officer, jember, "events"), f"{progress.name}: UMKM menurut daerah asal")
    assert (total[2], total[3]) == (sum(group.enterprises for group in progress.by_origin), progress.turnover)


def test_the_top_enterprises_are_the_event_progress_ones_in_order(officer, jember, carnival_sales):
    progress = event_progress(actor=officer, event_id=carnival_sales.pk)
    rows = table_rows(xlsx(officer, jember, "events"), f"{progress.name}: usaha teratas")
    assert [(row[1], row[5], row[6]) for row in rows[1:]] == [
        (top.name, top.turnover, top.sales_count) for top in progress.top_enterprises
    ]


def test_the_monev_report_gives_every_indicator_as_the_cooperation_selectors(officer, jember, register):
    from sahabat.cooperation.indicators import PERCENT, RUPIAH

    world, today, indicators = monev_live(officer, jember)
    rows = table_rows(
        xlsx(officer, jember, "cooperation", Period(today.replace(day=1))),
        f"{world.agreement.title}: indikator",
    )

    def in_the_cell(value, unit):
        if value is None:
            return None
        return round(value) if unit == RUPIAH else value / 100 if unit == PERCENT else value

    assert [row[0] for row in rows[1:]] == [row.label for row in indicators.rows]
    for cells, row in zip(rows[1:], indicators.rows, strict=True):
        assert list(cells[1:]) == pytest.approx([in_the_cell(value, row.unit) for value in row.values])


def test_a_monev_indicator_in_rupiah_carries_the_rupiah_format(officer, jember, register):
    from sahabat.cooperation.selectors import cooperation_today
    from tests.cooperation.world import cooperation_world

    world = cooperation_world(jember=jember)
    workbook = xlsx(officer, jember, "cooperation", Period(cooperation_today().replace(day=1)))
    title = f"{world.agreement.title}: indikator"
    row_number = 4 + next(
        index
        for index, row in enumerate(table_rows(workbook, title))
        if row[0] == "Belanja ASN pada UMKM dalam tahun berjalan"
    )
    assert sheet_titled(workbook, title).cell(row=row_number, column=2).number_format == '"Rp"#,##0'
