"""The indicators part of `sahabat demo`: Jember's road target, computed indicators of both regions and
Sarolangun's own targets.

Jember repaired 1,200 of its 1,900 km of damaged regency road in eight months of 2021 (May to December),
recorded month by month from the public works office's report. The computed indicators read the other
demos live: NIB coverage and the number of UMKM from the register (this year's target), ASN purchases
and the share of procurement for micro and small enterprises (the purchasing demo's 2023), turnover at
the carnival (events; its target is scaled down like the demo's sales history) and NIBs obtained through
coaching. Sarolangun tracks UMKM that moved up a class and how long a halal certificate takes (lower is
better); their realisations stop at the last month that has ended, like a real mid-year page.
A region that already has indicators is left as it is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from sahabat.accounts.actor import Actor
from sahabat.core.money import rupiah_compact
from sahabat.events.demo import CARNIVAL_DAYS, DEMO_HISTORY_SCALE, TARGET_TURNOVER
from sahabat.indicators import services
from sahabat.indicators.models import Indicator
from sahabat.indicators.selectors import checkpoints
from sahabat.purchasing.models import Agency
from sahabat.regions.models import Region

JEMBER = "35.09"
SAROLANGUN = "15.03"
# The year of the purchasing demo's budgets, packages and purchases.
PURCHASING_YEAR = 2023
JUTA = 1_000_000


@dataclass(frozen=True)
class DemoTarget:
    start: date
    end: date
    baseline: Decimal
    target: Decimal
    note: str = ""


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    unit: str
    direction: str
    source: str
    # Words of the responsible agency's name, as the purchasing demo names it.
    agency: str
    computation: str
    targets: tuple[DemoTarget, ...]
    description: str = ""
    # Values at the end of successive months of the first target, for a manual indicator.
    monthly: tuple[Decimal, ...] = ()
    evidence_note: str = ""


def _year(today: date) -> tuple[date, date]:
    return date(today.year, 1, 1), date(today.year, 12, 31)


def _plans(code: str, today: date) -> tuple[DemoIndicator, ...]:
    first, last = _year(today)
    higher, lower = Indicator.Direction.HIGHER, Indicator.Direction.LOWER
    whole_year_2023 = (date(PURCHASING_YEAR, 1, 1), date(PURCHASING_YEAR, 12, 31))
    computed = (
        DemoIndicator(
            "Cakupan NIB UMKM",
            "%",
            higher,
            "Register UMKM Sahabat",
            "Koperasi",
            "nib_coverage",
            (DemoTarget(first, last, Decimal(45), Decimal(60), "RPJMD: 60% UMKM ber-NIB"),),
        ),
        DemoIndicator(
            "Jumlah UMKM aktif terdaftar",
            "UMKM",
            higher,
            "Register UMKM Sahabat",
            "Koperasi",
            "umkm_count",
            (
                DemoTarget(
                    first,
                    last,
                    Decimal(850 if code == SAROLANGUN else 2_600),
                    Decimal(1_000 if code == SAROLANGUN else 2_880),
                ),
            ),
        ),
        DemoIndicator(
            "Belanja ASN di UMKM",
            "Rp",
            higher,
            "Catatan belanja ASN dan iven",
            "Koperasi",
            "asn_purchases",
            (
                DemoTarget(
                    *whole_year_2023, Decimal(0), Decimal((600 if code == SAROLANGUN else 1_500) * JUTA)
                ),
            ),
        ),
        DemoIndicator(
            "Porsi pengadaan untuk usaha mikro dan kecil",
            "%",
            higher,
            "SiRUP dan realisasi paket",
            "Koperasi",
            "umk_procurement_planned",
            (DemoTarget(*whole_year_2023, Decimal(0), Decimal(40), "Perpres 12/2021: paling sedikit 40%"),),
        ),
    )
    if code == JEMBER:
        road = tuple(Decimal(km) for km in (95, 230, 390, 540, 700, 860, 1_030, 1_200))
        return (
            DemoIndicator(
                "Jalan rusak yang diperbaiki",
                "km",
                higher,
                "Laporan bulanan Dinas PU Bina Marga dan SDA",
                "Pekerjaan Umum",
                "",
                (
                    DemoTarget(
                        date(2021, 5, 1),
                        date(2021, 12, 31),
                        Decimal(0),
                        Decimal(1_200),
                        "Dari 1.900 km jalan rusak",
                    ),
                ),
                "Jalan kabupaten rusak yang diperbaiki sejak Mei 2021: 1.200 dari 1.900 km dalam 8 bulan.",
                monthly=road,
                evidence_note="Rekap bulanan Dinas PU",
            ),
            *computed,
            DemoIndicator(
                "Omzet UMKM di Jember Fashion Carnaval",
                "Rp",
                higher,
                "Catatan kasir stan",
                "Koperasi",
                "event_turnover",
                (
                    DemoTarget(
                        CARNIVAL_DAYS["window_start"],
                        CARNIVAL_DAYS["window_end"],
                        Decimal(0),
                        # The events demo records the carnival scaled down; so is its target here.
                        Decimal(round(TARGET_TURNOVER * DEMO_HISTORY_SCALE)),
                        f"Target {rupiah_compact(TARGET_TURNOVER)}, diperkecil seperti riwayat iven demo",
                    ),
                ),
            ),
            DemoIndicator(
                "UMKM memperoleh NIB lewat pembinaan",
                "UMKM",
                higher,
                "Hasil program pembinaan",
                "Koperasi",
                "coaching_nib_obtained",
                (DemoTarget(date(2023, 3, 1), date(2023, 12, 31), Decimal(0), Decimal(25)),),
            ),
        )
    # The months of this year that have ended: realisations are recorded at the end of each.
    months = today.month - 1
    return (
        DemoIndicator(
            "UMKM naik kelas",
            "UMKM",
            higher,
            "Pendataan Dinas Koperasi",
            "Koperasi",
            "",
            (
                DemoTarget(
                    first, last, Decimal(0), Decimal(60), "Usaha mikro menjadi kecil, kecil menjadi menengah"
                ),
            ),
            "Jumlah UMKM yang skala usahanya naik menurut PP 7/2021 sejak awal tahun.",
            monthly=tuple(Decimal(round(5.2 * month)) for month in range(1, months + 1)),
            evidence_note="Rekap verifikasi lapangan",
        ),
        DemoIndicator(
            "Rata-rata hari terbit sertifikat halal",
            "hari",
            lower,
            "Pendampingan halal Kemenag dan Dinas",
            "Koperasi",
            "",
            (DemoTarget(first, last, Decimal(60), Decimal(21), "Dari 60 hari menjadi 21 hari"),),
            "Lama rata-rata dari pengajuan sampai sertifikat halal terbit; makin singkat makin baik.",
            monthly=tuple(Decimal(58 - 4 * month) for month in range(1, months + 1)),
            evidence_note="Rekap SIHALAL",
        ),
        *computed,
    )


def _agency(region: Region, words: str) -> Agency | None:
    return (
        Agency.objects.with_scopes_disabled()
        .filter(region=region, name__icontains=words)
        .order_by("code")
        .first()
    )


def _load(actor: Actor, region: Region, plan: DemoIndicator) -> int:
    indicator = services.indicator_create(
        actor=actor,
        region=region,
        name=plan.name,
        unit=plan.unit,
        direction=plan.direction,
        owner_agency=_agency(region, plan.agency),
        source=plan.source,
        description=plan.description,
        kind=Indicator.Kind.COMPUTED if plan.computation else Indicator.Kind.MANUAL,
        computation=plan.computation,
    )
    for target in plan.targets:
        services.target_create(
            actor=actor,
            indicator_id=indicator.pk,
            period_start=target.start,
            period_end=target.end,
            baseline=target.baseline,
            target=target.target,
            note=target.note,
        )
    first = plan.targets[0]
    month_ends = checkpoints(first.start, first.end)
    for day, value in zip(month_ends, plan.monthly, strict=False):
        services.realisation_record(
            actor=actor, indicator_id=indicator.pk, measured_on=day, value=value, note=plan.evidence_note
        )
    return len(plan.monthly)


def demo_load(*, stdout) -> None:
    started = time.perf_counter()
    actor = Actor.system()
    for code in (JEMBER, SAROLANGUN):
        region = Region.objects.get(code=code)
        if Indicator.objects.with_scopes_disabled().filter(region=region).exists():
            stdout.write(f"indicators: {region.name} already has indicators; left as they are")
            continue
        plans = _plans(code, timezone.localdate(timezone=region.tzinfo))
        realisations = sum(_load(actor, region, plan) for plan in plans)
        stdout.write(f"indicators: {len(plans)} indicators in {region.name} with {realisations} realisations")
    stdout.write(f"indicators: done in {time.perf_counter() - started:.1f} s")
