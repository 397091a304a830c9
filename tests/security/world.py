"""The records the permission matrix and the CSRF walk address: one of each kind in Jember.

Built once per test module (tests/security/conftest.py), since building them takes longer than the
request each case makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import ApiToken, Membership
from sahabat.accounts.services import api_token_create
from sahabat.events.models import Event, Participation
from sahabat.events.services.setup import event_create, event_device_token_create, participation_invite
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, ImportJob, Licence, Product
from sahabat.registry.services import OwnerData, enterprise_create, licence_add, product_create
from tests.coaching.world import CoachingWorld, coaching_world
from tests.cooperation.world import CooperationWorld, cooperation_world
from tests.dedupe.world import DedupeWorld, dedupe_world
from tests.indicators.world import IndicatorsWorld, indicators_world
from tests.investment.world import InvestmentWorld, investment_world
from tests.purchasing.world import PurchasingWorld, purchasing_world
from tests.reports.world import ReportsWorld, reports_world


@dataclass
class World:
    viewer_membership: Membership
    token: ApiToken
    enterprise: Enterprise
    product: Product
    # An enterprise with an owner and a licence, for the owner and licence pages.
    owned_enterprise: Enterprise
    licence: Licence
    event: Event
    # The enterprise invited to the event, and a device token bound to the event.
    participation: Participation
    device: ApiToken
    import_job: ImportJob
    # Jember's agreement in force with Banyuwangi and what hangs off it (tests/cooperation/world.py).
    cooperation: CooperationWorld
    # A Jember agency (the matrix focal point's), its 2023 package and an import (tests/purchasing/world.py).
    purchasing: PurchasingWorld
    # A Jember programme, an investment project with its lead, an indicator (tests/<app>/world.py).
    coaching: CoachingWorld
    investment: InvestmentWorld
    indicators: IndicatorsWorld
    # A ready Jember report file and a monthly e-mail (tests/reports/world.py).
    reports: ReportsWorld
    # A pending Jember group of likely duplicates and a merge in force (tests/dedupe/world.py).
    dedupe: DedupeWorld


def world_build(*, jember: Region, jember_admin, viewer) -> World:
    admin = Actor.for_user(jember_admin)
    issued = api_token_create(actor=admin, region=jember, name="Kasir")
    enterprise = enterprise_create(actor=admin, region=jember, name="Kopi Tani Makmur")
    owned = enterprise_create(
        actor=admin,
        region=jember,
        name="Prol Tape Bu Sri",
        owner=OwnerData(name="Sri", nik="3509015708900012"),
    )
    event = event_create(
        actor=admin,
        region=jember,
        name="Jember Fashion Carnaval",
        main_start=date(2023, 8, 4),
        main_end=date(2023, 8, 6),
        window_start=date(2023, 7, 28),
        window_end=date(2023, 8, 13),
        status="published",
    )
    participation = participation_invite(actor=admin, event_id=event.pk, enterprise_id=enterprise.pk)
    device = event_device_token_create(actor=admin, event_id=event.pk, name="HP kasir A-001").token
    return World(
        event=event,
        participation=participation,
        device=device,
        viewer_membership=Membership.objects.with_scopes_disabled().get(user=viewer),
        token=issued.token,
        enterprise=enterprise,
        product=product_create(actor=admin, enterprise_id=enterprise.pk, name="Kopi robusta", price=90000),
        owned_enterprise=owned,
        licence=licence_add(actor=admin, enterprise_id=owned.pk, type="nib", number="9120001234567"),
        import_job=ImportJob.unscoped.create(region=jember, original_name="umkm.xlsx", status="previewed"),
        cooperation=cooperation_world(jember=jember),
        purchasing=purchasing_world(jember=jember),
        coaching=coaching_world(enterprise=enterprise),
        investment=investment_world(jember=jember),
        indicators=indicators_world(jember=jember),
        reports=reports_world(jember=jember),
        dedupe=dedupe_world(jember=jember),
    )
