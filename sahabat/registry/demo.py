"""The register's part of `sahabat demo`: a synthetic but realistic UMKM register for both regions.

About 3,000 enterprises in Jember and 1,000 in Sarolangun, spread over the real districts and villages,
with owners (valid NIKs issued in the enterprise's district, women's day of birth plus 40), phones,
licences (NIB for about 60%; P-IRT, halal and BPOM for makers of packaged food; trademark
certificates for some craft and fashion), two to five products each with local prices, and capital
and turnover that make most enterprises micro, some small and a few medium. About 6% of the
enterprises are a second business of an owner already in the register (same district, another kind).
Everything comes from a seeded random generator, so every run is the same.

Deliberate duplicates (about 5% of each region, for entity resolution): the last
`round(size * DUPLICATE_SHARE)` enterprises of `demo_register()` re-enter an earlier one, the way a
second office's spreadsheet would. `DemoEnterprise.duplicate_of` is the index of the original. A
duplicate has
- the name with spelling variants and abbreviations ("Toko Kopi Sumber Rejeki" →
  "TK. KOPI SUMBER REZEKI", "Lempok" → "Lempuk", old spellings "Djaya", "Soember"), often upper-case;
- an owner without NIK whose name has a typo or an old spelling ("Sutrisno" → "Soetrisno",
  "Joko" → "Djoko", "Arifin" → "Aripin"), sometimes the original's phone number (so the phone blind
  index matches), or the same name, or no owner at all;
- the same district, usually the same village, a looser address, no coordinates;
- capital and turnover off by up to 25% or missing;
- never an NIB, NIK, halal or BPOM number (those are unique in the register), but sometimes the
  original's P-IRT number, and a few of its products under slightly different names.
The database does not mark duplicates. `demo_load` inserts each region's enterprises in the order
`demo_register()` returns them, so the n-th enterprise of a region (by ascending id) is index n.

`demo_load` leaves a region that already has enterprises as it is, so running `sahabat demo` again
adds nothing to the register.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from sahabat.accounts.demo import DEMO_PASSWORD, DEMO_REGIONS
from sahabat.accounts.models import Membership, User
from sahabat.accounts.permissions import Role
from sahabat.regions.models import Region
from sahabat.registry.demo_data import (
    BLESSINGS,
    JAVANESE_MEN,
    JAVANESE_SECOND_MEN,
    JAVANESE_SECOND_WOMEN,
    JAVANESE_WOMEN,
    JEMBER,
    NAME_PREFIXES,
    NAME_VARIANTS,
    PERSON_VARIANTS,
    PROFILES,
    SAROLANGUN,
    TOWN_DISTRICTS,
    Kind,
    Profile,
)
from sahabat.registry.models import Enterprise, Licence, Owner, Product
from sahabat.registry.scale import Scale
from sahabat.registry.services import enterprise_derive, nik_index, phone_index
from sahabat.registry.validators import mask_identifier

# 5 August 2023: the day Sarolangun and Jember signed their MoU.
SEED = 20230805
TARGETS = {JEMBER: 3000, SAROLANGUN: 1000}
DUPLICATE_SHARE = 0.05
SECOND_BUSINESS_SHARE = 0.06
NIB_SHARE = 0.6
SCALE_SHARES = ((Scale.MICRO, 0.90), (Scale.SMALL, 0.08), (Scale.MEDIUM, 0.02))
# Telkomsel, Indosat, XL, Tri and Smartfren mobile prefixes (after +62).
MOBILE_PREFIXES = (
    "811",
    "812",
    "813",
    "821",
    "822",
    "823",
    "852",
    "853",
    "856",
    "857",
    "858",
    "877",
    "878",
    "895",
    "896",
    "881",
)
KBLI_VERSION = 2020
# PerBPOM 22/2018: a P-IRT is valid for five years.
PIRT_YEARS = 5
BIRTH_YEARS = (1960, 2003)


@dataclass
class DemoOwner:
    name: str
    sex: str = ""
    birth_date: date | None = None
    nik: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    has_disability: bool = False


@dataclass
class DemoLicence:
    type: str
    number: str
    issued_on: date | None = None
    expires_on: date | None = None


@dataclass
class DemoProduct:
    name: str
    category: str
    price: int
    unit: str
    is_halal: bool = False
    is_active: bool = True


@dataclass
class DemoEnterprise:
    kind: str
    name: str
    district: Region
    village: Region | None
    # Index into DemoRegister.owners; None when the record names no owner.
    owner: int | None
    sector: str
    address: str = ""
    rt: str = ""
    rw: str = ""
    postal_code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    business_phone: str = ""
    kbli_codes: list[str] = field(default_factory=list)
    description: str = ""
    capital: int | None = None
    annual_turnover: int | None = None
    workers_male: int = 0
    workers_female: int = 0
    founding_year: int | None = None
    reported_scale: str = ""
    status: str = Enterprise.Status.ACTIVE
    source: str = Enterprise.Source.FORM
    registered_days_ago: int = 0
    licences: list[DemoLicence] = field(default_factory=list)
    products: list[DemoProduct] = field(default_factory=list)
    duplicate_of: int | None = None


@dataclass
class DemoRegister:
    owners: list[DemoOwner]
    enterprises: list[DemoEnterprise]
    # The owner who gets the region's demo UMKM login.
    login_owner: int


def _round_to(value: float, step: int) -> int:
    return max(step, int(round(value / step)) * step)


def _price(rng: random.Random, low: int, high: int) -> int:
    value = rng.uniform(low, high)
    step = 50_000 if value >= 1_000_000 else 1_000 if value >= 20_000 else 500
    return _round_to(value, step)


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        # 29 February of a leap year
        return day.replace(year=day.year + years, day=28)


def _call_name(name: str) -> str:
    """What people call the owner: "Moh. Holil" is "Holil", "Sri Wahyuni" is "Wahyuni"."""
    words = name.split()
    return next((word for word in words if word not in NAME_PREFIXES), words[-1])


def _loosely(address: str) -> str:
    """The address as another clerk writes it."""
    return address.replace("Dusun ", "Dsn. ").replace("Jl. ", "Jalan ")


def _typo(rng: random.Random, text: str) -> str:
    """Swap two neighbouring letters inside one word, as a hurried typist does."""
    positions = [i for i in range(1, len(text) - 2) if text[i].isalpha() and text[i + 1].isalpha()]
    if not positions:
        return text + "."
    i = rng.choice(positions)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _variant(rng: random.Random, text: str, table: tuple[tuple[str, str], ...], *, upper_share: float) -> str:
    candidates = [(old, new) for old, new in table if old in text]
    rng.shuffle(candidates)
    result = text
    for old, new in candidates[: rng.randint(1, 2)]:
        result = result.replace(old, new, 1)
    if result == text:
        result = _typo(rng, text)
    if rng.random() < upper_share:
        result = result.upper()
    return result


class _Builder:
    def __init__(self, *, region: Region, places: list[Region], seed: int) -> None:
        self.rng = random.Random(f"{seed}:{region.code}")
        self.region = region
        self.profile: Profile = PROFILES[region.code]
        self.districts = sorted((p for p in places if p.level == Region.Level.DISTRICT), key=lambda p: p.code)
        self.villages: dict[str, list[Region]] = {district.code: [] for district in self.districts}
        for place in sorted(places, key=lambda p: p.code):
            if place.level == Region.Level.VILLAGE:
                self.villages[place.code.rpartition(".")[0]].append(place)
        self.owners: list[DemoOwner] = []
        self.enterprises: list[DemoEnterprise] = []
        self.niks: set[str] = set()
        self.phones: set[str] = set()
        self.nibs: set[str] = set()
        self.halal_serials: set[int] = set()

    # People -------------------------------------------------------------------------------------

    def _nik(self, district: Region, birth_date: date, sex: str) -> str:
        day = birth_date.day + (40 if sex == "F" else 0)
        stem = f"{district.code.replace('.', '')}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
        while True:
            nik = f"{stem}{self.rng.randint(1, 999):04d}"
            if nik not in self.niks:
                self.niks.add(nik)
                return nik

    def _phone(self) -> str:
        while True:
            phone = f"+62{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randint(10_000_000, 99_999_999)}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def _person_name(self, district: Region, sex: str) -> str:
        rng, profile = self.rng, self.profile
        pools = profile.women if sex == "F" else profile.men
        if district.name in profile.javanese_districts and rng.random() < 0.6:
            pools = (JAVANESE_WOMEN if sex == "F" else JAVANESE_MEN,)
        pool = rng.choice(pools)
        name = rng.choice(pool)
        if pool in (JAVANESE_MEN, JAVANESE_WOMEN) and (rng.random() < 0.7 or name in NAME_PREFIXES):
            seconds = JAVANESE_SECOND_WOMEN if sex == "F" else JAVANESE_SECOND_MEN
            name = f"{name} {rng.choice([second for second in seconds if second != name])}"
        if rng.random() < 0.04:
            name = f"{'Hj.' if sex == 'F' else 'H.'} {name}"
        return name

    def _street(self, district: Region) -> str:
        if district.name in TOWN_DISTRICTS:
            return f"{self.rng.choice(self.profile.streets)} No. {self.rng.randint(1, 250)}"
        hamlet = self.rng.choice(self.profile.hamlets)
        return hamlet if hamlet.startswith("Dusun") else f"Dusun {hamlet}"

    def _owner(self, district: Region, village: Region, street: str, rt: str, rw: str) -> int:
        rng = self.rng
        # Women run a little over half of Indonesia's micro enterprises.
        sex = "F" if rng.random() < 0.55 else "M"
        earliest, latest = date(BIRTH_YEARS[0], 1, 1), date(BIRTH_YEARS[1], 12, 31)
        birth_date = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
        name = self._person_name(district, sex)
        village_word = "Kel." if village.kind == Region.Kind.KELURAHAN else "Desa"
        email = ""
        if rng.random() < 0.25:
            email = f"{re.sub('[^a-z]', '', _call_name(name).lower())}{rng.randint(1, 999)}@mail.example"
        self.owners.append(
            DemoOwner(
                name=name,
                sex=sex,
                birth_date=birth_date,
                nik=self._nik(district, birth_date, sex),
                phone=self._phone() if rng.random() < 0.9 else "",
                email=email,
                address=f"{street} RT {rt}/RW {rw}, {village_word} {village.name}, Kec. {district.name}",
                has_disability=rng.random() < 0.03,
            )
        )
        return len(self.owners) - 1

    # Businesses ---------------------------------------------------------------------------------

    def _kind(self, exclude: str = "") -> Kind:
        kinds = [kind for kind in self.profile.kinds if kind.key != exclude]
        return self.rng.choices(kinds, weights=[kind.weight for kind in kinds])[0]

    def _district(self, kind: Kind) -> Region:
        weights = [
            len(self.villages[d.code])
            * (3 if d.name in self.profile.busy_districts else 1)
            * (4 if d.name in kind.districts else 1)
            for d in self.districts
        ]
        return self.rng.choices(self.districts, weights=weights)[0]

    def _money(self, scale: Scale) -> tuple[int | None, int | None]:
        rng = self.rng
        if scale == Scale.MICRO:
            capital = _round_to(min(max(rng.lognormvariate(math.log(25e6), 1.0), 2e6), 9e8), 500_000)
            turnover = _round_to(min(max(rng.lognormvariate(math.log(1.2e8), 0.9), 1.2e7), 1.9e9), 1_000_000)
        elif scale == Scale.SMALL:
            capital = _round_to(rng.uniform(1.1e9, 4.5e9), 10_000_000)
            turnover = _round_to(rng.uniform(2.2e9, 14e9), 10_000_000)
        else:
            capital = _round_to(rng.uniform(5.5e9, 9.5e9), 10_000_000)
            turnover = _round_to(rng.uniform(16e9, 45e9), 10_000_000)
        # Survey forms often leave one figure empty.
        return (None if rng.random() < 0.06 else capital), (None if rng.random() < 0.04 else turnover)

    def _workers(self, kind: Kind, scale: Scale) -> tuple[int, int]:
        low, high = {Scale.MICRO: (1, 4), Scale.SMALL: (5, 19), Scale.MEDIUM: (20, 99)}[scale]
        total = self.rng.randint(low, high)
        women_share = 0.7 if kind.sector in ("food", "fashion") else 0.3
        women = sum(self.rng.random() < women_share for _ in range(total))
        return total - women, women

    def _licences(self, kind: Kind, district: Region, scale: Scale) -> list[DemoLicence]:
        rng, licences = self.rng, []
        if rng.random() < NIB_SHARE:
            while (nib := f"9120{rng.randint(0, 999_999_999):09d}") in self.nibs:
                pass
            self.nibs.add(nib)
            licences.append(DemoLicence("nib", nib, date(2019, 1, 2) + timedelta(days=rng.randint(0, 2370))))
        if kind.food and rng.random() < 0.45:
            issued = date(2017, 1, 2) + timedelta(days=rng.randint(0, 2900))
            expires = _years_later(issued, PIRT_YEARS)
            # Packaging, food type, regency, district, serial, expiry year (the layout of PerBPOM 22/2018).
            number = (
                f"{rng.randint(1, 5)}{rng.randint(1, 16):02d}{self.region.code.replace('.', '')}"
                f"{district.code[-2:]}{rng.randint(1, 9999):04d}{expires.year % 100:02d}"
            )
            licences.append(DemoLicence("pirt", number, issued, expires))
        if kind.food and rng.random() < 0.3:
            issued = date(2020, 1, 2) + timedelta(days=rng.randint(0, 1900))
            while (serial := rng.randint(1, 999_999_999)) in self.halal_serials:
                pass
            self.halal_serials.add(serial)
            number = f"ID{self.region.code[:2]}11{serial:09d}{issued.month:02d}{issued.year % 100:02d}"
            licences.append(DemoLicence("halal", number, issued))
        if kind.food and rng.random() < (0.5 if scale != Scale.MICRO else 0.02):
            issued = date(2018, 1, 2) + timedelta(days=rng.randint(0, 2500))
            licences.append(DemoLicence("bpom", f"MD{rng.randint(10**11, 10**12 - 1)}", issued))
        if kind.sector in ("craft", "fashion") and rng.random() < 0.08:
            issued = date(2018, 1, 2) + timedelta(days=rng.randint(0, 2500))
            number = f"Sertifikat Merek IDM000{rng.randint(100_000, 999_999)}"
            licences.append(DemoLicence("other", number, issued))
        return licences

    def _products(self, kind: Kind, halal: bool) -> list[DemoProduct]:
        count = min(self.rng.randint(2, 5), len(kind.products))
        return [
            DemoProduct(
                spec.name,
                spec.category,
                _price(self.rng, spec.low, spec.high),
                spec.unit,
                is_halal=halal and spec.category in ("food", "beverage"),
                is_active=self.rng.random() < 0.94,
            )
            for spec in self.rng.sample(kind.products, count)
        ]

    def _reported(self, computed: Scale | None) -> str:
        roll = self.rng.random()
        if computed is None or roll < 0.40:
            return ""
        if roll < 0.95:
            return computed.value
        # Some owners tick the wrong box on the form.
        return self.rng.choice([scale.value for scale in Scale if scale != computed])

    def _business(self, *, kind: Kind, district: Region, owner: int | None = None) -> DemoEnterprise:
        rng = self.rng
        village = rng.choice(self.villages[district.code])
        street, rt, rw = self._street(district), f"{rng.randint(1, 12):03d}", f"{rng.randint(1, 8):03d}"
        if owner is None:
            owner = self._owner(district, village, street, rt, rw)
        honorific = rng.choice(self.profile.honorifics[self.owners[owner].sex])
        name = rng.choice(kind.names).format(
            blessing=rng.choice(BLESSINGS),
            person=f"{honorific} {_call_name(self.owners[owner].name)}",
            place=village.name,
        )
        scale = rng.choices([s for s, _ in SCALE_SHARES], weights=[w for _, w in SCALE_SHARES])[0]
        capital, turnover = self._money(scale)
        men, women = self._workers(kind, scale)
        licences = self._licences(kind, district, scale)
        products = self._products(kind, halal=any(licence.type == "halal" for licence in licences))
        has_nib = any(licence.type == "nib" for licence in licences)
        computed = Scale(scale) if capital is not None or turnover is not None else None
        located = rng.random() < 0.8 and village.latitude is not None
        return DemoEnterprise(
            kind=kind.key,
            name=name,
            district=district,
            village=village,
            owner=owner,
            sector=kind.sector,
            address=street,
            rt=rt,
            rw=rw,
            postal_code=village.postal_code,
            latitude=Decimal(f"{village.latitude + rng.uniform(-0.008, 0.008):.6f}") if located else None,
            longitude=Decimal(f"{village.longitude + rng.uniform(-0.008, 0.008):.6f}") if located else None,
            business_phone=self._phone() if rng.random() < 0.45 else "",
            kbli_codes=[kind.kbli] if has_nib else [],
            description=(
                f"Menjual {products[0].name.lower()} dan {products[1].name.lower()}."
                if rng.random() < 0.7
                else ""
            ),
            capital=capital,
            annual_turnover=turnover,
            workers_male=men,
            workers_female=women,
            founding_year=max(1975, 2024 - int(rng.expovariate(1 / 8))),
            reported_scale=self._reported(computed),
            status=Enterprise.Status.CLOSED if rng.random() < 0.04 else Enterprise.Status.ACTIVE,
            source=Enterprise.Source.IMPORT if rng.random() < 0.35 else Enterprise.Source.FORM,
            registered_days_ago=rng.randint(1, 1100),
            licences=licences,
            products=products,
        )

    def original(self) -> DemoEnterprise:
        originals = [e for e in self.enterprises if e.owner is not None]
        if originals and self.rng.random() < SECOND_BUSINESS_SHARE:
            # The owner's second business stays in the district that issued the owner's NIK.
            first = self.rng.choice(originals)
            kind = self._kind(exclude=first.kind)
            return self._business(kind=kind, district=first.district, owner=first.owner)
        kind = self._kind()
        return self._business(kind=kind, district=self._district(kind))

    # Duplicates ---------------------------------------------------------------------------------

    def _duplicate_owner(self, original: DemoEnterprise) -> int | None:
        rng, roll = self.rng, self.rng.random()
        if original.owner is None or roll < 0.25:
            return None
        source = self.owners[original.owner]
        if roll < 0.80:
            name = _variant(rng, source.name, PERSON_VARIANTS, upper_share=0.3)
            phone = source.phone if rng.random() < 0.5 else ""
            address = _loosely(source.address) if rng.random() < 0.6 else ""
            self.owners.append(DemoOwner(name=name, phone=phone, address=address))
        else:
            self.owners.append(DemoOwner(name=source.name))
        return len(self.owners) - 1

    def _near(self, value: int | None) -> int | None:
        if value is None or self.rng.random() < 0.4:
            return None
        return _round_to(value * self.rng.uniform(0.8, 1.25), 500_000)

    def duplicate(self, index: int) -> DemoEnterprise:
        rng, original = self.rng, self.enterprises[index]
        pirt = [licence for licence in original.licences if licence.type == "pirt" and rng.random() < 0.6]
        products = [
            DemoProduct(
                product.name.lower() if rng.random() < 0.5 else product.name,
                product.category,
                _round_to(product.price * rng.uniform(0.9, 1.1), 500),
                product.unit,
            )
            for product in rng.sample(original.products, min(len(original.products), rng.randint(1, 3)))
        ]
        keep_place = rng.random() < 0.5
        return DemoEnterprise(
            kind=original.kind,
            name=_variant(rng, original.name, NAME_VARIANTS, upper_share=0.35),
            district=original.district,
            village=original.village if rng.random() < 0.8 else None,
            owner=self._duplicate_owner(original),
            sector=original.sector,
            address=rng.choice(["", _loosely(original.address)]),
            rt=original.rt if keep_place else "",
            rw=original.rw if keep_place else "",
            postal_code=original.postal_code if keep_place else "",
            business_phone=original.business_phone if rng.random() < 0.4 else "",
            capital=self._near(original.capital),
            annual_turnover=self._near(original.annual_turnover),
            workers_male=original.workers_male,
            workers_female=original.workers_female,
            founding_year=original.founding_year if rng.random() < 0.5 else None,
            status=original.status,
            source=Enterprise.Source.IMPORT,
            registered_days_ago=rng.randint(0, original.registered_days_ago),
            licences=[DemoLicence(p.type, p.number, p.issued_on, p.expires_on) for p in pirt],
            products=products,
            duplicate_of=index,
        )


def demo_register(
    *, region: Region, places: list[Region], size: int | None = None, seed: int = SEED
) -> DemoRegister:
    """The region's demo register, built in memory; the same arguments always give the same register.

    `places` are the region's districts and villages; `size` defaults to the region's target.
    """
    size = TARGETS[region.code] if size is None else size
    builder = _Builder(region=region, places=places, seed=seed)
    duplicates = round(size * DUPLICATE_SHARE)
    for _ in range(size - duplicates):
        builder.enterprises.append(builder.original())
    for index in sorted(builder.rng.sample(range(size - duplicates), duplicates)):
        builder.enterprises.append(builder.duplicate(index))
    signature = PROFILES[region.code].signature_kind
    login_owner = next(e.owner for e in builder.enterprises if e.kind == signature and e.duplicate_of is None)
    return DemoRegister(owners=builder.owners, enterprises=builder.enterprises, login_owner=login_owner)


def _save(region: Region, register: DemoRegister) -> list[Owner]:
    owners = Owner.unscoped.bulk_create(
        [
            Owner(
                region=region,
                name=owner.name,
                nik=owner.nik,
                nik_index=nik_index(owner.nik) if owner.nik else "",
                nik_masked=mask_identifier(owner.nik) if owner.nik else "",
                sex=owner.sex,
                birth_date=owner.birth_date,
                phone=owner.phone,
                phone_index=phone_index(owner.phone) if owner.phone else "",
                email=owner.email,
                address=owner.address,
                has_disability=owner.has_disability,
            )
            for owner in register.owners
        ],
        batch_size=500,
    )
    now = timezone.now()
    enterprises = []
    for row in register.enterprises:
        enterprise = Enterprise(
            region=region,
            district=row.district,
            village=row.village,
            owner=owners[row.owner] if row.owner is not None else None,
            name=row.name,
            address=row.address,
            rt=row.rt,
            rw=row.rw,
            postal_code=row.postal_code,
            latitude=row.latitude,
            longitude=row.longitude,
            business_phone=row.business_phone,
            kbli_codes=row.kbli_codes,
            kbli_version=KBLI_VERSION if row.kbli_codes else None,
            sector=row.sector,
            description=row.description,
            capital=row.capital,
            annual_turnover=row.annual_turnover,
            workers_male=row.workers_male,
            workers_female=row.workers_female,
            founding_year=row.founding_year,
            reported_scale=row.reported_scale,
            status=row.status,
            source=row.source,
            created_at=now - timedelta(days=row.registered_days_ago),
        )
        enterprise_derive(enterprise)
        enterprises.append(enterprise)
    Enterprise.unscoped.bulk_create(enterprises, batch_size=500)
    Licence.unscoped.bulk_create(
        [
            Licence(
                enterprise=enterprise,
                region=region,
                type=licence.type,
                number=licence.number,
                issued_on=licence.issued_on,
                expires_on=licence.expires_on,
            )
            for enterprise, row in zip(enterprises, register.enterprises, strict=True)
            for licence in row.licences
        ],
        batch_size=500,
    )
    Product.unscoped.bulk_create(
        [
            Product(
                enterprise=enterprise,
                name=product.name,
                category=product.category,
                price=product.price,
                unit=product.unit,
                is_halal=product.is_halal,
                is_active=product.is_active,
                created_at=enterprise.created_at,
            )
            for enterprise, row in zip(enterprises, register.enterprises, strict=True)
            for product in row.products
        ],
        batch_size=500,
    )
    return owners


def _link_login(region: Region, owner: Owner, username: str) -> None:
    user, _ = User.objects.get_or_create(
        username=username, defaults={"full_name": owner.name, "email": f"{username}@sahabat.example"}
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    Owner.unscoped.filter(pk=owner.pk).update(user=user)
    Membership.objects.get_or_create(user=user, region=region, role=Role.UMKM_OWNER)


def demo_load(*, stdout) -> None:
    for place, code in DEMO_REGIONS.items():
        region = Region.objects.get(code=code)
        if Enterprise.unscoped.filter(region=region).exists():
            stdout.write(f"registry: {region.name} already has enterprises; left as they are")
            continue
        places = list(Region.objects.filter(code__startswith=f"{code}.", level__gt=Region.Level.REGENCY))
        register = demo_register(region=region, places=places)
        owners = _save(region, register)
        _link_login(region, owners[register.login_owner], f"{place}.umkm")
        duplicates = sum(row.duplicate_of is not None for row in register.enterprises)
        stdout.write(
            f"registry: {len(register.enterprises)} enterprises in {region.name}, "
            f"{duplicates} of them deliberate duplicates"
        )
