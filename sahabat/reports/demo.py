"""The reports part of `sahabat demo`: a letterhead with a drawn emblem per region, and a monthly e-mail.

The emblem is drawn here (a shield in the region's colours), not a real coat of arms. Jember's UMKM recap
goes out every month to an example address (the console backend prints it in development). A region
that already has a letterhead is left as it is.
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from sahabat.accounts.actor import Actor
from sahabat.regions.models import Region
from sahabat.reports import services
from sahabat.reports.models import Format, Kind, Letterhead

# Region code → (office, shield colour, centre colour, monthly e-mail recipient or "").
LETTERHEADS = {
    "35.09": ("Dinas Koperasi dan Usaha Mikro", (11, 110, 79), (240, 200, 40), "bupati@jember.example"),
    "15.03": ("Dinas Koperasi, UKM, Perindustrian dan Perdagangan", (26, 86, 219), (250, 250, 250), ""),
}


def _emblem(shield: tuple[int, int, int], centre: tuple[int, int, int]) -> bytes:
    picture = Image.new("RGB", (200, 240), (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    draw.polygon([(100, 8), (192, 56), (172, 226), (28, 226), (8, 56)], fill=shield)
    draw.ellipse((66, 76, 134, 144), fill=centre)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def demo_load(*, stdout) -> None:
    actor = Actor.system()
    for code, (office, shield, centre, recipient) in LETTERHEADS.items():
        region = Region.objects.get(code=code)
        if Letterhead.objects.with_scopes_disabled().filter(region=region).exists():
            stdout.write(f"reports: {region.name} already has a letterhead; left as it is")
            continue
        services.letterhead_update(
            actor=actor,
            region=region,
            office=office,
            address="",
            logo=SimpleUploadedFile("emblem.png", _emblem(shield, centre)),
        )
        if recipient:
            services.schedule_create(
                actor=actor, region=region, kind=Kind.UMKM, format=Format.PDF, recipients=recipient
            )
        stdout.write(
            f"reports: letterhead for {region.name}"
            + (f", monthly UMKM recap to {recipient}" if recipient else "")
        )
