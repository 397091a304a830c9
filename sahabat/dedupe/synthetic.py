"""Realistic Indonesian UMKM lists with known duplicates: the ground truth for the benchmark and the tests.

Every business is written down by one to four offices, each in its own way: honorifics and degrees
added or dropped, Muhammad abbreviated, old spellings, business forms (Toko, UD, WM…), address
abbreviations and RT/RW forms, phone prefixes, typos, and a NIK that half of the records lack.
Some owners run several businesses: those records share the NIK, the name and the phone, and must
never be merged. Common business names ("Sumber Rejeki") recur across unrelated owners.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

MALE_NAMES = (
    "Agus", "Budi", "Joko", "Eko", "Hadi", "Bambang", "Slamet", "Suparman", "Sugeng", "Wahyu", "Imam",
    "Ahmad", "Abdul", "Yusuf", "Rudi", "Hendra", "Dedi", "Teguh", "Supriyadi", "Sutrisno", "Hariyanto",
    "Purnomo", "Sholeh", "Ali", "Fauzi", "Rizal", "Andi", "Fajar", "Bayu", "Dimas", "Arif", "Syaiful",
    "Khoirul", "Mashuri", "Ridwan", "Samsul", "Nurhadi", "Edi", "Gunawan", "Heru", "Sucipto", "Cahyono",
)  # fmt: skip
FEMALE_NAMES = (
    "Sri", "Siti", "Dewi", "Rina", "Nur", "Yuli", "Wati", "Endang", "Sulastri", "Lestari", "Ani", "Ratna",
    "Aminah", "Fatimah", "Khotimah", "Suryani", "Rahayu", "Wahyuni", "Susanti", "Indah", "Puji", "Tutik",
    "Yuliana", "Kartini", "Maryam", "Nurul", "Umi", "Lilik", "Musrifah", "Juwariyah", "Hasanah", "Zulaikha",
)  # fmt: skip
FAMILY_NAMES = (
    "Wahyudi", "Santoso", "Prasetyo", "Hidayat", "Susanto", "Setiawan", "Rahman", "Hakim", "Saputra",
    "Kurniawan", "Nugroho", "Utomo", "Wibowo", "Maulana", "Hasan", "Syahputra", "Suharto", "Sujatmiko",
    "Junaedi", "Cahyadi", "Zainuddin", "Mustofa", "Arifin", "Ningsih", "Handayani", "Rahmawati",
    "Purwanti", "Kusuma", "Permata", "Anggraini", "Safitri", "Maharani", "Hariyati", "Mulyani", "",
)  # fmt: skip
PRODUCTS = (
    "Keripik Tempe", "Suwar Suwir", "Prol Tape", "Kopi Bubuk", "Batik Tulis", "Bakso", "Tahu Walik",
    "Kerajinan Bambu", "Madu Hutan", "Edamame", "Jamu Gendong", "Rengginang", "Opak Gulung", "Dodol",
    "Sambal Pecel", "Kue Basah", "Tempe Mendoan", "Gula Aren", "Anyaman Pandan", "Tas Rajut",
    "Konveksi", "Sablon", "Bengkel Motor", "Laundry", "Penjahit", "Catering", "Roti Bakar", "Es Dawet",
    "Nasi Pecel", "Rujak Cingur", "Kopi Robusta", "Cokelat", "Kacang Oven", "Abon Lele", "Terasi",
    "Krupuk Ikan", "Ayam Geprek", "Mebel Jati", "Souvenir Kayu", "Salon", "Pupuk Organik", "Bibit Buah",
)  # fmt: skip
# Names many unrelated shops share: the term-frequency adjustment must not treat them as evidence.
SHOP_NAMES = (
    "Sumber Rejeki", "Maju Jaya", "Berkah", "Barokah", "Makmur", "Sejahtera", "Mandiri", "Lancar Jaya",
    "Sinar Abadi", "Rezeki Barokah", "Karya Mandiri", "Tiga Putra", "Dua Saudara", "Sari Rasa",
    "Mekar Sari", "Jaya Abadi", "Sumber Makmur", "Putra Jaya", "Cahaya", "Al Barokah", "Sido Mulyo",
    "Sumber Urip", "Rukun Santoso", "Tunggal Jaya", "Anugerah", "Harapan Baru", "Bintang Timur",
)  # fmt: skip
STREETS = (
    "Mawar", "Melati", "Kenanga", "Anggrek", "Diponegoro", "Sudirman", "Gajah Mada", "Hayam Wuruk",
    "Kartini", "Ahmad Yani", "Imam Bonjol", "Moh. Hatta", "Letjen Suprapto", "Kalimantan", "Sumatera",
    "Jawa", "Bengawan Solo", "Brantas", "Semeru", "Argopuro", "Raung", "Karimata", "Mastrip", "Nusantara",
)  # fmt: skip
MALE_TITLES = ("Bapak", "Bpk.", "Pak", "H.", "Sdr.", "Drs.", "Ir.")
FEMALE_TITLES = ("Ibu", "Bu", "Hj.", "Sdri.", "Dra.", "Ny.")
DEGREES = ("S.E.", "S.Pd.", "A.Md.", "S.Kom.", "S.H.", "S.Sos.", "M.M.")
MUHAMMAD_FORMS = ("Muhammad", "Muhamad", "Mohammad", "Moch.", "Moh.", "M.", "Muh.", "Mhd.")
NAME_FORMS = ("", "", "", "Toko", "UD", "UD.", "CV", "Warung", "WM", "Kios", "Toko", "PT")
STREET_FORMS = ("Jl.", "Jln.", "JL", "Jalan", "Jl")
# Modern → old spelling, the way older lists still write names.
OLD_SPELLINGS = (("u", "oe"), ("j", "dj"), ("c", "tj"), ("sy", "sj"), ("kh", "ch"))


@dataclass
class SyntheticRecord:
    record_id: int
    business: int
    owner: int
    name: str
    owner_name: str
    nik: str
    nib: str
    phone: str
    address: str
    rt: str
    rw: str
    district_code: str
    village_code: str


@dataclass
class _Person:
    key: int
    given: str
    family: str
    female: bool
    muhammad: bool
    title: str
    degree: str
    nik: str
    phone: str


@dataclass
class _Business:
    key: int
    owner: _Person
    form: str
    core: str
    nib: str
    street: str
    number: int
    rt: int
    rw: int
    district_code: str
    village_code: str


@dataclass
class SyntheticData:
    records: list[SyntheticRecord] = field(default_factory=list)

    def true_pairs(self) -> set[tuple[int, int]]:
        """Every pair of records (lower id first) that stand for the same business."""
        by_business: dict[int, list[int]] = {}
        for record in self.records:
            by_business.setdefault(record.business, []).append(record.record_id)
        return {pair for ids in by_business.values() for pair in combinations(sorted(ids), 2)}


class _Writer:
    """How one office writes a record of a business: a fresh set of habits and slips per record."""

    def __init__(self, rng: random.Random, nik_missing: float):
        self.rng = rng
        self.nik_missing = nik_missing

    def typo(self, text: str, rate: float) -> str:
        if len(text) < 5 or self.rng.random() >= rate:
            return text
        position = self.rng.randrange(1, len(text) - 1)
        kind = self.rng.random()
        if kind < 0.35:
            return text[:position] + text[position + 1 :]
        if kind < 0.7:
            return text[:position] + self.rng.choice("aiueonrst") + text[position + 1 :]
        return text[:position] + text[position + 1] + text[position] + text[position + 2 :]

    def old_spelling(self, text: str) -> str:
        if self.rng.random() >= 0.15:
            return text
        for modern, old in OLD_SPELLINGS:
            text = text.replace(modern, old).replace(modern.capitalize(), old.capitalize())
        return text

    def case(self, text: str) -> str:
        roll = self.rng.random()
        return text.upper() if roll < 0.25 else text.lower() if roll < 0.3 else text

    def person(self, person: _Person) -> str:
        words = []
        if person.title and self.rng.random() < 0.5:
            words.append(person.title)
        elif self.rng.random() < 0.15:
            words.append(self.rng.choice(FEMALE_TITLES if person.female else MALE_TITLES))
        if person.muhammad:
            words.append(self.rng.choice(MUHAMMAD_FORMS))
        words.append(self.typo(person.given, 0.08))
        if person.family and self.rng.random() < 0.93:
            words.append(self.typo(person.family, 0.08))
        name = self.old_spelling(" ".join(words))
        if person.degree and self.rng.random() < 0.4:
            name += self.rng.choice((", ", " ")) + person.degree
        return self.case(name)

    def business(self, business: _Business) -> str:
        form = business.form if self.rng.random() < 0.6 else self.rng.choice(NAME_FORMS)
        core = self.typo(business.core, 0.15)
        if business.owner.female:
            core = core.replace("Bu ", self.rng.choice(("Bu ", "Ibu ", "Bu ", "Hj. ")))
        core = self.old_spelling(core)
        return self.case(f"{form} {core}".strip())

    def nik(self, person: _Person) -> str:
        if self.rng.random() < self.nik_missing:
            return ""
        if self.rng.random() < 0.04:
            position = self.rng.randrange(6, 16)
            return (
                person.nik[:position] + str((int(person.nik[position]) + 1) % 10) + person.nik[position + 1 :]
            )
        return person.nik

    def phone(self, person: _Person) -> str:
        if self.rng.random() < 0.3:
            return ""
        number = person.phone
        style = self.rng.random()
        if style < 0.4:
            return "0" + number
        if style < 0.6:
            return "+62 " + f"{number[:3]}-{number[3:7]}-{number[7:]}"
        if style < 0.8:
            return "62" + number
        return f"0{number[:3]} {number[3:7]} {number[7:]}"

    def address(self, business: _Business) -> tuple[str, str, str]:
        if self.rng.random() < 0.08:
            return "", "", ""
        street = f"{self.rng.choice(STREET_FORMS)} {self.typo(business.street, 0.05)}"
        if self.rng.random() < 0.7:
            street += f" No. {business.number}"
        rt, rw = business.rt, business.rw
        style = self.rng.random()
        if style < 0.35:
            return street, str(rt), str(rw)
        if style < 0.55:
            return f"{street} RT {rt} RW {rw}", "", ""
        if style < 0.75:
            return f"{street} RT/RW {rt:03d}/{rw:03d}", "", ""
        if style < 0.9:
            return f"{street} {rt:03d}/{rw:03d}", "", ""
        return f"{street} RT.{rt:02d}/RW.{rw:02d}", "", ""


def generate(
    *,
    records: int,
    places: Sequence[tuple[str, Sequence[str]]],
    seed: int = 11,
    nik_missing: float = 0.5,
    province_regency: str = "3509",
) -> SyntheticData:
    """About `records` records of businesses in `places` ((district code, village codes) pairs)."""
    rng = random.Random(seed)
    writer = _Writer(rng, nik_missing)
    data = SyntheticData()
    person_key = business_key = 0
    used_niks: set[str] = set()
    while len(data.records) < records:
        person_key += 1
        person = _person(rng, person_key, places, province_regency, used_niks)
        # One owner in eight runs more than one business: same NIK, name and phone, different shops.
        for _number in range(rng.choices((1, 2, 3), weights=(87, 10, 3))[0]):
            business_key += 1
            business = _business(rng, business_key, person, places)
            for _copy in range(rng.choices((1, 2, 3, 4), weights=(55, 28, 12, 5))[0]):
                if len(data.records) >= records:
                    break
                street, rt, rw = writer.address(business)
                village = business.village_code if rng.random() < 0.85 else ""
                data.records.append(
                    SyntheticRecord(
                        record_id=len(data.records) + 1,
                        business=business.key,
                        owner=person.key,
                        name=writer.business(business),
                        owner_name=writer.person(person),
                        nik=writer.nik(person),
                        nib=business.nib if business.nib and rng.random() < 0.6 else "",
                        phone=writer.phone(person),
                        address=street,
                        rt=rt,
                        rw=rw,
                        district_code=business.district_code,
                        village_code=village,
                    )
                )
    return data


def _person(rng: random.Random, key: int, places, prefix: str, used: set[str]) -> _Person:
    female = rng.random() < 0.55
    district_code = rng.choice(places)[0]
    while True:
        day = rng.randint(1, 28) + (40 if female else 0)
        nik = (
            f"{prefix}{district_code[-2:]}{day:02d}{rng.randint(1, 12):02d}{rng.randint(55, 99):02d}"
            f"{rng.randint(1, 9999):04d}"
        )
        if nik not in used:
            used.add(nik)
            break
    return _Person(
        key=key,
        given=rng.choice(FEMALE_NAMES if female else MALE_NAMES),
        family=rng.choice(FAMILY_NAMES),
        female=female,
        muhammad=not female and rng.random() < 0.15,
        title=rng.choice(FEMALE_TITLES if female else MALE_TITLES) if rng.random() < 0.3 else "",
        degree=rng.choice(DEGREES) if rng.random() < 0.1 else "",
        nik=nik,
        phone=f"8{rng.choice('123579')}{rng.randint(10**8, 10**9 - 1)}",
    )


def _business(rng: random.Random, key: int, owner: _Person, places) -> _Business:
    district_code, villages = rng.choice(places)
    roll = rng.random()
    product = rng.choice(PRODUCTS)
    if roll < 0.45:
        core = f"{product} {'Bu' if owner.female else 'Pak'} {owner.given}"
    elif roll < 0.75:
        core = f"{rng.choice(SHOP_NAMES)} {product}" if rng.random() < 0.5 else rng.choice(SHOP_NAMES)
    else:
        core = f"{product} {rng.choice(SHOP_NAMES)}"
    return _Business(
        key=key,
        owner=owner,
        form=rng.choice(NAME_FORMS),
        core=core,
        nib=f"{rng.randint(10**12, 10**13 - 1)}" if rng.random() < 0.4 else "",
        street=rng.choice(STREETS),
        number=rng.randint(1, 250),
        rt=rng.randint(1, 12),
        rw=rng.randint(1, 8),
        district_code=district_code,
        village_code=rng.choice(villages),
    )


def synthetic_load(*, region, data: SyntheticData, batch_size: int = 2000) -> dict[int, int]:
    """Write the records into `region`'s register as imports leave them; returns record id → enterprise id.

    One owner per NIK (the register's rule), one owner per record without a NIK; a NIB already held by
    another record is left out, since the register refuses a NIB twice.
    """
    from sahabat.regions.models import Region
    from sahabat.registry.models import Enterprise, Licence, Owner
    from sahabat.registry.services import nik_index, phone_index
    from sahabat.registry.validators import mask_identifier

    places = dict(Region.objects.filter(code__startswith=f"{region.code}.").values_list("code", "pk"))
    owners: dict[str, Owner] = {}
    record_owner: list[Owner] = []
    for record in data.records:
        owner = owners.get(record.nik) if record.nik else None
        if owner is None:
            phone_digits = "".join(character for character in record.phone if character.isdigit())
            phone_digits = phone_digits[2:] if phone_digits.startswith("62") else phone_digits.lstrip("0")
            phone = f"+62{phone_digits}" if phone_digits else ""
            owner = Owner(
                region=region,
                name=record.owner_name[:150],
                nik=record.nik,
                nik_index=nik_index(record.nik) if record.nik else "",
                nik_masked=mask_identifier(record.nik) if record.nik else "",
                phone=phone,
                phone_index=phone_index(phone) if phone else "",
            )
            if record.nik:
                owners[record.nik] = owner
        record_owner.append(owner)
    distinct = list({id(owner): owner for owner in record_owner}.values())
    Owner.unscoped.bulk_create(distinct, batch_size=batch_size)
    enterprises = [
        Enterprise(
            region=region,
            name=record.name[:200],
            owner=owner,
            address=record.address[:300],
            rt=record.rt[:3],
            rw=record.rw[:3],
            district_id=places.get(record.district_code),
            village_id=places.get(record.village_code),
            source=Enterprise.Source.IMPORT,
        )
        for record, owner in zip(data.records, record_owner, strict=True)
    ]
    Enterprise.unscoped.bulk_create(enterprises, batch_size=batch_size)
    taken: set[str] = set()
    licences = []
    for record, enterprise in zip(data.records, enterprises, strict=True):
        if record.nib and record.nib not in taken:
            taken.add(record.nib)
            licences.append(
                Licence(enterprise=enterprise, region=region, type=Licence.Type.NIB, number=record.nib)
            )
    Licence.unscoped.bulk_create(licences, batch_size=batch_size)
    pairs = zip(data.records, enterprises, strict=True)
    return {record.record_id: enterprise.pk for record, enterprise in pairs}


def places_of(region) -> list[tuple[str, list[str]]]:
    """(district code, village codes) of a regency, for `generate`."""
    from sahabat.regions.models import Region

    villages: dict[str, list[str]] = {}
    for code, parent in Region.objects.filter(parent__parent=region, level=Region.Level.VILLAGE).values_list(
        "code", "parent__code"
    ):
        villages.setdefault(parent, []).append(code)
    return sorted((district, sorted(codes)) for district, codes in villages.items())
