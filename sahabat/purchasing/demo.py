"""Purchasing's part of `sahabat demo`: agencies (OPD) of Jember and Sarolangun and their budget year 2023.

Each agency gets its number of ASN, a goods and services budget, procurement packages (RUP) of which
a share is reserved for micro and small enterprises and cooperatives, and a year of its civil
servants' purchases from enterprises of the demo register (valid NIPs, local prices, channels, more
purchases around Lebaran, the August carnival and the year's end). Some agencies plan and realise more
than 40%, some less, and one Jember sub-district has no budget for the year yet, so the leaderboard
shows every case. A seeded random generator makes every run the same.

`demo_load` leaves a region that already has agencies as it is, so running `sahabat demo` again
adds nothing.
"""

from __future__ import annotations

import calendar
import random
import time as clock
from dataclasses import dataclass
from datetime import date, timedelta

from sahabat.accounts.demo import DEMO_PASSWORD, DEMO_REGIONS
from sahabat.accounts.models import Membership, User
from sahabat.accounts.permissions import Role
from sahabat.core.money import number, rupiah_compact
from sahabat.purchasing.models import Agency, ProcurementBudget, ProcurementPackage, Purchase
from sahabat.purchasing.services import nip_index
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Sector
from sahabat.registry.validators import mask_identifier

SEED = 2023
YEAR = 2023
MILIAR = 1_000_000_000
JUTA = 1_000_000


@dataclass(frozen=True)
class DemoAgency:
    code: str
    name: str
    short_name: str
    head_name: str
    asn_count: int
    # Goods and services budget in rupiah; None: the year's budget has not been entered yet.
    budget: int | None
    # Share of the budget in packages reserved for small enterprises, and how much of it was realised.
    planned: float
    realisation: float
    # Recorded ASN purchases per ASN in the year (how keen its civil servants are).
    purchase_rate: float
    kind: str


JEMBER_AGENCIES = (
    DemoAgency(
        "1.01.01",
        "Dinas Pendidikan",
        "Dispendik",
        "Hadi Mulyono",
        7850,
        212 * MILIAR,
        0.45,
        0.91,
        0.12,
        "school",
    ),
    DemoAgency(
        "1.02.01",
        "Dinas Kesehatan",
        "Dinkes",
        "dr. Lilik Lailiyah",
        2340,
        146 * MILIAR,
        0.26,
        0.85,
        0.25,
        "health",
    ),
    DemoAgency(
        "1.02.02",
        "RSUD dr. Soebandi",
        "RSUD Soebandi",
        "dr. I Nyoman Semita",
        1120,
        182 * MILIAR,
        0.16,
        0.90,
        0.20,
        "hospital",
    ),
    DemoAgency(
        "1.03.01",
        "Dinas Pekerjaan Umum Bina Marga dan Sumber Daya Air",
        "DPU BMSDA",
        "Yessiana Arifa",
        310,
        96 * MILIAR,
        0.09,
        0.95,
        0.50,
        "works",
    ),
    DemoAgency(
        "2.17.01",
        "Dinas Koperasi dan Usaha Mikro",
        "Diskop UM",
        "Bambang Saputro",
        96,
        8_500 * JUTA,
        0.64,
        0.90,
        2.0,
        "umkm",
    ),
    DemoAgency(
        "3.31.01",
        "Dinas Perindustrian dan Perdagangan",
        "Disperindag",
        "Bambang Edi Santoso",
        118,
        12 * MILIAR,
        0.55,
        0.85,
        1.6,
        "umkm",
    ),
    DemoAgency(
        "5.01.01",
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        "Achmad Imam Fauzi",
        74,
        9 * MILIAR,
        0.42,
        0.78,
        1.2,
        "office",
    ),
    DemoAgency(
        "4.01.01", "Sekretariat Daerah", "Setda", "Hadi Sasmito", 412, 61 * MILIAR, 0.38, 0.90, 0.8, "office"
    ),
    DemoAgency(
        "3.26.01",
        "Dinas Pariwisata dan Kebudayaan",
        "Disparbud",
        "Harry Agustriono",
        88,
        11 * MILIAR,
        0.48,
        0.88,
        1.4,
        "tourism",
    ),
    DemoAgency(
        "3.27.01",
        "Dinas Tanaman Pangan, Hortikultura dan Perkebunan",
        "DTPHP",
        "Imam Sudarmaji",
        420,
        24 * MILIAR,
        0.41,
        0.93,
        0.4,
        "farm",
    ),
    DemoAgency(
        "5.02.01",
        "Badan Pendapatan Daerah",
        "Bapenda",
        "Hadi Prasetyo",
        160,
        18 * MILIAR,
        0.50,
        0.90,
        0.7,
        "office",
    ),
    DemoAgency(
        "2.18.01",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        "Sigit Akbari",
        64,
        6 * MILIAR,
        0.44,
        0.95,
        1.0,
        "office",
    ),
    DemoAgency(
        "7.01.01",
        "Kecamatan Sumbersari",
        "Kec. Sumbersari",
        "Regar Jeane Alvarendra",
        46,
        2_100 * JUTA,
        0.72,
        0.92,
        1.5,
        "subdistrict",
    ),
    DemoAgency(
        "7.01.02",
        "Kecamatan Kaliwates",
        "Kec. Kaliwates",
        "Bobby Arie Sandy",
        41,
        None,
        0.0,
        0.0,
        0.9,
        "subdistrict",
    ),
)

SAROLANGUN_AGENCIES = (
    DemoAgency(
        "2.17.01",
        "Dinas Koperasi, Usaha Kecil dan Menengah dan Perindustrian",
        "Diskopukmperin",
        "Azwar Anas",
        62,
        5_200 * JUTA,
        0.58,
        0.88,
        1.8,
        "umkm",
    ),
    DemoAgency(
        "5.01.01",
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        "Dedy Hendry",
        55,
        6_400 * JUTA,
        0.40,
        0.80,
        1.1,
        "office",
    ),
    DemoAgency(
        "1.01.01",
        "Dinas Pendidikan dan Kebudayaan",
        "Dikbud",
        "Helmi",
        3100,
        74 * MILIAR,
        0.43,
        0.90,
        0.15,
        "school",
    ),
    DemoAgency(
        "1.02.01",
        "Dinas Kesehatan",
        "Dinkes",
        "Bambang Hermanto",
        980,
        52 * MILIAR,
        0.30,
        0.85,
        0.3,
        "health",
    ),
    DemoAgency(
        "1.02.02",
        "RSUD Prof. H. M. Chatib Quzwain",
        "RSUD",
        "dr. Basri",
        420,
        58 * MILIAR,
        0.14,
        0.90,
        0.25,
        "hospital",
    ),
    DemoAgency(
        "1.03.01",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "PUPR",
        "Rendi Novrian",
        180,
        64 * MILIAR,
        0.10,
        0.95,
        0.5,
        "works",
    ),
    DemoAgency(
        "4.01.01",
        "Sekretariat Daerah",
        "Setda",
        "Ir. Endang Abdul Naser",
        260,
        38 * MILIAR,
        0.47,
        0.90,
        0.9,
        "office",
    ),
    DemoAgency(
        "3.30.01", "Dinas Perdagangan", "Disdag", "Muhammad Idris", 58, 4_800 * JUTA, 0.52, 0.86, 1.5, "umkm"
    ),
    DemoAgency(
        "7.01.01",
        "Kecamatan Sarolangun",
        "Kec. Sarolangun",
        "Yuli Aprizal",
        38,
        1_600 * JUTA,
        0.66,
        0.90,
        1.3,
        "subdistrict",
    ),
    DemoAgency(
        "7.01.02",
        "Kecamatan Pelawan",
        "Kec. Pelawan",
        "Syaiful",
        31,
        1_300 * JUTA,
        0.61,
        0.88,
        1.1,
        "subdistrict",
    ),
)

AGENCIES = {"35.09": JEMBER_AGENCIES, "15.03": SAROLANGUN_AGENCIES}
FOCAL_POINT = ("jember.opd", "35.09", "2.17.01", "Nur Aini Rahmawati")

# Packages reserved for small enterprises and cooperatives: the goods and services UMKM supply.
RESERVED_ITEMS = (
    "Belanja makanan dan minuman rapat",
    "Belanja alat tulis kantor",
    "Belanja cetak dan penggandaan",
    "Belanja pakaian dinas batik",
    "Belanja suvenir dan cendera mata",
    "Belanja konsumsi kegiatan",
    "Belanja jasa kebersihan",
    "Belanja bahan bacaan dan publikasi",
    "Belanja perlengkapan kantor",
    "Belanja pemeliharaan peralatan kantor",
    "Belanja bahan kebersihan",
    "Belanja spanduk dan baliho",
)
OTHER_ITEMS = {
    "school": (
        "Rehabilitasi ruang kelas SD",
        "Pengadaan buku teks pelajaran",
        "Pengadaan laptop untuk SMP",
        "Pembangunan toilet sekolah",
    ),
    "health": (
        "Pengadaan obat dan bahan medis habis pakai",
        "Pengadaan alat kesehatan puskesmas",
        "Pengadaan ambulans desa",
    ),
    "hospital": (
        "Pengadaan alat kesehatan ruang operasi",
        "Pengadaan obat-obatan",
        "Jasa pemeliharaan CT scan",
        "Pembangunan gedung rawat inap",
    ),
    "works": (
        "Rekonstruksi jalan kabupaten",
        "Pemeliharaan berkala jalan",
        "Rehabilitasi jaringan irigasi",
        "Penggantian jembatan",
    ),
    "umkm": (
        "Jasa konsultansi kajian klaster UMKM",
        "Sewa tempat pameran produk",
        "Pengadaan peralatan inkubator bisnis",
    ),
    "office": (
        "Sewa kendaraan dinas",
        "Jasa konsultansi perencanaan",
        "Pengadaan server dan jaringan",
        "Jasa tenaga pendukung",
    ),
    "tourism": (
        "Jasa penyelenggara acara festival",
        "Sewa panggung dan tata suara",
        "Pembangunan fasilitas destinasi wisata",
    ),
    "farm": ("Pengadaan benih padi unggul", "Pengadaan pupuk organik", "Pengadaan alat mesin pertanian"),
    "subdistrict": (
        "Pemeliharaan gedung kantor kecamatan",
        "Sewa kendaraan operasional",
        "Jasa tenaga kebersihan",
    ),
}
BIG_ITEMS = ("works", "hospital", "school", "health")
RESERVED_METHODS = (
    (ProcurementPackage.Method.E_PURCHASING, 5),
    (ProcurementPackage.Method.DIRECT_PROCUREMENT, 4),
    (ProcurementPackage.Method.SELF_MANAGED, 1),
)
OTHER_METHODS = (
    (ProcurementPackage.Method.TENDER, 4),
    (ProcurementPackage.Method.E_PURCHASING, 3),
    (ProcurementPackage.Method.SELECTION, 1),
    (ProcurementPackage.Method.DIRECT_APPOINTMENT, 1),
    (ProcurementPackage.Method.QUICK_TENDER, 1),
)

# Purchases: more around Lebaran (22 April 2023), the carnival (August) and the year's end.
MONTH_WEIGHTS = (0.7, 0.7, 1.2, 1.6, 0.8, 0.8, 0.9, 1.5, 0.9, 1.0, 1.0, 1.4)
CHANNELS = (
    (Purchase.Channel.SHOP, 55),
    (Purchase.Channel.ONLINE, 26),
    (Purchase.Channel.EVENT_BOOTH, 6),
    (Purchase.Channel.OTHER, 13),
)
# Price bands in rupiah: a snack or coffee, a batik or craft, a Lebaran hamper or a uniform order.
AMOUNT_BANDS = (((20_000, 90_000), 55), ((90_000, 400_000), 35), ((400_000, 2_500_000), 10))
SECTOR_WEIGHTS = {Sector.FOOD: 4, Sector.FASHION: 2, Sector.CRAFT: 2, Sector.TRADE: 1, Sector.AGRICULTURE: 1}
DESCRIPTIONS = {
    "35.09": {
        Sector.FOOD: (
            "Kopi bubuk Jember",
            "Prol tape",
            "Suwar-suwir",
            "Keripik tempe",
            "Nasi pecel untuk rapat",
            "Kue lebaran",
        ),
        Sector.FASHION: ("Batik Labako", "Kemeja batik", "Kaos sablon"),
        Sector.CRAFT: ("Anyaman bambu", "Suvenir kayu", "Tas rajut"),
    },
    "15.03": {
        Sector.FOOD: ("Lempok durian", "Kerupuk ikan", "Kopi Sarolangun", "Dodol nanas", "Kue bolu kemojo"),
        Sector.FASHION: ("Batik Jambi", "Songket Sarolangun"),
        Sector.CRAFT: ("Anyaman rotan", "Ukiran kayu"),
    },
}
OTHER_REGION_SHARE = 0.07
SOURCES = ((Purchase.Source.AGENCY, 80), (Purchase.Source.IMPORT, 15), (Purchase.Source.OWNER, 5))


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` rupiah in `parts` uneven packages, each rounded to a thousand, adding up exactly."""
    weights = [rng.uniform(0.3, 1.7) for _ in range(parts)]
    scale = total / sum(weights)
    values = [int(weight * scale) // 1000 * 1000 for weight in weights]
    values[0] += total - sum(values)
    return values


def _nip(rng: random.Random) -> str:
    """A valid NIP (Perka BKN 22/2007): birth date, appointment at 23–35 and before 2023, sex, serial."""
    birth = date(rng.randint(1966, 1997), rng.randint(1, 12), rng.randint(1, 28))
    appointed = min(birth.year + rng.randint(23, 35), YEAR - 1)
    return f"{birth:%Y%m%d}{appointed}{rng.randint(1, 12):02d}{rng.choice('12')}{rng.randint(1, 999):03d}"


def _day(rng: random.Random) -> date:
    month = rng.choices(range(1, 13), weights=MONTH_WEIGHTS)[0]
    day = date(YEAR, month, rng.randint(1, calendar.monthrange(YEAR, month)[1]))
    # Civil servants buy on working days: a weekend purchase usually moves to the Friday before (or to
    # the Monday after, at the start of a month).
    if day.weekday() >= 5 and rng.random() < 0.7:
        friday = day - timedelta(days=day.weekday() - 4)
        day = friday if friday.month == month else day + timedelta(days=7 - day.weekday())
    return day


def _agencies(region: Region, plans: tuple[DemoAgency, ...]) -> list[Agency]:
    return Agency.objects.with_scopes_disabled().bulk_create(
        [
            Agency(
                region=region,
                code=plan.code,
                name=plan.name,
                short_name=plan.short_name,
                head_name=plan.head_name,
                asn_count=plan.asn_count,
            )
            for plan in plans
        ]
    )


def _procurement(
    rng: random.Random, agencies: list[Agency], plans: tuple[DemoAgency, ...], rup_base: int
) -> int:
    budgets, packages = [], []
    serial = rup_base
    for agency, plan in zip(agencies, plans, strict=True):
        if plan.budget is None:
            continue
        budgets.append(ProcurementBudget(agency=agency, year=YEAR, goods_services_budget=plan.budget))
        reserved_total = int(plan.budget * plan.planned)
        other_total = int(plan.budget * rng.uniform(0.80, 0.93)) - reserved_total
        reserved_items = rng.sample(RESERVED_ITEMS, k=rng.randint(5, 9))
        other_items = OTHER_ITEMS[plan.kind]
        for name, value in zip(reserved_items, _split(rng, reserved_total, len(reserved_items)), strict=True):
            serial += rng.randint(3, 40)
            realised = min(
                value,
                int(value * rng.uniform(plan.realisation - 0.08, plan.realisation + 0.08)) // 1000 * 1000,
            )
            packages.append(
                ProcurementPackage(
                    agency=agency,
                    year=YEAR,
                    rup_code=str(serial),
                    name=name,
                    value=value,
                    method=_pick(rng, RESERVED_METHODS),
                    reserved_for_small=True,
                    realised=max(0, realised),
                )
            )
        for name, value in zip(other_items, _split(rng, other_total, len(other_items)), strict=True):
            serial += rng.randint(3, 40)
            packages.append(
                ProcurementPackage(
                    agency=agency,
                    year=YEAR,
                    rup_code=str(serial),
                    name=name,
                    value=value,
                    method=_pick(rng, OTHER_METHODS),
                    reserved_for_small=False,
                    realised=int(value * rng.uniform(0.82, 1.0)) // 1000 * 1000,
                )
            )
    ProcurementBudget.objects.with_scopes_disabled().bulk_create(budgets)
    ProcurementPackage.objects.with_scopes_disabled().bulk_create(packages)
    return len(packages)


def _sellers(region: Region) -> list[Enterprise]:
    """Active enterprises of the region, each repeated by how often civil servants buy from its sector."""
    enterprises = (
        Enterprise.objects.with_scopes_disabled()
        .filter(region=region, status=Enterprise.Status.ACTIVE)
        .only("pk", "sector", "region_id")
        .order_by("pk")
    )
    return [enterprise for enterprise in enterprises for _ in range(SECTOR_WEIGHTS.get(enterprise.sector, 0))]


def _purchases(
    rng: random.Random,
    region: Region,
    agencies: list[Agency],
    plans: tuple[DemoAgency, ...],
    sellers: dict[str, list[Enterprise]],
    recorder: User | None,
) -> list[Purchase]:
    partner = next(code for code in sellers if code != region.code)
    purchases = []
    for agency, plan in zip(agencies, plans, strict=True):
        count = round(plan.asn_count * plan.purchase_rate * rng.uniform(0.85, 1.15))
        buyers = [_nip(rng) for _ in range(max(3, min(plan.asn_count, count // 2)))]
        indexed = {nip: (nip_index(nip), mask_identifier(nip)) for nip in buyers}
        for _ in range(count):
            origin = partner if sellers[partner] and rng.random() < OTHER_REGION_SHARE else region.code
            enterprise = rng.choice(sellers[origin])
            nip = rng.choice(buyers)
            low, high = _pick(rng, AMOUNT_BANDS)
            descriptions = DESCRIPTIONS[origin].get(enterprise.sector)
            source = _pick(rng, SOURCES)
            purchases.append(
                Purchase(
                    region=region,
                    agency=agency,
                    enterprise=enterprise,
                    purchased_on=_day(rng),
                    buyer_nip=nip,
                    buyer_nip_index=indexed[nip][0],
                    buyer_nip_masked=indexed[nip][1],
                    amount=rng.randint(low, high) // 1000 * 1000,
                    channel=_pick(rng, CHANNELS),
                    description=rng.choice(descriptions) if descriptions else "",
                    source=source,
                    recorded_by=recorder if source == Purchase.Source.AGENCY else None,
                )
            )
    return purchases


def _focal_point(agency: Agency, region: Region) -> None:
    username, _code, _agency_code, full_name = FOCAL_POINT
    user, _created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "email": f"{username}@sahabat.example"}
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    Membership.unscoped.update_or_create(
        user=user, region=region, role=Role.AGENCY_FOCAL_POINT, defaults={"agency": agency, "is_active": True}
    )


def demo_load(*, stdout) -> None:
    started = clock.perf_counter()
    rng = random.Random(SEED)
    regions = {code: Region.objects.get(code=code) for code in DEMO_REGIONS.values()}
    sellers = {code: _sellers(region) for code, region in regions.items()}
    for place, code in DEMO_REGIONS.items():
        region = regions[code]
        if Agency.objects.with_scopes_disabled().filter(region=region).exists():
            stdout.write(f"purchasing: {region.name} already has agencies; left as they are")
            continue
        plans = AGENCIES[code]
        agencies = _agencies(region, plans)
        package_count = _procurement(
            rng, agencies, plans, rup_base=38_600_000 if code == "35.09" else 41_200_000
        )
        recorder = User.objects.filter(username=f"{place}.officer").first()
        # Without the register's demo there is nobody to buy from: agencies and packages only.
        purchases = _purchases(rng, region, agencies, plans, sellers, recorder) if sellers[code] else []
        Purchase.objects.with_scopes_disabled().bulk_create(purchases, batch_size=500)
        if code == FOCAL_POINT[1]:
            _focal_point(next(agency for agency in agencies if agency.code == FOCAL_POINT[2]), region)
        stdout.write(
            f"purchasing: {len(agencies)} agencies in {region.name}, {package_count} packages of {YEAR}, "
            f"{number(len(purchases))} ASN purchases ({rupiah_compact(sum(p.amount for p in purchases))})"
        )
    stdout.write(f"purchasing: done in {clock.perf_counter() - started:.1f} s")
