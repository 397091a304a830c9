"""The coaching part of `sahabat demo`: programmes in Jember and Sarolangun, participants from the register.

Each region gets NIB facilitation, halal certification and digital marketing or packaging classes, with
sessions in real districts, participants drawn from the demo register (enterprises that lack the licence
the programme is about), and outcomes recorded through the services, so that an NIB or a halal
certificate obtained also lands in the register as a licence. Seeded: every run gives the same data.
A region that already has programmes is left as it is.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from sahabat.accounts.actor import Actor
from sahabat.coaching import services
from sahabat.coaching.models import Outcome, Programme
from sahabat.regions.models import Region
from sahabat.regions.selectors import district_lookup
from sahabat.registry.models import Enterprise, Licence, Sector

SEED = 20230805
MARKETPLACES = ("Shopee", "Tokopedia", "TikTok Shop", "Lazada", "Bukalapak")
LENDERS = ("Bank Jatim (KUR)", "BRI (KUR)", "BPR Jember", "Bank Mandiri (KUR)")


@dataclass(frozen=True)
class DemoSession:
    title: str
    offset_days: int
    district: str
    venue: str


@dataclass(frozen=True)
class DemoProgramme:
    name: str
    type: str
    organiser: str
    partner: str
    starts_on: date
    ends_on: date
    participants: int
    # What the participants achieve, and the share of them that achieve it.
    outcome: str
    outcome_share: float
    sessions: tuple[DemoSession, ...]
    description: str = ""


JEMBER = (
    DemoProgramme(
        "Fasilitasi NIB UMKM Kuliner 2023",
        Programme.Type.NIB_FACILITATION,
        "Dinas Koperasi dan Usaha Mikro",
        "DPMPTSP Kabupaten Jember",
        date(2023, 3, 6),
        date(2023, 6, 30),
        30,
        Outcome.Type.NIB_OBTAINED,
        0.75,
        (
            DemoSession(
                "Sosialisasi perizinan berusaha berbasis risiko", 0, "Sumbersari", "Aula Dinas Koperasi"
            ),
            DemoSession("Klinik pendaftaran NIB lewat OSS", 21, "Kaliwates", "Mal Pelayanan Publik"),
            DemoSession("Jemput bola NIB di kecamatan", 45, "Ambulu", "Pendopo Kecamatan Ambulu"),
        ),
        "Pendampingan UMKM kuliner mendaftar NIB di OSS RBA, dari akun sampai NIB terbit.",
    ),
    DemoProgramme(
        "Sertifikasi Halal Gratis 2023",
        Programme.Type.HALAL_CERTIFICATION,
        "Dinas Koperasi dan Usaha Mikro",
        "Satgas Layanan Halal Jawa Timur",
        date(2023, 7, 10),
        date(2023, 10, 31),
        25,
        Outcome.Type.HALAL_CERTIFIED,
        0.6,
        (
            DemoSession("Pengenalan jaminan produk halal", 0, "Patrang", "Gedung PKK Kabupaten"),
            DemoSession(
                "Pendampingan pernyataan pelaku usaha (self declare)", 28, "Sumbersari", "Aula Dinas Koperasi"
            ),
        ),
    ),
    DemoProgramme(
        "Kelas Pemasaran Digital UMKM 2024",
        Programme.Type.DIGITAL_MARKETING,
        "Dinas Koperasi dan Usaha Mikro",
        "Komunitas Kreatif Jember",
        date(2024, 2, 5),
        date(2024, 5, 31),
        40,
        Outcome.Type.FIRST_ONLINE_SALE,
        0.45,
        (
            DemoSession("Foto produk dengan ponsel", 0, "Kaliwates", "Jember Creative Hub"),
            DemoSession("Membuka toko di marketplace", 14, "Kaliwates", "Jember Creative Hub"),
            DemoSession("Iklan berbayar dan konten video pendek", 35, "Patrang", "Gedung PKK Kabupaten"),
            DemoSession("Evaluasi penjualan daring", 70, "Sumbersari", "Aula Dinas Koperasi"),
        ),
    ),
    DemoProgramme(
        "Akses Kredit Usaha Rakyat 2024",
        Programme.Type.CREDIT_ACCESS,
        "Dinas Koperasi dan Usaha Mikro",
        "Bank penyalur KUR",
        date(2024, 6, 3),
        date(2024, 8, 30),
        15,
        Outcome.Type.CREDIT_OBTAINED,
        0.55,
        (DemoSession("Temu bank penyalur KUR", 0, "Sumbersari", "Aula Dinas Koperasi"),),
    ),
)

SAROLANGUN = (
    DemoProgramme(
        "Fasilitasi NIB UMKM Sarolangun 2024",
        Programme.Type.NIB_FACILITATION,
        "Dinas Koperasi, UKM dan Perindustrian",
        "DPMPTSP Kabupaten Sarolangun",
        date(2024, 2, 12),
        date(2024, 4, 30),
        20,
        Outcome.Type.NIB_OBTAINED,
        0.7,
        (
            DemoSession("Klinik NIB", 0, "Sarolangun", "Aula Kantor Bupati"),
            DemoSession("Jemput bola NIB", 30, "Singkut", "Kantor Camat Singkut"),
        ),
        "Hasil studi tiru ke Jember: jemput bola NIB di kecamatan.",
    ),
    DemoProgramme(
        "Pelatihan Kemasan Produk Pangan 2024",
        Programme.Type.PACKAGING,
        "Dinas Koperasi, UKM dan Perindustrian",
        "Rumah Kemasan Provinsi Jambi",
        date(2024, 6, 17),
        date(2024, 7, 31),
        15,
        Outcome.Type.FIRST_ONLINE_SALE,
        0.4,
        (DemoSession("Desain dan label kemasan", 0, "Sarolangun", "Balai Latihan Kerja"),),
    ),
    DemoProgramme(
        "Pendampingan Sertifikasi Halal 2024",
        Programme.Type.HALAL_CERTIFICATION,
        "Dinas Koperasi, UKM dan Perindustrian",
        "Kementerian Agama Kabupaten Sarolangun",
        date(2024, 8, 5),
        date(2024, 10, 31),
        12,
        Outcome.Type.HALAL_CERTIFIED,
        0.6,
        (DemoSession("Pendampingan self declare", 0, "Sarolangun", "Aula Kementerian Agama"),),
    ),
)

PROGRAMMES = {"35.09": JEMBER, "15.03": SAROLANGUN}
# Enterprises a programme is for: those that lack what it is about.
LACKING = {Outcome.Type.NIB_OBTAINED: Licence.Type.NIB, Outcome.Type.HALAL_CERTIFIED: Licence.Type.HALAL}


def _candidates(region: Region, plan: DemoProgramme, taken: set[int]) -> list[int]:
    enterprises = Enterprise.objects.with_scopes_disabled().filter(
        region=region, status=Enterprise.Status.ACTIVE
    )
    if plan.outcome == Outcome.Type.HALAL_CERTIFIED or plan.type == Programme.Type.PACKAGING:
        enterprises = enterprises.filter(sector=Sector.FOOD)
    lacking = LACKING.get(plan.outcome)
    if lacking:
        enterprises = enterprises.exclude(licences__type=lacking)
    return [pk for pk in enterprises.order_by("pk").values_list("pk", flat=True) if pk not in taken]


def _reference(rng: random.Random, plan: DemoProgramme, region: Region, used: set[str], day: date) -> str:
    digits = region.code.replace(".", "")
    while True:
        if plan.outcome == Outcome.Type.NIB_OBTAINED:
            # PP 5/2021: 13 digits; demo numbers start with 9 like those OSS issues.
            number = f"9{rng.randrange(10**11, 10**12)}"
        elif plan.outcome == Outcome.Type.HALAL_CERTIFIED:
            number = f"ID{digits}{day:%y}{rng.randrange(10**8, 10**9)}{day:%m}"
        elif plan.outcome == Outcome.Type.FIRST_ONLINE_SALE:
            return rng.choice(MARKETPLACES)
        else:
            return rng.choice(LENDERS)
        if number not in used:
            used.add(number)
            return number


def _load_programme(
    rng: random.Random, actor: Actor, region: Region, plan: DemoProgramme, taken: set[int], used: set[str]
) -> tuple[int, int]:
    today = timezone.localdate(timezone=region.tzinfo)
    programme = services.programme_create(
        actor=actor,
        region=region,
        name=plan.name,
        type=plan.type,
        organiser=plan.organiser,
        partner=plan.partner,
        description=plan.description,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        target_participants=plan.participants,
    )
    for session in plan.sessions:
        services.session_create(
            actor=actor,
            programme_id=programme.pk,
            title=session.title,
            held_on=plan.starts_on + timedelta(days=session.offset_days),
            district=district_lookup(regency=region, name=session.district),
            venue=session.venue,
            notes="",
        )
    candidates = _candidates(region, plan, taken)
    chosen = rng.sample(candidates, min(plan.participants, len(candidates)))
    taken.update(chosen)
    outcomes = 0
    for index, enterprise_id in enumerate(sorted(chosen)):
        participant = services.participant_add(
            actor=actor, programme_id=programme.pk, enterprise_id=enterprise_id
        )
        if index >= round(len(chosen) * plan.outcome_share):
            continue
        span = (plan.ends_on - plan.starts_on).days + 60
        achieved = min(plan.starts_on + timedelta(days=rng.randint(14, span)), today)
        services.outcome_record(
            actor=actor,
            participant_id=participant.pk,
            type=plan.outcome,
            achieved_on=achieved,
            reference=_reference(rng, plan, region, used, achieved),
            amount=rng.choice((10, 25, 50, 75, 100)) * 1_000_000
            if plan.outcome == Outcome.Type.CREDIT_OBTAINED
            else None,
        )
        outcomes += 1
    return len(chosen), outcomes


def demo_load(*, stdout) -> None:
    started = time.perf_counter()
    rng = random.Random(SEED)
    actor = Actor.system()
    used = set(Licence.objects.with_scopes_disabled().values_list("number", flat=True))
    for code, plans in PROGRAMMES.items():
        region = Region.objects.get(code=code)
        if Programme.objects.with_scopes_disabled().filter(region=region).exists():
            stdout.write(f"coaching: {region.name} already has programmes; left as they are")
            continue
        taken: set[int] = set()
        participants = outcomes = 0
        for plan in plans:
            joined, achieved = _load_programme(rng, actor, region, plan, taken, used)
            participants, outcomes = participants + joined, outcomes + achieved
        stdout.write(
            f"coaching: {len(plans)} programmes in {region.name} with {participants} participants "
            f"and {outcomes} outcomes"
        )
    stdout.write(f"coaching: done in {time.perf_counter() - started:.1f} s")
