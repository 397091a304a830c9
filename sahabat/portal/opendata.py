"""Open data: aggregate datasets of every region, as JSON and CSV, with a licence and a data dictionary.

Each dataset is a name (its stable URL), a title, a description, the fields with their meaning, and a
builder that returns rows of plain values. Only aggregates are published. Any figure that rests on
fewer than `SMALL_COUNT` enterprises is held back (its value becomes empty and `suppressed` true), and
where holding back a single figure of a group would let it be worked out from the group's total,
the next smallest figure of that group is held back too. Built rows are cached for
`CACHE_SECONDS`.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahabat.events.selectors.public import event_days_public
from sahabat.indicators.selectors import realisations_public
from sahabat.purchasing.selectors import asn_purchase_months_public
from sahabat.registry.models import Enterprise, Licence
from sahabat.registry.parsing import neutralise_for_spreadsheet

# A figure about fewer enterprises than this is not published: it would describe one or two businesses.
SMALL_COUNT = 3
CACHE_SECONDS = 300
LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "Sahabat UMKM"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, integer, number, date, boolean
    description: str


@dataclass(frozen=True)
class Suppression:
    """How a dataset applies the small-count rule."""

    count_field: str  # the number of enterprises behind a row
    hidden_fields: tuple[str, ...]  # emptied with it
    group_by: tuple[str, ...] | None  # rows whose sum is known elsewhere; None: no group rule


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    build: Callable[[], list[dict]]
    suppression: Suppression | None = None


def suppress(rows: list[dict], rule: Suppression) -> list[dict]:
    """Rows with the small figures held back (see the module's rule); the input is left unchanged."""
    result = [{**row, "suppressed": False} for row in rows]
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in result:
        if row[rule.count_field] < SMALL_COUNT:
            row["suppressed"] = True
        key = tuple(row[name] for name in rule.group_by) if rule.group_by is not None else (id(row),)
        groups[key].append(row)
    if rule.group_by is not None:
        for members in groups.values():
            held = [row for row in members if row["suppressed"]]
            shown = sorted(
                (row for row in members if not row["suppressed"]), key=lambda row: row[rule.count_field]
            )
            if len(held) == 1 and shown:
                shown[0]["suppressed"] = True
    for row in result:
        if row["suppressed"]:
            for name in (rule.count_field, *rule.hidden_fields):
                row[name] = None
    return result


def _active():
    # Aggregates of the whole register, public consent or not; closed and merged records are not counted.
    return Enterprise.unscoped.filter(status=Enterprise.Status.ACTIVE)


def _umkm_by_region() -> list[dict]:
    rows = (
        _active()
        .values("region__code", "region__name", "sector", "computed_scale")
        .annotate(enterprises=Count("pk"))
        .order_by("region__code", "sector", "computed_scale")
    )
    return [
        {
            "region_code": row["region__code"],
            "region_name": row["region__name"],
            "sector": row["sector"],
            "scale": row["computed_scale"] or "unknown",
            "enterprises": row["enterprises"],
        }
        for row in rows
    ]


def _umkm_by_district() -> list[dict]:
    rows = (
        _active()
        .values("region__code", "region__name", "district__code", "district__name")
        .annotate(enterprises=Count("pk"))
        .order_by("region__code", "district__code")
    )
    return [
        {
            "region_code": row["region__code"],
            "region_name": row["region__name"],
            "district_code": row["district__code"] or "",
            "district_name": row["district__name"] or "",
            "enterprises": row["enterprises"],
        }
        for row in rows
    ]


def _umkm_by_licence() -> list[dict]:
    rows = (
        Licence.unscoped.filter(enterprise__status=Enterprise.Status.ACTIVE)
        .values("region__code", "region__name", "type")
        .annotate(enterprises=Count("enterprise_id", distinct=True))
        .order_by("region__code", "type")
    )
    return [
        {
            "region_code": row["region__code"],
            "region_name": row["region__name"],
            "licence_type": row["type"],
            "enterprises": row["enterprises"],
        }
        for row in rows
    ]


def _event_days() -> list[dict]:
    return [
        {
            "event_id": day.event_id,
            "event_name": day.event_name,
            "region_code": day.region_code,
            "region_name": day.region_name,
            "date": day.day.isoformat(),
            "main_day": day.is_main_day,
            "turnover": day.turnover,
            "sales": day.sales_count,
            "visitors": day.visitors,
            "enterprises": day.enterprises,
        }
        for day in event_days_public()
    ]


def _asn_purchases() -> list[dict]:
    return [
        {
            "region_code": month.region_code,
            "region_name": month.region_name,
            "year": month.year,
            "month": month.month,
            "purchases": month.purchases,
            "amount": month.amount,
            "enterprises": month.enterprises,
        }
        for month in asn_purchase_months_public()
    ]


def _indicator_realisations() -> list[dict]:
    return [
        {
            "region_code": row.region_code,
            "region_name": row.region_name,
            "indicator": row.indicator,
            "unit": row.unit,
            "date": row.measured_on.isoformat(),
            "value": str(row.value),
        }
        for row in realisations_public()
    ]


_REGION = (
    Field("region_code", "string", _("Kemendagri code of the regency or city, e.g. 35.09.")),
    Field("region_name", "string", _("Name of the regency or city.")),
)
_ENTERPRISES = Field(
    "enterprises", "integer", _("Number of active enterprises; empty when suppressed (fewer than 3).")
)
_SUPPRESSED = Field("suppressed", "boolean", _("True when the figures of the row are held back."))

DATASETS: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (
        Dataset(
            "umkm-by-region",
            _("UMKM by region, sector and scale"),
            _("Active enterprises in the register of each region, by sector and by the computed scale."),
            (
                *_REGION,
                Field(
                    "sector",
                    "string",
                    _(
                        "Sector code: food, fashion, craft, agriculture, fishery, "
                        "livestock, manufacturing, trade, services, other."
                    ),
                ),
                Field(
                    "scale",
                    "string",
                    _(
                        "Scale computed from capital or turnover (PP 7/2021): "
                        "micro, small, medium, large, or unknown."
                    ),
                ),
                _ENTERPRISES,
                _SUPPRESSED,
            ),
            _umkm_by_region,
            Suppression("enterprises", (), ("region_code",)),
        ),
        Dataset(
            "umkm-by-district",
            _("UMKM by district"),
            _("Active enterprises in the register of each region, by district (kecamatan)."),
            (
                *_REGION,
                Field(
                    "district_code", "string", _("Kemendagri code of the district; empty when not recorded.")
                ),
                Field("district_name", "string", _("Name of the district.")),
                _ENTERPRISES,
                _SUPPRESSED,
            ),
            _umkm_by_district,
            Suppression("enterprises", (), ("region_code",)),
        ),
        Dataset(
            "umkm-by-licence",
            _("UMKM by licence"),
            _(
                "Active enterprises holding at least one licence of each type "
                "(an enterprise may hold several)."
            ),
            (
                *_REGION,
                Field("licence_type", "string", _("Licence type: nib, pirt, bpom, halal, sni, other.")),
                _ENTERPRISES,
                _SUPPRESSED,
            ),
            _umkm_by_licence,
            Suppression("enterprises", (), None),
        ),
        Dataset(
            "event-days",
            _("Event results per day"),
            _("Turnover, sales and visitors of each day of the reporting window of every published event."),
            (
                Field(
                    "event_id",
                    "integer",
                    _("Identifier of the event (its public board is /events/<id>/board/)."),
                ),
                Field("event_name", "string", _("Name of the event.")),
                *_REGION,
                Field("date", "date", _("Day in the host region's time zone (ISO 8601).")),
                Field("main_day", "boolean", _("True on the event's main days.")),
                Field("turnover", "integer", _("UMKM turnover of the day in rupiah, net of cancellations.")),
                Field("sales", "integer", _("Number of sales of the day, net of cancellations.")),
                Field("visitors", "integer", _("Visitors counted at the gates on the day.")),
                Field(
                    "enterprises",
                    "integer",
                    _(
                        "Enterprises with at least one sale on the day; "
                        "turnover and sales are empty when fewer than 3."
                    ),
                ),
                _SUPPRESSED,
            ),
            _event_days,
            Suppression("enterprises", ("turnover", "sales"), ("event_id",)),
        ),
        Dataset(
            "asn-purchases",
            _("Civil servants' purchases from UMKM per month"),
            _("Purchases by civil servants (ASN) from UMKM recorded in each region, per calendar month."),
            (
                *_REGION,
                Field("year", "integer", _("Year.")),
                Field("month", "integer", _("Month, 1 to 12.")),
                Field("purchases", "integer", _("Number of recorded purchases.")),
                Field("amount", "integer", _("Total amount in rupiah.")),
                Field(
                    "enterprises",
                    "integer",
                    _("Enterprises that sold; purchases and amount are empty when fewer than 3."),
                ),
                _SUPPRESSED,
            ),
            _asn_purchases,
            Suppression("enterprises", ("purchases", "amount"), ("region_code", "year")),
        ),
        Dataset(
            "indicator-realisations",
            _("Development indicators"),
            _(
                "Recorded realisations of the regions' development indicators "
                "(e.g. kilometres of road repaired)."
            ),
            (
                *_REGION,
                Field("indicator", "string", _("Name of the indicator.")),
                Field("unit", "string", _("Unit of the value.")),
                Field("date", "date", _("Date of the measurement (ISO 8601).")),
                Field("value", "number", _("Measured value, as a decimal number.")),
            ),
            _indicator_realisations,
        ),
    )
}


def dataset_get(name: str) -> Dataset | None:
    return DATASETS.get(name)


def dataset_rows(dataset: Dataset) -> list[dict]:
    """The dataset's published rows (small counts held back), from the cache when fresh."""
    key = f"portal:dataset:{dataset.name}"
    rows = cache.get(key)
    if rows is None:
        rows = dataset.build()
        if dataset.suppression is not None:
            rows = suppress(rows, dataset.suppression)
        cache.set(key, rows, CACHE_SECONDS)
    return rows


def dataset_metadata(dataset: Dataset) -> dict:
    return {
        "name": dataset.name,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL, "attribution": ATTRIBUTION},
        "small_count_threshold": SMALL_COUNT,
        "fields": [
            {"name": f.name, "type": f.type, "description": str(f.description)} for f in dataset.fields
        ],
    }


def dataset_json(dataset: Dataset) -> dict:
    return {
        **dataset_metadata(dataset),
        "generated_at": timezone.now().isoformat(),
        "rows": dataset_rows(dataset),
    }


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Names typed by officers (events, indicators) must not become formulas in a spreadsheet.
    return neutralise_for_spreadsheet(value) if isinstance(value, str) else value


def dataset_csv(dataset: Dataset) -> str:
    """CSV with a header of field names; booleans as true/false, suppressed figures as empty cells."""
    buffer = io.StringIO()
    names: Sequence[str] = [field.name for field in dataset.fields]
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in dataset_rows(dataset):
        writer.writerow([_cell(row.get(name)) for name in names])
    return buffer.getvalue()
