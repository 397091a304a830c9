"""The booth cashier page, its booth total for today, and its offline worker."""

import json
from datetime import datetime

import pytest
from django.urls import reverse

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.events.models import Event, PaymentMethod
from sahabat.events.selectors.cashier import booth_today_total
from sahabat.events.services import ledger
from sahabat.events.services.setup import event_update
from sahabat.events.views.cashier import QUICK_AMOUNTS
from tests.events.conftest import WIB, sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def cashier_user(jember, member_of):
    return member_of(jember, Role.BOOTH_CASHIER)


@pytest.fixture
def cashier_client(client, cashier_user):
    client.force_login(cashier_user)
    return client


def page_url(event):
    return reverse("events:cashier", args=[event.pk])


def total_url(event):
    return reverse("events:cashier_booth_total", args=[event.pk])


def at_noon_of_5_august(monkeypatch):
    """Make "now" 5 August 2023, 12:00 WIB, the middle of the carnival's second main day."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2023, 8, 5, 12, 0, tzinfo=WIB))


def test_page_sends_anonymous_visitors_to_the_login(client, carnival):
    response = client.get(page_url(carnival))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_page_refuses_a_viewer(client, carnival, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    assert client.get(page_url(carnival)).status_code == 403


def test_page_hides_an_event_of_another_region(client, carnival, sarolangun, member_of):
    client.force_login(member_of(sarolangun, Role.REGION_ADMIN))
    assert client.get(page_url(carnival)).status_code == 404


def test_page_offers_only_the_booths_with_an_approved_enterprise(cashier_client, carnival, booths):
    response = cashier_client.get(page_url(carnival))
    assert [booth.code for booth in response.context["booths"]] == ["A-001", "A-002"]
    assert "Lempok Durian Sarolangun" in response.content.decode()
    assert "Batik Rolla" not in response.content.decode()


def test_page_shows_every_quick_amount_as_a_button(cashier_client, carnival, booths):
    content = cashier_client.get(page_url(carnival)).content.decode()
    assert all(f'data-amount="{amount}"' in content for amount in QUICK_AMOUNTS)
    assert '<button type="button" data-amount="25000">25.000</button>' in content


def test_page_has_one_save_button_per_payment_method(cashier_client, carnival, booths):
    content = cashier_client.get(page_url(carnival)).content.decode()
    assert all(f'data-method="{method}"' in content for method in PaymentMethod.values)


def test_page_gives_the_script_the_ingestion_api_and_the_events_zone(cashier_client, carnival, booths):
    config = cashier_client.get(page_url(carnival)).context["config"]
    assert config["salesUrl"] == f"/api/events/{carnival.pk}/sales"
    assert config["timeZone"] == "Asia/Jakarta"


def test_page_of_an_event_that_is_not_open_says_why(cashier_client, carnival, officer):
    event_update(actor=officer, event_id=carnival.pk, status=Event.Status.DRAFT)
    response = cashier_client.get(page_url(carnival))
    assert "Iven ini tidak sedang dibuka untuk pencatatan." in response.content.decode()


def test_booth_total_counts_only_todays_sales_in_wib(cashier_client, carnival, booths, officer, monkeypatch):
    ledger.sale_record_batch(
        actor=officer,
        event_id=carnival.pk,
        items=[
            sale(amount=40_000, at=datetime(2023, 8, 4, 23, 30, tzinfo=WIB)),
            sale(amount=25_000, at=datetime(2023, 8, 5, 0, 30, tzinfo=WIB)),
            sale(amount=15_000, at=datetime(2023, 8, 5, 11, 45, tzinfo=WIB)),
            sale(booth="A-002", amount=99_000, at=datetime(2023, 8, 5, 11, 0, tzinfo=WIB)),
        ],
    )
    at_noon_of_5_august(monkeypatch)
    response = cashier_client.get(total_url(carnival), {"booth": "A-001"})
    assert response.json() == {"booth": "A-001", "day": "2023-08-05", "turnover": 40_000, "sales_count": 2}


def test_booth_total_nets_out_a_cancelled_sale(carnival, booths, officer, cashier_user, monkeypatch):
    original = sale(amount=50_000, at=datetime(2023, 8, 5, 10, 0, tzinfo=WIB))
    reversal = sale(
        amount=-50_000, at=datetime(2023, 8, 5, 10, 1, tzinfo=WIB), reversal_of=original.client_uuid
    )
    ledger.sale_record_batch(actor=officer, event_id=carnival.pk, items=[original, reversal])
    at_noon_of_5_august(monkeypatch)
    total = booth_today_total(actor=Actor.for_user(cashier_user), event=carnival, booth_code="A-001")
    assert (total.turnover, total.sales_count) == (0, 0)


def test_booth_total_asks_for_a_login_in_json(client, carnival):
    response = client.get(total_url(carnival), {"booth": "A-001"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "auth.required"


def test_booth_total_needs_a_booth(cashier_client, carnival):
    response = cashier_client.get(total_url(carnival))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "booth"


def test_booth_total_refuses_a_viewer(client, carnival, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    assert client.get(total_url(carnival), {"booth": "A-001"}).status_code == 403


def test_offline_worker_keeps_the_page_and_its_assets(client, carnival):
    response = client.get(reverse("events:cashier_service_worker", args=[carnival.pk]))
    config = json.loads(response.content.decode().split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert response["Content-Type"].startswith("text/javascript")
    assert config["page"] == page_url(carnival)
    assert "/static/events/cashier.js" in config["assets"]


def test_offline_worker_is_checked_for_updates_on_every_visit(client, carnival):
    response = client.get(reverse("events:cashier_service_worker", args=[carnival.pk]))
    assert response["Cache-Control"] == "no-cache"
