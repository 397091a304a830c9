"""The computed indicators: each key reads a figure live from another capability, through its selectors.

A computation takes the actor, the region and a date range (the target period up to the day measured)
and returns a Decimal, or None when the figure does not exist (a share of nothing, a year without a
budget). How each one reads the range depends on its measure:

- flow: a total over the range (coaching outcomes, event turnover); it can be read for any past date,
  so the chart shows it month by month;
- snapshot: the register as it stands now (UMKM count, NIB and halal coverage); the register keeps
  no history, so the range is not used and an ended period shows today's value;
- annual: the calendar year of the range's last day (ASN purchases, the 40% procurement shares).

Definitions are in docs/indicators.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.coaching.models import Outcome
from sahabat.coaching.selectors import outcome_count
from sahabat.events.models import EventHourly
from sahabat.purchasing.selectors import asn_spending, region_commitment
from sahabat.regions.models import Region
from sahabat.registry.models import Licence, Sector
from sahabat.registry.selectors import EnterpriseFilters, enterprise_list

FLOW = "flow"
SNAPSHOT = "snapshot"
ANNUAL = "annual"

Compute = Callable[[Actor, Region, date, date], Decimal | None]


@dataclass(frozen=True)
class Computation:
    key: str
    label: str
    unit: str
    measure: str
    # The reader needs this permission in the region to see the figure; without it the value is None.
    permission: str
    compute: Compute


def share(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`, to two decimals; None when `whole` is zero (no 0 ÷ 0)."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _active(actor: Actor, region: Region, **filters) -> int:
    return enterprise_list(
        actor=actor, region=region, filters=EnterpriseFilters(status="active", **filters)
    ).count()


def umkm_count(actor: Actor, region: Region, since: date, until: date) -> Decimal:
    """Active enterprises in the register."""
    return Decimal(_active(actor, region))


def nib_coverage(actor: Actor, region: Region, since: date, until: date) -> Decimal | None:
    """Active enterprises holding an NIB, as a share of all active enterprises."""
    return share(_active(actor, region, licence=Licence.Type.NIB), _active(actor, region))


def halal_coverage(actor: Actor, region: Region, since: date, until: date) -> Decimal | None:
    """Active food-and-beverage enterprises holding a halal certificate, as a share of all active ones."""
    return share(
        _active(actor, region, sector=Sector.FOOD, licence=Licence.Type.HALAL),
        _active(actor, region, sector=Sector.FOOD),
    )


def coaching_outcomes(outcome_type: str = "") -> Compute:
    def compute(actor: Actor, region: Region, since: date, until: date) -> Decimal:
        return Decimal(outcome_count(actor=actor, region=region, since=since, until=until, type=outcome_type))

    return compute


def event_turnover(actor: Actor, region: Region, since: date, until: date) -> Decimal:
    """Turnover recorded at the region's events between two dates (days in the region's zone)."""
    start = datetime.combine(since, time.min, tzinfo=region.tzinfo)
    end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=region.tzinfo)
    total = (
        restrict(EventHourly, actor, Perm.EVENTS_VIEW)
        .filter(event__region=region, hour__gte=start, hour__lt=end)
        .aggregate(total=Sum("turnover"))["total"]
    )
    return Decimal(total or 0)


def asn_purchases(actor: Actor, region: Region, since: date, until: date) -> Decimal:
    """What the region's civil servants spent at UMKM in the year: recorded purchases and event sales."""
    return Decimal(asn_spending(actor=actor, region=region, year=until.year).total)


def umk_procurement(planned: bool) -> Compute:
    def compute(actor: Actor, region: Region, since: date, until: date) -> Decimal | None:
        commitment, _standings = region_commitment(actor=actor, region=region, year=until.year)
        return commitment.planned_share if planned else commitment.realised_share

    return compute


COMPUTATIONS: dict[str, Computation] = {
    computation.key: computation
    for computation in (
        Computation(
            "umkm_count", _("Active UMKM in the register"), "UMKM", SNAPSHOT, Perm.REGISTRY_VIEW, umkm_count
        ),
        Computation(
            "nib_coverage", _("UMKM with an NIB (%)"), "%", SNAPSHOT, Perm.REGISTRY_VIEW, nib_coverage
        ),
        Computation(
            "halal_coverage",
            _("Food UMKM with a halal certificate (%)"),
            "%",
            SNAPSHOT,
            Perm.REGISTRY_VIEW,
            halal_coverage,
        ),
        Computation(
            "coaching_outcomes",
            _("Coaching outcomes, all kinds"),
            "UMKM",
            FLOW,
            Perm.COACHING_VIEW,
            coaching_outcomes(),
        ),
        *(
            Computation(
                f"coaching_{outcome_type}",
                format_lazy("{}: {}", _("Coaching outcomes"), label),
                "UMKM",
                FLOW,
                Perm.COACHING_VIEW,
                coaching_outcomes(outcome_type),
            )
            for outcome_type, label in Outcome.Type.choices
        ),
        Computation(
            "event_turnover", _("UMKM turnover at events (Rp)"), "Rp", FLOW, Perm.EVENTS_VIEW, event_turnover
        ),
        Computation(
            "asn_purchases",
            _("ASN purchases from UMKM (Rp)"),
            "Rp",
            ANNUAL,
            Perm.PURCHASES_VIEW,
            asn_purchases,
        ),
        Computation(
            "umk_procurement_planned",
            _("Procurement planned for micro and small enterprises (%)"),
            "%",
            ANNUAL,
            Perm.PURCHASES_VIEW,
            umk_procurement(planned=True),
        ),
        Computation(
            "umk_procurement_realised",
            _("Procurement realised with micro and small enterprises (%)"),
            "%",
            ANNUAL,
            Perm.PURCHASES_VIEW,
            umk_procurement(planned=False),
        ),
    )
}


def computation_choices() -> list[tuple[str, str]]:
    return [(key, computation.label) for key, computation in COMPUTATIONS.items()]


def computation_value(key: str, *, actor: Actor, region: Region, since: date, until: date) -> Decimal | None:
    """The live figure of a computed indicator, or None when the reader may not see its source."""
    computation = COMPUTATIONS[key]
    if not actor.has_perm(computation.permission, region.pk):
        return None
    return computation.compute(actor, region, since, until)
