"""The charts of a monitoring report and of the partner dashboard, and the report as an A4 PDF.

WeasyPrint needs Pango from the operating system (Debian: libpango-1.0-0 libpangoft2-1.0-0). It
is imported only when a PDF is made, so the rest of the platform runs without it and the page
says so when it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sahabat.cooperation.indicators import PERCENT, RUPIAH, Indicators, PartnerDashboard
from sahabat.core import charts
from sahabat.core.money import number, percent, rupiah_compact
from sahabat.registry.models import Sector
from sahabat.registry.scale import Scale

# The indicators drawn as charts in a report, in this order.
REPORT_CHARTS = ("register_with_nib", "nib_share", "event_turnover", "partner_turnover", "asn_spending")
# WeasyPrint draws SVG without the page's stylesheet, so the chart colours are spelled out for print.
PRINT_COLOURS = {
    "var(--chart-1)": "#0b6e4f",
    "var(--chart-2)": "#c2410c",
    "var(--chart-3)": "#1a56db",
    "var(--chart-4)": "#7c3aed",
    "var(--chart-5)": "#a16207",
}
PDF_LANGUAGE = "id"


def formatter(unit: str):
    if unit == RUPIAH:
        return rupiah_compact
    if unit == PERCENT:
        return percent
    return lambda value: number(value, fraction_digits=0 if float(value).is_integer() else 1)


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString


def indicator_charts(indicators: Indicators, *, width: int = 640) -> list[Chart]:
    """A bar chart per charted indicator, a bar per party region; none where every figure is 0 or unknown."""
    drawn = []
    rows = {row.key: row for row in indicators.rows}
    for key in REPORT_CHARTS:
        row = rows.get(key)
        if row is None or not any(row.values):
            continue
        items = [
            (region, value)
            for region, value in zip(indicators.regions, row.values, strict=True)
            if value is not None
        ]
        svg = charts.bar_chart(
            items, title=row.label, value_format=formatter(row.unit), width=width, value_width=150
        )
        drawn.append(Chart(title=row.label, svg=svg))
    return drawn


def _bar(items, title: str, **options) -> Chart:
    return Chart(
        title=title, svg=charts.bar_chart(items, title=title, empty_message=_("Not available"), **options)
    )


def dashboard_charts(dashboard: PartnerDashboard) -> dict:
    """The partner dashboard's charts: normalised KPIs, scale and sector shares, districts."""
    own, partner = dashboard.own, dashboard.partner
    names = (own.region.name, partner.region.name)
    kpis = [
        _bar(
            [
                (name, value)
                for name, value in zip(names, (item.own, item.partner), strict=True)
                if value is not None
            ],
            item.label,
            value_format=formatter(item.unit),
            width=520,
            label_width=170,
            value_width=150,
        )
        for item in dashboard.comparisons
        if item.normalised
    ]
    return {"kpis": kpis, **_register_charts(own, partner)}


def _shares(counts: dict, total: int, labels: dict) -> list[tuple[str, float]]:
    return [(str(labels[key]), counts.get(key, 0) * 100 / total) for key in labels] if total else []


def _register_charts(own, partner) -> dict:
    scales = {**dict(Scale.choices), "": _("Unknown")}
    sectors = dict(Sector.choices)
    scale_items = [
        (
            f"{label} · {figures.region.name}",
            figures.register.by_scale.get(key, 0) * 100 / figures.register.total,
        )
        for key, label in scales.items()
        for figures in (own, partner)
        if figures.register and figures.register.total
    ]
    sector_charts, district_charts = [], []
    for figures in (own, partner):
        register, name = figures.register, figures.region.name
        sector_charts.append(
            _bar(
                _shares(register.by_sector, register.total, sectors) if register else [],
                _("Share of UMKM by sector, %(region)s") % {"region": name},
                value_format=percent,
                width=520,
                label_width=265,
                value_width=60,
            )
        )
        districts = [
            (district or str(_("No district")), count) for district, count in register.by_district[:10]
        ]
        district_charts.append(
            _bar(
                districts if register else [],
                _("UMKM per district (largest ten), %(region)s") % {"region": name},
                width=520,
                label_width=200,
                value_width=70,
            )
        )
    # Drawn at about the width of the page's column, so that its text is as large as the other charts'.
    scale = _bar(
        scale_items,
        _("Share of UMKM by scale"),
        value_format=percent,
        width=1080,
        label_width=330,
        value_width=80,
    )
    return {"scale": scale, "sectors": sector_charts, "districts": district_charts}


def for_print(svg: str) -> SafeString:
    # The chart's text size is set in the SVG itself (charts.FONT_SIZE: on a 620-unit chart across the A4
    # text width it reads like the 9-point body text), and labels are fitted to it; the colours are not.
    for variable, colour in PRINT_COLOURS.items():
        svg = svg.replace(variable, colour)
    return mark_safe(svg)


def weasyprint_missing() -> str:
    """Why WeasyPrint cannot run here ("" when it can): the Python package or Pango is missing."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        return str(error)
    return ""


def report_pdf(*, context: dict) -> bytes:
    """The report as an A4 PDF, in Indonesian whatever the reader's language, with page numbers."""
    from weasyprint import HTML

    with translation.override(PDF_LANGUAGE):
        indicators = context["indicators"]
        charts_for_print = [
            Chart(title=chart.title, svg=for_print(chart.svg))
            for chart in indicator_charts(indicators, width=620)
        ]
        html = render_to_string("cooperation/report_pdf.html", {**context, "charts": charts_for_print})
    return HTML(string=html).write_pdf()
