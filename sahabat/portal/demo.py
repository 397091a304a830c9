"""The portal part of `sahabat demo`: owners' consent for a share of the demo register, then the index.

In a real region an officer ticks "listed in the public catalogue" (and "business WhatsApp shown")
on the enterprise form after asking the owner. The demo does it for a seeded share of the active
enterprises, favouring those with products, so that the catalogue of `make run` is full. Regions
that already have public enterprises are left as they are.
"""

from __future__ import annotations

import random

from sahabat.portal.services import catalogue_rebuild
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Product

DEMO_REGIONS = ("35.09", "15.03")
SHARE_WITH_PRODUCTS = 0.45
SHARE_WITHOUT_PRODUCTS = 0.15
SHARE_WHATSAPP = 0.6


def demo_load(*, stdout) -> None:
    rng = random.Random(2026)
    for code in DEMO_REGIONS:
        region = Region.objects.get(code=code)
        enterprises = Enterprise.unscoped.filter(region=region, status=Enterprise.Status.ACTIVE)
        if enterprises.filter(is_public=True).exists():
            stdout.write(f"portal: {region.name} already has public enterprises; left as they are")
            continue
        with_products = set(
            Product.unscoped.filter(enterprise__region=region, is_active=True).values_list(
                "enterprise_id", flat=True
            )
        )
        public, whatsapp = [], []
        for pk, phone in enterprises.order_by("pk").values_list("pk", "business_phone"):
            share = SHARE_WITH_PRODUCTS if pk in with_products else SHARE_WITHOUT_PRODUCTS
            if rng.random() < share:
                public.append(pk)
                if phone and rng.random() < SHARE_WHATSAPP:
                    whatsapp.append(pk)
        # The consent flags are set in bulk; the catalogue is rebuilt from them just below.
        Enterprise.unscoped.filter(pk__in=public).update(is_public=True)
        Enterprise.unscoped.filter(pk__in=whatsapp).update(whatsapp_public=True)
        stdout.write(
            f"portal: {len(public)} enterprises of {region.name} public, {len(whatsapp)} with WhatsApp"
        )
    stdout.write(f"portal: catalogue indexed, {catalogue_rebuild()} entries")
