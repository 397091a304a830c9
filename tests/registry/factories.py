"""Factories for the register: owners with valid NIKs, enterprises in real Jember places, licences, products.

Owners go through `owner_prepare`, so that the encrypted NIK, its blind index, the masked NIK, the
sex and the birth date always agree. Enterprises get their computed scale from `enterprise_derive`.
"""

import factory
from factory.django import DjangoModelFactory

from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Licence, Owner, Product
from sahabat.registry.services import OwnerData, enterprise_derive, owner_prepare

JEMBER = "35.09"
# Kecamatan Sumbersari and two of its villages (Kemendagri codes, shipped with the regions app).
SUMBERSARI = "35.09.21"
SUMBERSARI_VILLAGE = "35.09.21.1002"
KEBONSARI_VILLAGE = "35.09.21.1001"
KALIWATES = "35.09.19"
MANGLI_VILLAGE = "35.09.19.1001"
SAROLANGUN = "15.03"
SAROLANGUN_DISTRICT = "15.03.03"
PASAR_SAROLANGUN_VILLAGE = "15.03.03.1016"


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def nik_for(serial: int, *, regency: str = JEMBER, woman: bool = False) -> str:
    """A valid NIK issued in district 01 of the regency, born 17-08-1990; women have 40 added to the day."""
    return f"{regency.replace('.', '')}01{17 + (40 if woman else 0)}0890{serial:04d}"


class OwnerFactory(DjangoModelFactory):
    class Meta:
        model = Owner

    region = factory.LazyFunction(lambda: region(JEMBER))
    name = factory.Faker("name", locale="id_ID")
    nik = factory.Sequence(lambda n: nik_for(n + 1))
    phone = factory.Sequence(lambda n: f"0812{n + 1000000:07d}")
    email = factory.LazyAttribute(lambda owner: f"pemilik{owner.nik[-4:]}@example.id")
    address = "Jl. Kalimantan No. 37, Sumbersari"
    has_disability = False

    @classmethod
    def _create(cls, model_class, *, region, **values):
        owner = owner_prepare(region=region, data=OwnerData(**values))
        owner.save()
        return owner


class EnterpriseFactory(DjangoModelFactory):
    class Meta:
        model = Enterprise

    region = factory.LazyFunction(lambda: region(JEMBER))
    district = factory.LazyFunction(lambda: region(SUMBERSARI))
    village = factory.LazyFunction(lambda: region(SUMBERSARI_VILLAGE))
    owner = factory.SubFactory(OwnerFactory, region=factory.SelfAttribute("..region"))
    name = factory.Sequence(lambda n: f"Suwar-Suwir Bu Sri {n}")
    address = "Jl. Jawa No. 12"
    sector = "food"
    capital = 50_000_000
    annual_turnover = 300_000_000
    workers_male = 1
    workers_female = 3

    @classmethod
    def _create(cls, model_class, **values):
        enterprise = model_class(**values)
        enterprise_derive(enterprise)
        enterprise.save()
        return enterprise


class LicenceFactory(DjangoModelFactory):
    class Meta:
        model = Licence

    enterprise = factory.SubFactory(EnterpriseFactory)
    region = factory.SelfAttribute("enterprise.region")
    type = Licence.Type.NIB
    number = factory.Sequence(lambda n: f"9120{n + 1:09d}")


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"Suwar-suwir cokelat {n}")
    category = Product.Category.FOOD
    price = 25_000
    unit = "box"
