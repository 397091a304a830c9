"""An event like the Jember Fashion Carnaval, small enough for tests."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create
from sahabat.events.models import Event, Participation
from sahabat.events.services import ledger, setup
from sahabat.registry.services import enterprise_create

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def officer(jember, member_of):
    return Actor.for_user(member_of(jember, Role.OFFICER))


@pytest.fixture
def carnival(jember, officer):
    return setup.event_create(
        actor=officer,
        region=jember,
        name="Jember Fashion Carnaval 2023",
        venue="Alun-alun Jember",
        main_start=date(2023, 8, 4),
        main_end=date(2023, 8, 6),
        window_start=date(2023, 7, 28),
        window_end=date(2023, 8, 13),
        target_visitors=1_000_000,
        target_turnover=500_000_000_000,
        status=Event.Status.PUBLISHED,
    )


@pytest.fixture
def booths(carnival, officer, jember, sarolangun):
    """Booths A-001 (Jember UMKM) and A-002 (Sarolangun UMKM) approved; A-003 only invited."""
    zone = setup.zone_create(actor=officer, event_id=carnival.pk, code="A", name="Zona Kuliner")
    created = setup.booths_create(actor=officer, event_id=carnival.pk, zone_id=zone.pk, codes="A-001 … A-003")
    superuser = Actor.system()
    makers = [
        enterprise_create(actor=superuser, region=jember, name="Suwar-Suwir Bu Tutik", sector="food"),
        enterprise_create(actor=superuser, region=sarolangun, name="Lempok Durian Sarolangun", sector="food"),
        enterprise_create(actor=superuser, region=jember, name="Batik Rolla", sector="fashion"),
    ]
    for booth, enterprise in zip(created, makers, strict=True):
        participation = setup.participation_invite(
            actor=officer, event_id=carnival.pk, enterprise_id=enterprise.pk, booth_id=booth.pk
        )
        if booth.code != "A-003":
            setup.participation_decide(
                actor=officer, participation_id=participation.pk, status=Participation.Status.APPROVED
            )
    return {booth.code: booth for booth in created}


@pytest.fixture
def device(jember, carnival):
    admin = Actor.system()
    token = api_token_create(actor=admin, region=jember, name="Kasir A-001").token
    token.event = carnival
    token.save()
    return Actor.for_token(token)


def sale(booth="A-001", amount=25_000, at=datetime(2023, 8, 5, 19, 30, tzinfo=WIB), **extra):
    return ledger.SaleIn(
        client_uuid=extra.pop("client_uuid", uuid.uuid4()),
        booth=booth,
        amount=amount,
        occurred_at=at,
        **extra,
    )


def visitors(
    count=120, gate="Gerbang Utara", start=datetime(2023, 8, 5, 19, 0, tzinfo=WIB), minutes=15, **extra
):
    from datetime import timedelta

    return ledger.VisitorCountIn(
        client_uuid=extra.pop("client_uuid", uuid.uuid4()),
        gate=gate,
        period_start=start,
        period_end=start + timedelta(minutes=minutes),
        count=count,
    )


@pytest.fixture
def register(jember, sarolangun):
    """A small register for a simulated carnival: Jember makers of several sectors, two Sarolangun guests."""
    from tests.registry import factories

    for sector in ("food", "food", "fashion", "craft", "agriculture", "food"):
        factories.EnterpriseFactory(region=jember, owner=None, sector=sector)
    for sector in ("food", "craft"):
        factories.EnterpriseFactory(
            region=sarolangun,
            owner=None,
            sector=sector,
            district=factories.region(factories.SAROLANGUN_DISTRICT),
            village=factories.region(factories.PASAR_SAROLANGUN_VILLAGE),
        )
