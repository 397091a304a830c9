"""The events part of `sahabat demo`, and the carnival that `sahabat simulate carnival` replays.

The demo holds the Jember Fashion Carnaval 2023 as the regency ran it: main days 4-6 August, a
reporting window from one week before to one week after, targets of 1,000,000 visitors and Rp500
miliar, a few hundred booths for Jember UMKM and for guests from Sarolangun, and a scaled-down
history recorded through the ledger service, so that the dashboard has something to show.
Everything is seeded: every run gives the same event and the same history.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sahabat.accounts.actor import Actor
from sahabat.accounts.demo import DEMO_PASSWORD
from sahabat.accounts.models import ApiToken, Membership, User
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create
from sahabat.core.money import number, rupiah
from sahabat.events.models import Event, Participation
from sahabat.events.services import ledger, setup
from sahabat.events.simulation import BoothSpec, Plan, Simulation
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise

JEMBER = "35.09"
SAROLANGUN = "15.03"
CARNIVAL_NAME = "Jember Fashion Carnaval 2023"
CARNIVAL_DAYS = {
    "main_start": date(2023, 8, 4),
    "main_end": date(2023, 8, 6),
    "window_start": date(2023, 7, 28),
    "window_end": date(2023, 8, 13),
}
TARGET_VISITORS = 1_000_000
TARGET_TURNOVER = 500_000_000_000
DEMO_SEED = 2023
DEMO_BOOTHS = 300
# The history is the real event scaled down, so that the first `make run` stays fast.
DEMO_HISTORY_SCALE = 0.02
# Enterprises invited but not yet decided on, so that the set-up pages have work to show.
DEMO_PENDING_INVITATIONS = 6
# About one booth in ten goes to the partner region's UMKM.
GUEST_SHARE = 0.1
CASHIER_LOGIN = "jember.kasir"
CASHIER_NAME = "Nur Hasanah"

# How likely an enterprise of each register sector is to take a booth at a fashion carnival.
SECTOR_APPEAL = {
    "food": 5.0,
    "fashion": 6.0,
    "craft": 5.0,
    "agriculture": 2.0,
    "manufacturing": 2.0,
    "fishery": 1.0,
    "livestock": 1.0,
    "trade": 0.5,
    "services": 0.2,
}
OTHER_APPEAL = 1.0
# Host zones by the sectors they take; guests get a zone of their own, whatever they sell.
ZONES = (
    ("A", "Zona Kuliner", ("food", "fishery", "livestock")),
    ("B", "Zona Fashion dan Batik", ("fashion",)),
    ("C", "Zona Kriya", ("craft", "manufacturing")),
    ("D", "Zona Kopi dan Hasil Bumi", ("agriculture",)),
    ("E", "Zona Niaga dan Jasa", ("trade", "services", "other")),
)
GUEST_ZONE = ("M", "Zona Daerah Mitra")


@dataclass(frozen=True)
class HistoryTotals:
    sales: int
    turnover: int
    visitors: int


def _pick(rng: random.Random, candidates: list[tuple[int, str]], count: int) -> list[tuple[int, str]]:
    """Weighted sampling without replacement (Efraimidis-Spirakis), favouring carnival sectors."""
    keyed = [
        (rng.random() ** (1 / SECTOR_APPEAL.get(sector, OTHER_APPEAL)), pk, sector)
        for pk, sector in candidates
    ]
    keyed.sort(reverse=True)
    return [(pk, sector) for _key, pk, sector in keyed[:count]]


def _active_enterprises(region: Region | None) -> list[tuple[int, str]]:
    if region is None:
        return []
    return list(
        Enterprise.objects.with_scopes_disabled()
        .filter(region=region, status=Enterprise.Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", "sector")
    )


def carnival_create(
    *,
    region: Region,
    guest_region: Region | None,
    booths: int,
    seed: int,
    name: str,
    visitors: int = TARGET_VISITORS,
    turnover: int = TARGET_TURNOVER,
    pending: int = 0,
) -> Event:
    """A published event on the carnival's 2023 dates with zones, booths and approved participations.

    Booth holders are active enterprises of the register, chosen by a seeded draw that favours
    food, fashion and craft; about a tenth come from the guest region. When the register has fewer
    enterprises than `booths`, every one of them gets a booth.
    """
    actor = Actor.system()
    event = setup.event_create(
        actor=actor,
        region=region,
        name=name,
        venue="Alun-alun Jember – GOR PKPSO Kaliwates",
        description=(
            "Karnaval busana jalanan tahunan Kabupaten Jember, dengan bazar UMKM seminggu sebelum "
            "sampai seminggu sesudah hari-hari utama."
        ),
        target_visitors=visitors,
        target_turnover=turnover,
        status=Event.Status.PUBLISHED,
        **CARNIVAL_DAYS,
    )
    rng = random.Random(f"{seed}:carnival")
    hosts, guests = _active_enterprises(region), _active_enterprises(guest_region)
    guest_count = min(len(guests), round(booths * GUEST_SHARE))
    chosen_guests = _pick(rng, guests, guest_count)
    chosen_hosts = _pick(rng, hosts, booths - len(chosen_guests))
    by_zone: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    zone_of_sector = {sector: (code, zone_name) for code, zone_name, sectors in ZONES for sector in sectors}
    for pk, sector in sorted(chosen_hosts, key=lambda row: row[1]):
        by_zone[zone_of_sector.get(sector, zone_of_sector["other"])].append((pk, sector))
    for pk, sector in sorted(chosen_guests, key=lambda row: row[1]):
        by_zone[GUEST_ZONE].append((pk, sector))
    for (code, zone_name), holders in sorted(by_zone.items()):
        _zone_fill(actor, event, code, zone_name, holders)
    taken = {pk for pk, _sector in chosen_hosts + chosen_guests}
    waiting = [row for row in hosts + guests if row[0] not in taken]
    for pk, _sector in _pick(rng, waiting, pending):
        setup.participation_invite(actor=actor, event_id=event.pk, enterprise_id=pk)
    return event


def _zone_fill(actor: Actor, event: Event, code: str, zone_name: str, holders: list[tuple[int, str]]) -> None:
    """One zone, its booths numbered by sector (A-001 … A-120 food, A-121 … fishery), each approved."""
    zone = setup.zone_create(actor=actor, event_id=event.pk, code=code, name=zone_name)
    width = max(3, len(str(len(holders))))
    by_sector: dict[str, list[int]] = defaultdict(list)
    for pk, sector in holders:
        by_sector[sector].append(pk)
    number = 0
    for sector, enterprise_ids in by_sector.items():
        first, number = number + 1, number + len(enterprise_ids)
        booths = setup.booths_create(
            actor=actor,
            event_id=event.pk,
            zone_id=zone.pk,
            codes=f"{code}-{first:0{width}d} … {code}-{number:0{width}d}",
            category=sector,
        )
        for booth, enterprise_id in zip(booths, enterprise_ids, strict=True):
            participation = setup.participation_invite(
                actor=actor, event_id=event.pk, enterprise_id=enterprise_id, booth_id=booth.pk
            )
            setup.participation_decide(
                actor=actor, participation_id=participation.pk, status=Participation.Status.APPROVED
            )


def plan_for(event: Event, *, visitors: int, turnover: int, seed: int) -> Plan:
    """The simulation plan of an event: its days, its approved booths and their holders' sectors."""
    booths = tuple(
        BoothSpec(code, sector)
        for code, sector in Participation.objects.with_scopes_disabled()
        .filter(event=event, status=Participation.Status.APPROVED, booth__isnull=False)
        .order_by("booth__code")
        .values_list("booth__code", "enterprise__sector")
    )
    return Plan(
        window_start=event.window_start,
        window_end=event.window_end,
        main_start=event.main_start,
        main_end=event.main_end,
        tzinfo=event.region.tzinfo,
        turnover=turnover,
        visitors=visitors,
        booths=booths,
        seed=seed,
    )


def history_record(*, event: Event, actor: Actor, simulation: Simulation) -> HistoryTotals:
    """Record a simulated history in-process, hour by hour, through the ledger services."""
    sales = turnover = visitors = 0
    for hour in simulation.hours:
        hour_sales = [ledger.SaleIn(**sale._asdict()) for sale in simulation.sales(hour)]
        for start in range(0, len(hour_sales), ledger.MAX_BATCH):
            batch = hour_sales[start : start + ledger.MAX_BATCH]
            results = ledger.sale_record_batch(actor=actor, event_id=event.pk, items=batch)
            for result in results:
                if result.status == "created":
                    sales += 1
                    turnover += batch[result.index].amount
        counts = [ledger.VisitorCountIn(**count._asdict()) for count in simulation.counts(hour)]
        for start in range(0, len(counts), ledger.MAX_BATCH):
            batch = counts[start : start + ledger.MAX_BATCH]
            results = ledger.visitor_count_record_batch(actor=actor, event_id=event.pk, items=batch)
            visitors += sum(batch[r.index].count for r in results if r.status == "created")
    return HistoryTotals(sales=sales, turnover=turnover, visitors=visitors)


def _cashier(region: Region) -> User:
    user, _created = User.objects.get_or_create(
        username=CASHIER_LOGIN,
        defaults={"full_name": CASHIER_NAME, "email": f"{CASHIER_LOGIN}@sahabat.example"},
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    Membership.objects.get_or_create(user=user, region=region, role=Role.BOOTH_CASHIER)
    return user


def _device_token(region: Region, event: Event) -> tuple[ApiToken, str]:
    issued = api_token_create(actor=Actor.system(), region=region, name=f"Kasir {CARNIVAL_NAME} (demo)")
    issued.token.event = event
    issued.token.save(update_fields=["event"])
    return issued.token, issued.raw_key


def demo_load(*, stdout) -> None:
    started = time.perf_counter()
    jember = Region.objects.get(code=JEMBER)
    _cashier(jember)
    if Event.objects.with_scopes_disabled().filter(region=jember, name=CARNIVAL_NAME).exists():
        stdout.write(f"events: {CARNIVAL_NAME} already exists; left as it is")
        return
    event = carnival_create(
        region=jember,
        guest_region=Region.objects.filter(code=SAROLANGUN).first(),
        booths=DEMO_BOOTHS,
        seed=DEMO_SEED,
        name=CARNIVAL_NAME,
        pending=DEMO_PENDING_INVITATIONS,
    )
    token, raw_key = _device_token(jember, event)
    plan = plan_for(
        event,
        visitors=round(TARGET_VISITORS * DEMO_HISTORY_SCALE),
        turnover=round(TARGET_TURNOVER * DEMO_HISTORY_SCALE),
        seed=DEMO_SEED,
    )
    totals = history_record(event=event, actor=Actor.for_token(token), simulation=Simulation(plan))
    stdout.write(
        f"events: {CARNIVAL_NAME} with {len(plan.booths)} booths and a history of {number(totals.sales)} "
        f"sales ({rupiah(totals.turnover)}) and {number(totals.visitors)} visitors, "
        f"in {time.perf_counter() - started:.1f} s"
    )
    stdout.write(f"events: device token for the carnival's booth phones (shown once): {raw_key}")
