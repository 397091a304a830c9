"""What each report says, read from the selectors of its capability, in a shape both file formats draw.

A report is sections of tables and charts. Nothing here computes a figure a capability already
computes: the tables copy what the selectors return, and a totals row is the selector's own total
wherever the selector has one.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date, format_interval
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sahabat.accounts.actor import Actor
from sahabat.coaching.models import Outcome
from sahabat.coaching.selectors import outcome_count
from sahabat.cooperation import reporting
from sahabat.cooperation.indicators import PERCENT, RUPIAH, live_indicators, report_indicators
from sahabat.cooperation.selectors import (
    agreement_get,
    agreements_in_force_during,
    cooperation_today,
    half_of,
    report_for_half,
)
from sahabat.core import charts
from sahabat.core.money import number, percent, rupiah_compact
from sahabat.events.selectors.progress import event_progress
from sahabat.events.selectors.setup import events_in_period
from sahabat.events.templatetags.event_dates import date_range
from sahabat.indicators.selectors import indicator_list, indicator_rows, region_today, status_counts
from sahabat.purchasing.selectors import (
    PurchaseFilters,
    agency_year,
    leaderboard,
    monthly_asn_spending,
    purchase_list,
)
from sahabat.regions.models import Region
from sahabat.registry.models import Licence, Sector
from sahabat.registry.scale import Scale
from sahabat.registry.selectors import licence_coverage, register_aggregates
from sahabat.reports.models import Kind

# Babel's Indonesian calendar, whatever the active language: reports for the regent are in Indonesian.
DATE_LOCALE = "id"
# Units of the indicators app written in rupiah (its unit is free text: "Rp", "rupiah").
RUPIAH_UNITS = frozenset({"rp", "rupiah"})
# Column kinds: how a value is written in the workbook and on paper.
TEXT, COUNT, RUPIAH_KIND, PERCENT_KIND, DECIMAL, AUTO = (
    "text",
    "count",
    "rupiah",
    "percent",
    "decimal",
    "auto",
)


class Rp(int):
    """Whole rupiah in a column that mixes units (an AUTO column)."""


class Pct(float):
    """A percentage (already × 100) in a column that mixes units."""


def long_date(day: date) -> str:
    """`4 Agustus 2023`."""
    return format_date(day, "d MMMM y", locale=DATE_LOCALE)


def days(start: date, end: date) -> str:
    """`4–6 Agustus 2023`, `28 Juli–13 Agustus 2023`: the events app's CLDR interval."""
    return date_range(start, end, locale=DATE_LOCALE)


def month_label(day: date) -> str:
    """`Agustus 2023`."""
    return format_date(day, "LLLL y", locale=DATE_LOCALE)


def months_label(start: date, end: date) -> str:
    """`Januari–Agustus 2023`; `Januari 2023` when both days fall in the same month."""
    return format_interval(start, end, "yMMMM", locale=DATE_LOCALE)


@dataclass(frozen=True)
class Period:
    """A calendar month, the unit every report is asked for."""

    start: date

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2023-08` → August 2023; ValueError for anything else."""
        year, _sep, month = text.strip().partition("-")
        if not (len(year) == 4 and year.isdigit() and month.isdigit() and len(month) <= 2):
            raise ValueError(text)
        return cls(date(int(year), int(month), 1))

    @property
    def end(self) -> date:
        return self.start.replace(day=calendar.monthrange(self.start.year, self.start.month)[1])

    @property
    def code(self) -> str:
        return f"{self.start.year:04d}-{self.start.month:02d}"

    @property
    def label(self) -> str:
        return month_label(self.start)

    @property
    def year_start(self) -> date:
        return self.start.replace(month=1)

    @property
    def year_to_date_label(self) -> str:
        """`Januari–Agustus 2023`: from the year's first month to this one."""
        return months_label(self.year_start, self.end)

    def previous(self) -> Period:
        last = self.start.replace(day=1)
        return Period(date(last.year - 1, 12, 1) if last.month == 1 else date(last.year, last.month - 1, 1))


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT
    width: int = 16


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: list[list]
    # The totals row, first cell its label; None where the rows do not add up to anything meaningful.
    total: list | None = None
    note: str = ""
    # The workbook's sheet name when the title is too long or too much like another table's.
    sheet: str = ""


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString


@dataclass
class Section:
    title: str
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: list[tuple[str, str]] = field(default_factory=list)  # (heading, paragraph)


@dataclass
class Report:
    kind: str
    title: str
    region: Region
    period: Period
    generated_at: date
    sections: list[Section]

    def table(self, title: str) -> Table:
        return next(table for section in self.sections for table in section.tables if table.title == title)


def _chart(items, title: str, *, value_format=number, **options) -> Chart:
    return Chart(
        title=title,
        svg=charts.bar_chart(
            items, title=title, value_format=value_format, empty_message=_("No figures"), **options
        ),
    )


def _pct(value) -> Pct | None:
    """The one way a percentage (already × 100) enters a table; None stays unknown."""
    return None if value is None else Pct(float(value))


def _share(part: int, whole: int) -> Pct | None:
    return _pct(part * 100 / whole) if whole else None


# UMKM recap -----------------------------------------------------------------------------------


def umkm_report(*, actor: Actor, region: Region, period: Period) -> list[Section]:
    register = register_aggregates(actor=actor, region=region)
    total = register.total
    scales = {**dict(Scale.choices), "": _("Unknown (no capital or turnover)")}
    sectors = dict(Sector.choices)
    summary = Table(
        _("Register in figures"),
        (Column(_("Figure"), width=44), Column(_("Value"), COUNT)),
        [
            [_("Active UMKM"), total],
            [_("Active UMKM with an NIB"), register.with_nib],
            [_("Workers"), register.workers],
        ],
    )
    share_columns = (Column(_("UMKM"), COUNT), Column(_("Share (%)"), PERCENT_KIND))
    by_district = Table(
        _("UMKM by district"),
        (Column(_("District"), width=34), *share_columns),
        [[name or _("No district"), count, _share(count, total)] for name, count in register.by_district],
        total=[_("Total"), total, _share(total, total)],
    )
    by_scale = Table(
        _("UMKM by scale (PP 7/2021)"),
        (Column(_("Scale"), width=34), *share_columns),
        [
            [label, register.by_scale.get(key, 0), _share(register.by_scale.get(key, 0), total)]
            for key, label in scales.items()
        ],
        total=[_("Total"), total, _share(total, total)],
    )
    by_sector = Table(
        _("UMKM by sector"),
        (Column(_("Sector"), width=40), *share_columns),
        [
            [label, register.by_sector.get(key, 0), _share(register.by_sector.get(key, 0), total)]
            for key, label in sectors.items()
        ],
        total=[_("Total"), total, _share(total, total)],
    )
    coverage = licence_coverage(actor=actor, region=region)
    licences = Table(
        _("Licence coverage"),
        (Column(_("Licence"), width=30), Column(_("Active UMKM holding it"), COUNT, 22), share_columns[1]),
        [[label, coverage[key], _share(coverage[key], total)] for key, label in Licence.Type.choices],
        note=_(
            "An enterprise holding several licences counts once in each line, so the lines do not add up."
        ),
    )
    year_start = period.year_start
    coaching = Table(
        _("Coaching outcomes"),
        (
            Column(_("Outcome"), width=30),
            Column(_("In %(month)s") % {"month": period.label}, COUNT, 20),
            Column(_("January to %(month)s") % {"month": period.label}, COUNT, 26),
        ),
        [
            [
                label,
                outcome_count(actor=actor, region=region, since=period.start, until=period.end, type=key),
                outcome_count(actor=actor, region=region, since=year_start, until=period.end, type=key),
            ]
            for key, label in Outcome.Type.choices
        ],
        total=[
            _("Total"),
            outcome_count(actor=actor, region=region, since=period.start, until=period.end),
            outcome_count(actor=actor, region=region, since=year_start, until=period.end),
        ],
    )
    register_charts = [
        _chart(
            [(row[0], row[1]) for row in by_scale.rows],
            _("UMKM by scale"),
            width=620,
            label_width=330,
            value_width=70,
        ),
        _chart(
            [(row[0], row[1]) for row in by_sector.rows if row[1]],
            _("UMKM by sector"),
            width=620,
            label_width=260,
            value_width=70,
        ),
        _chart(
            [(row[0], row[1]) for row in by_district.rows[:10]],
            _("UMKM per district (largest ten)"),
            width=620,
            value_width=70,
        ),
    ]
    return [
        Section(
            _("The register"),
            [summary, by_district, by_scale, by_sector],
            register_charts,
            notes=[
                _("The register keeps no history: its figures are those of %(day)s, whatever the month.")
                % {"day": long_date(timezone.localdate(timezone=region.tzinfo))}
            ],
        ),
        Section(
            _("Licences"),
            [licences],
            [
                _chart(
                    [(row[0], row[2] or 0) for row in licences.rows],
                    _("Share of active UMKM holding each licence"),
                    value_format=percent,
                    width=620,
                    value_width=70,
                )
            ],
        ),
        Section(_("Coaching"), [coaching]),
    ]


# Events ---------------------------------------------------------------------------------------


def events_report(*, actor: Actor, region: Region, period: Period) -> list[Section]:
    events = list(events_in_period(actor=actor, region=region, since=period.start, until=period.end))
    progress = [event_progress(actor=actor, event_id=event.pk) for event in events]
    overview = Table(
        _("Events in the month"),
        (
            Column(_("Event"), width=34),
            Column(_("Main days"), width=28),
            Column(_("Turnover"), RUPIAH_KIND, 20),
            Column(_("Turnover target"), RUPIAH_KIND, 20),
            Column(_("% of target"), PERCENT_KIND, 12),
            Column(_("Visitors"), COUNT),
            Column(_("Visitor target"), COUNT),
            Column(_("% of target"), PERCENT_KIND, 12),
        ),
        [
            [
                item.name,
                days(item.main_start, item.main_end),
                item.turnover,
                item.target_turnover or None,
                _pct(item.turnover_share),
                item.visitors,
                item.target_visitors or None,
                _pct(item.visitor_share),
            ]
            for item in progress
        ],
        total=[
            _("All events"),
            "",
            sum(item.turnover for item in progress),
            None,
            None,
            sum(item.visitors for item in progress),
            None,
            None,
        ]
        if len(progress) > 1
        else None,
        note=_("Events whose reporting window overlaps the month; figures as recorded up to today."),
    )
    sections = [
        Section(_("Overview"), [overview], notes=[] if progress else [_("No published event in this month.")])
    ]
    for position, item in enumerate(progress, start=1):
        sections.append(_event_section(item, region, position))
    return sections


def _event_sheet(position: int, part: str) -> str:
    """`Iven 2 – Harian`: short, and distinct however alike the events' names begin."""
    return _("Event %(number)s – %(part)s") % {"number": position, "part": part}


def _event_section(item, region: Region, position: int) -> Section:
    targets = Table(
        _("%(event)s: targets and realisation") % {"event": item.name},
        (
            Column(_("Figure"), width=30),
            Column(_("Realised"), AUTO, 20),
            Column(_("Target"), AUTO, 20),
            Column(_("% of target"), PERCENT_KIND, 12),
        ),
        [
            [
                _("UMKM turnover (reporting window)"),
                Rp(item.turnover),
                Rp(item.target_turnover),
                _pct(item.turnover_share),
            ],
            [
                _("Visitors (target over the main days)"),
                item.visitors,
                item.target_visitors,
                _pct(item.visitor_share),
            ],
            [_("Sales"), item.sales_count, None, None],
            [_("Average sale"), Rp(item.average_sale) if item.average_sale is not None else None, None, None],
        ],
        sheet=_event_sheet(position, pgettext("sheet name", "Targets")),
    )
    daily = Table(
        _("%(event)s: day by day") % {"event": item.name},
        (
            Column(_("Day"), width=24),
            Column(_("Main day"), width=10),
            Column(_("Turnover"), RUPIAH_KIND, 20),
            Column(_("Sales"), COUNT),
            Column(_("Visitors"), COUNT),
        ),
        [
            [
                long_date(point.day),
                _("Yes") if point.is_main_day else "",
                point.turnover,
                point.sales_count,
                point.visitors,
            ]
            for point in item.daily
        ],
        total=[_("Total"), "", item.turnover, item.sales_count, item.visitors],
        sheet=_event_sheet(position, pgettext("sheet name", "Day by day")),
    )
    top = Table(
        _("%(event)s: top enterprises") % {"event": item.name},
        (
            Column(_("Rank"), COUNT, 7),
            Column(_("UMKM"), width=34),
            Column(_("Region"), width=24),
            Column(_("Sector"), width=24),
            Column(_("Booths"), width=14),
            Column(_("Turnover"), RUPIAH_KIND, 20),
            Column(_("Sales"), COUNT),
        ),
        [
            [rank, top.name, top.origin, top.sector, ", ".join(top.booths), top.turnover, top.sales_count]
            for rank, top in enumerate(item.top_enterprises, start=1)
        ],
        sheet=_event_sheet(position, pgettext("sheet name", "Top enterprises")),
    )
    origins = Table(
        _("%(event)s: UMKM by region of origin") % {"event": item.name},
        (
            Column(_("Region"), width=30),
            Column(_("Partner region"), width=14),
            Column(_("UMKM selling"), COUNT),
            Column(_("Turnover"), RUPIAH_KIND, 20),
            Column(_("Share (%)"), PERCENT_KIND, 12),
        ),
        [
            [
                group.label,
                "" if group.key == str(region.pk) else _("Yes"),
                group.enterprises,
                group.turnover,
                _pct(group.share),
            ]
            for group in item.by_origin
        ],
        total=[_("Total"), "", sum(group.enterprises for group in item.by_origin), item.turnover, None]
        if item.by_origin
        else None,
        sheet=_event_sheet(position, pgettext("sheet name", "Region of origin")),
    )
    curves = [
        Chart(
            _("Turnover per day"),
            charts.column_chart(
                [(f"{point.day.day}/{point.day.month}", point.turnover) for point in item.daily],
                title=_("Turnover per day"),
                value_format=rupiah_compact,
                width=620,
                empty_message=_("No figures"),
            ),
        ),
        Chart(
            _("Visitors per day"),
            charts.column_chart(
                [(f"{point.day.day}/{point.day.month}", point.visitors) for point in item.daily],
                title=_("Visitors per day"),
                width=620,
                empty_message=_("No figures"),
            ),
        ),
    ]
    return Section(
        item.name,
        [targets, daily, top, origins],
        curves,
        notes=[
            _("Reporting window %(days)s; figures as of %(day)s.")
            % {"days": days(item.window_start, item.window_end), "day": long_date(item.as_of.date())}
        ],
    )


# ASN purchases and the 40% commitment -----------------------------------------------------------


def purchasing_report(*, actor: Actor, region: Region, period: Period) -> list[Section]:
    """ASN purchases from January to the reported month; the 40% figures of the budget year as recorded."""
    year = period.start.year
    span = period.year_to_date_label
    board = leaderboard(actor=actor, region=region, year=year, ranking="realised")
    # The selectors' own months, cut at the reported one: a month asked for never shows the months after it.
    months = [
        row
        for row in monthly_asn_spending(actor=actor, region=region, year=year)
        if row.month <= period.start.month
    ]
    recorded = sum(row.recorded for row in months)
    at_events = sum(row.at_events for row in months)
    spent = sum(row.total for row in months)
    purchase_count = purchase_list(
        actor=actor, region=region, filters=PurchaseFilters(since=period.year_start, until=period.end)
    ).count()
    total = board.total
    summary = Table(
        _("%(months)s in figures") % {"months": span},
        (Column(_("Figure"), width=50), Column(_("Value"), AUTO, 22)),
        [
            [_("ASN purchases from UMKM, all lines"), Rp(spent)],
            [_("Recorded purchases"), Rp(recorded)],
            [_("ASN purchases at events"), Rp(at_events)],
            [_("Number of recorded purchases"), purchase_count],
            [_("Number of ASN"), board.asn_count],
        ],
        sheet=_("ASN purchases in figures"),
    )
    monthly = Table(
        _("ASN purchases month by month, %(months)s") % {"months": span},
        (
            Column(_("Month"), width=20),
            Column(_("Recorded purchases"), RUPIAH_KIND, 20),
            Column(_("At events"), RUPIAH_KIND, 20),
            Column(_("Total"), RUPIAH_KIND, 20),
        ),
        [[month_label(date(year, row.month, 1)), row.recorded, row.at_events, row.total] for row in months],
        total=[span, recorded, at_events, spent],
        sheet=_("ASN purchases per month"),
    )
    budget_year = Table(
        _("Budget year %(year)s in figures") % {"year": year},
        (Column(_("Figure"), width=50), Column(_("Value"), AUTO, 22)),
        [
            [_("Goods and services budget"), Rp(total.budget) if total.budget else None],
            [_("Planned for micro and small enterprises (%)"), _pct(total.planned_share)],
            [_("Realised with micro and small enterprises (%)"), _pct(total.realised_share)],
            # xgettext:no-python-format
            [_("Agencies below the 40% floor"), board.below_floor],
            [_("Agencies without a budget"), board.without_budget],
        ],
        note=_("Budgets and packages of the whole budget year, as recorded on %(day)s.")
        % {"day": long_date(timezone.localdate(timezone=region.tzinfo))},
        sheet=_("Budget year in figures"),
    )
    agencies = Table(
        # xgettext:no-python-format
        _("Agencies and the 40% commitment"),
        (
            Column(_("Rank"), COUNT, 7),
            Column(_("Code"), width=12),
            Column(_("Agency"), width=40),
            Column(_("Number of ASN"), COUNT, 10),
            Column(_("ASN purchases, %(months)s") % {"months": span}, RUPIAH_KIND, 18),
            Column(_("Goods and services budget"), RUPIAH_KIND, 20),
            Column(_("Reserved for small enterprises"), RUPIAH_KIND, 20),
            Column(_("Planned (%)"), PERCENT_KIND, 11),
            Column(_("Realised for small enterprises"), RUPIAH_KIND, 20),
            Column(_("Realised (%)"), PERCENT_KIND, 11),
            # xgettext:no-python-format
            Column(_("Below the 40% floor"), width=12),
        ),
        [
            [
                row.rank,
                row.standing.agency.code,
                row.standing.agency.name,
                row.standing.agency.asn_count,
                sum(
                    amount
                    for month, amount in agency_year(
                        actor=actor, agency=row.standing.agency, year=year
                    ).monthly
                    if month <= period.start.month
                ),
                row.standing.commitment.budget,
                row.standing.commitment.reserved_value,
                _pct(row.standing.commitment.planned_share),
                row.standing.commitment.reserved_realised,
                _pct(row.standing.commitment.realised_share),
                _floor(row.standing.commitment),
            ]
            for row in board.rows
        ],
        total=[
            _("All agencies"),
            region.code,
            region.name,
            board.asn_count,
            recorded,
            total.budget,
            total.reserved_value,
            _pct(total.planned_share),
            total.reserved_realised,
            _pct(total.realised_share),
            _floor(total),
        ],
        note=_(
            "Perpres 16/2018 art. 65(4) as amended by Perpres 12/2021: at least 40% of the goods and "
            "services budget for micro and small enterprises and cooperatives."
        ),
    )
    return [
        Section(
            _("ASN purchases, %(months)s") % {"months": span},
            [summary, monthly],
            [
                Chart(
                    _("ASN purchases per month"),
                    charts.column_chart(
                        [
                            (format_date(date(year, row.month, 1), "LLL", locale=DATE_LOCALE), row.total)
                            for row in months
                        ],
                        title=_("ASN purchases per month"),
                        value_format=rupiah_compact,
                        width=620,
                    ),
                )
            ],
            notes=[
                _("From January to the end of the reported month; recorded purchases and event sales to ASN.")
            ],
        ),
        Section(
            _("The 40%% procurement commitment, budget year %(year)s") % {"year": year},
            [budget_year, agencies],
            [
                _chart(
                    [
                        (
                            row.standing.agency.short_name or row.standing.agency.name,
                            float(row.standing.commitment.realised_share),
                        )
                        for row in board.rows
                        if row.standing.commitment.realised_share is not None
                    ],
                    _("Realised share per agency (%)"),
                    value_format=percent,
                    width=620,
                    label_width=240,
                    value_width=70,
                )
            ],
        ),
    ]


def _floor(commitment) -> str:
    if not commitment.has_budget:
        return _("No budget")
    return _("Yes") if commitment.realised_below_floor else _("No")


# Cooperation monitoring --------------------------------------------------------------------------


def cooperation_report(*, actor: Actor, region: Region, period: Period) -> list[Section]:
    year, half = half_of(period.start)
    agreements = agreements_in_force_during(actor=actor, region=region, since=period.start, until=period.end)
    sections = (
        [] if agreements else [Section(_("Cooperation"), notes=[_("No agreement in force in this month.")])]
    )
    for position, listed in enumerate(agreements, start=1):
        agreement = agreement_get(actor=actor, agreement_id=listed.pk)
        report = report_for_half(agreement=agreement, year=year, half=half)
        if report is not None:
            indicators = report_indicators(actor=actor, report=report, today=cooperation_today())
        else:
            indicators = live_indicators(
                actor=actor, agreement=agreement, year=year, half=half, today=cooperation_today()
            )
        table = Table(
            _("%(agreement)s: indicators") % {"agreement": agreement.title},
            (Column(_("Indicator"), width=50), *(Column(name, AUTO, 22) for name in indicators.regions)),
            [[row.label, *(_typed(value, row.unit) for value in row.values)] for row in indicators.rows],
            note=_(
                "Half-year %(half)s of %(year)s (%(days)s); %(state)s. "
                "A dash means the figure is not available."
            )
            % {
                "half": half,
                "year": year,
                "days": days(indicators.period_start, indicators.period_end),
                "state": _("figures stored when the report was finalised")
                if not indicators.live
                else _("figures read on %(day)s") % {"day": long_date(cooperation_today())},
            },
            sheet=_("Agreement %(number)s – %(part)s")
            % {"number": position, "part": pgettext("sheet name", "Indicators")},
        )
        parties = Table(
            _("%(agreement)s: parties") % {"agreement": agreement.title},
            (Column(_("Region"), width=30), Column(_("Number"), width=30), Column(_("Signatory"), width=40)),
            [
                [
                    party.region.name,
                    party.document_number,
                    ", ".join(part for part in (party.signatory_name, party.signatory_position) if part),
                ]
                for party in agreement.party_list
            ],
            sheet=_("Agreement %(number)s – %(part)s")
            % {"number": position, "part": pgettext("sheet name", "Parties")},
        )
        text = []
        if report is not None:
            text = [
                (_("Findings"), report.findings or "—"),
                (_("Recommendations"), report.recommendations or "—"),
            ]
        sections.append(
            Section(
                f"{agreement.get_type_display()}: {agreement.title}",
                [parties, table],
                [
                    Chart(chart.title, chart.svg)
                    for chart in reporting.indicator_charts(indicators, width=620)
                ],
                notes=[
                    _("Valid %(days)s.") % {"days": days(agreement.valid_from, agreement.valid_until)},
                    _("Monitoring report: %(status)s.")
                    % {"status": report.get_status_display() if report else _("not started")},
                ],
                text=text,
            )
        )
    return sections


def _typed(value, unit: str):
    if value is None:
        return None
    if unit == RUPIAH:
        return Rp(round(value))
    if unit == PERCENT:
        return _pct(value)
    return value


# Indicators --------------------------------------------------------------------------------------


def indicators_report(*, actor: Actor, region: Region, period: Period) -> list[Section]:
    as_of = min(period.end, region_today(region))
    rows = indicator_rows(actor=actor, indicators=indicator_list(actor=actor, region=region), today=as_of)
    counts = status_counts(rows)
    table = Table(
        _("Indicators on %(day)s") % {"day": long_date(as_of)},
        (
            Column(_("Indicator"), width=40),
            Column(_("Unit"), width=10),
            Column(_("Target period"), width=34),
            Column(_("Baseline"), AUTO),
            Column(_("Target"), AUTO),
            Column(_("Value"), AUTO),
            Column(_("Expected by now"), AUTO),
            Column(_("Pace (%)"), PERCENT_KIND, 10),
            Column(_("Status"), width=16),
        ),
        [_indicator_row(row) for row in rows],
        sheet=_("Indicators"),
    )
    statuses = Table(
        _("Indicators by status"),
        (Column(_("Status"), width=24), Column(_("Indicators"), COUNT)),
        [[label, count] for _status, label, count in counts],
        total=[_("With a target"), sum(count for _status, _label, count in counts)],
        note=_("%(all)s indicators in all; one without any target has no status.") % {"all": len(rows)},
    )
    # Two sections: the counts and the chart fit portrait pages (the first one under the letterhead);
    # the table of every indicator is too wide and goes on landscape pages.
    return [
        Section(
            _("Development indicators"),
            [statuses],
            [
                _chart(
                    [
                        (row.indicator.name, float(row.progress.pace_percent))
                        for row in rows
                        if row.progress is not None and row.progress.pace_percent is not None
                    ],
                    _("Pace against the target (%)"),
                    value_format=percent,
                    width=620,
                    label_width=320,
                    value_width=70,
                )
            ],
        ),
        Section(_("Every indicator"), [table]),
    ]


def _measure(value, unit: str):
    """An indicator's figure in its unit: whole rupiah for a Rupiah indicator, else the number as stored."""
    if value is None:
        return None
    if unit.strip().lower() in RUPIAH_UNITS:
        return Rp(round(value))
    return value


def _indicator_row(row) -> list:
    progress = row.progress
    unit = row.indicator.unit
    if progress is None:
        return [row.indicator.name, unit, _("No target"), None, None, None, None, None, ""]
    target = progress.target
    return [
        row.indicator.name,
        unit,
        days(target.period_start, target.period_end),
        _measure(target.baseline, unit),
        _measure(target.target, unit),
        _measure(progress.value, unit),
        _measure(progress.expected, unit),
        _pct(progress.pace_percent),
        str(progress.status_label),
    ]


BUILDERS: dict[str, Callable[..., list[Section]]] = {
    Kind.UMKM: umkm_report,
    Kind.EVENTS: events_report,
    Kind.PURCHASING: purchasing_report,
    Kind.COOPERATION: cooperation_report,
    Kind.INDICATORS: indicators_report,
}


def report_content(*, actor: Actor, region: Region, kind: str, period: Period) -> Report:
    """The report of one kind for a region and month, as the actor may read it."""
    return Report(
        kind=kind,
        title=str(Kind(kind).label),
        region=region,
        period=period,
        generated_at=timezone.localdate(timezone=region.tzinfo),
        sections=BUILDERS[kind](actor=actor, region=region, period=period),
    )
