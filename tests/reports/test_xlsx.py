"""The Excel reports: their figures and totals are what the selectors return for the same month."""

from django.utils import translation

from sahabat.coaching.selectors import outcome_count
from sahabat.events.selectors.progress import event_progress
from sahabat.indicators.selectors import target_progress
from sahabat.purchasing.selectors import asn_spending, region_commitment
from sahabat.registry.selectors import licence_coverage, register_aggregates
from sahabat.reports.content import Period
from sahabat.reports.files import report_bytes
from tests.reports.conftest import AUGUST_2023, table_rows, total_row, workbook_of


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
    assert (row[5], row[6], row[7]) == (total.budget, total.reserved_value, float(total.planned_share))


def test_the_purchasing_report_totals_the_months_as_the_years_asn_spending(officer, jember, purchases):
    spending = asn_spending(actor=officer, region=jember, year=2023)
    row = total_row(xlsx(officer, jember, "purchasing"), "Belanja ASN per bulan")
    assert (row[1], row[3]) == (spending.recorded, spending.total) == (240_000, 240_000)


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
    sheet = next(sheet for sheet in workbook.worksheets if sheet["A3"].value == "Belanja ASN per bulan")
    assert sheet["B5"].number_format == '"Rp"#,##0'


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
