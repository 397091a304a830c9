"""Agreements between Jember and Sarolangun (and Banyuwangi), dated around today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.cooperation import services
from sahabat.cooperation.models import Agreement
from sahabat.cooperation.selectors import cooperation_today
from sahabat.regions.models import Region

BANYUWANGI = "35.10"
# The smallest file a PDF reader opens: what the upload check must accept.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# A one-pixel PNG: uploads are checked with Pillow, so a bare signature is not enough.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xe0\xce\xf3\x07\x00\x01P\x00\xc9\xaa\x16:6\x00\x00\x00\x00IEND\xaeB`\x82"
)


def pdf_upload(name: str = "mou.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def today() -> date:
    return cooperation_today()


@pytest.fixture
def system() -> Actor:
    return Actor.system()


@pytest.fixture
def banyuwangi(db) -> Region:
    return Region.objects.get(code=BANYUWANGI)


@pytest.fixture
def jember_officer(jember, member_of):
    return member_of(jember, Role.OFFICER)


@pytest.fixture
def sarolangun_officer(sarolangun, member_of):
    return member_of(sarolangun, Role.OFFICER)


@pytest.fixture
def make_agreement(system, today):
    """make_agreement(first, second, …, signed=True, valid_from=, valid_until=, **values) → Agreement."""

    def make(*regions, signed=True, valid_from=None, valid_until=None, **values):
        valid_from = valid_from or today - timedelta(days=400)
        valid_until = valid_until or today + timedelta(days=800)
        agreement = services.agreement_create(
            actor=system,
            region=regions[0],
            parties=[
                services.PartyData(region, f"{index}/MoU/{region.code}", f"Bupati {region.name}", "Bupati")
                for index, region in enumerate(regions, start=1)
            ],
            title=values.pop("title", "Kesepakatan Bersama pengembangan UMKM"),
            valid_from=valid_from,
            valid_until=valid_until,
            signed_on=values.pop("signed_on", valid_from),
            **values,
        )
        if signed:
            services.agreement_sign(actor=system, agreement_id=agreement.pk, signed_on=agreement.signed_on)
            agreement.refresh_from_db()
        return agreement

    return make


@pytest.fixture
def mou(make_agreement, jember, sarolangun) -> Agreement:
    """The Jember–Sarolangun MoU, in force today."""
    return make_agreement(jember, sarolangun)


@pytest.fixture
def expired_mou(make_agreement, jember, sarolangun, today) -> Agreement:
    return make_agreement(
        jember, sarolangun, valid_from=today - timedelta(days=1900), valid_until=today - timedelta(days=1)
    )
