import json
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.events.models import Event, Participation
from sahabat.events.selectors.progress import event_progress
from sahabat.events.services import setup
from sahabat.events.services.ledger import sale_record_batch, visitor_count_record_batch
from sahabat.registry.models import Owner
from sahabat.registry.services import OwnerData, enterprise_create
from tests.events.conftest import sale, visitors

pytestmark = pytest.mark.django_db

OWNERS = [
    ("Tutik Handayani", "3509015708900001"),
    ("Slamet Riyadi", "3509011708900002"),
    ("Siti Aminah", "3509015708900003"),
]


@pytest.fixture(autouse=True)
def _no_cached_board():
    # The board caches per event id, and every test's event gets the same id.
    cache.clear()


@pytest.fixture
def viewer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    return client


@pytest.fixture
def sold(carnival, booths, device):
    sale_record_batch(
        actor=device,
        event_id=carnival.pk,
        items=[sale(amount=25_000), sale(booth="A-002", amount=40_000, payment_method="qris")],
    )
    visitor_count_record_batch(actor=device, event_id=carnival.pk, items=[visitors(count=1_234)])
    return carnival


@pytest.fixture
def owned_booths(carnival, officer, jember):
    """Three Jember UMKM with owners on record (name, NIK) selling at zone B."""
    zone = setup.zone_create(actor=officer, event_id=carnival.pk, code="B", name="Zona Batik")
    created = setup.booths_create(actor=officer, event_id=carnival.pk, zone_id=zone.pk, codes="B-01 … B-03")
    for booth, (owner_name, nik) in zip(created, OWNERS, strict=True):
        enterprise = enterprise_create(
            actor=Actor.system(),
            region=jember,
            name=f"Batik {owner_name.split()[0]}",
            sector="fashion",
            owner=OwnerData(name=owner_name, nik=nik, phone="081234567890"),
        )
        participation = setup.participation_invite(
            actor=officer, event_id=carnival.pk, enterprise_id=enterprise.pk, booth_id=booth.pk
        )
        setup.participation_decide(
            actor=officer, participation_id=participation.pk, status=Participation.Status.APPROVED
        )
    return created


def _dashboard(event):
    return reverse("events:dashboard", args=[event.pk])


def test_dashboard_asks_an_anonymous_visitor_to_log_in(client, carnival):
    response = client.get(_dashboard(carnival))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("accounts:login"))


def test_a_viewer_sees_the_dashboard_with_the_turnover(viewer_client, sold):
    response = viewer_client.get(_dashboard(sold))
    assert response.status_code == 200
    assert "Rp65.000" in response.content.decode()


def test_the_dashboard_shows_the_sarolangun_umkm_among_the_origins(viewer_client, sold):
    assert "Kabupaten Sarolangun (1 UMKM)" in viewer_client.get(_dashboard(sold)).content.decode()


def test_the_dashboard_polls_its_panel(viewer_client, sold):
    content = viewer_client.get(_dashboard(sold)).content.decode()
    panel = reverse("events:dashboard_panel", args=[sold.pk])
    assert f'hx-get="{panel}" hx-trigger="every 10s"' in content


def test_the_poll_interval_follows_the_setting(viewer_client, sold, settings):
    settings.EVENTS_DASHBOARD_POLL_SECONDS = 2
    assert 'hx-trigger="every 2s"' in viewer_client.get(_dashboard(sold)).content.decode()


def test_an_officer_of_another_region_gets_not_found(client, sarolangun, member_of, carnival):
    client.force_login(member_of(sarolangun, Role.REGION_ADMIN))
    assert client.get(_dashboard(carnival)).status_code == 404


def test_a_cashier_may_not_open_the_dashboard(client, jember, member_of, carnival):
    client.force_login(member_of(jember, Role.BOOTH_CASHIER))
    assert client.get(_dashboard(carnival)).status_code == 403


def test_an_empty_event_shows_the_empty_state(viewer_client, carnival):
    content = viewer_client.get(_dashboard(carnival)).content.decode()
    assert 'class="empty-state"' in content


def test_the_panel_renders_alone_for_htmx(viewer_client, sold):
    response = viewer_client.get(reverse("events:dashboard_panel", args=[sold.pk]), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.startswith('<div id="dashboard-panel"')
    assert "<html" not in content


def test_a_panel_poll_after_logout_sends_the_page_to_the_login(client, carnival):
    response = client.get(reverse("events:dashboard_panel", args=[carnival.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


def test_the_dashboard_renders_in_few_queries(viewer_client, sold, django_assert_max_num_queries):
    # 8 for the figures (rollups only, never the ledger), the rest for the layout: session, user,
    # memberships, active region, region switcher and the notification badge.
    with django_assert_max_num_queries(14):
        viewer_client.get(_dashboard(sold))


def test_the_panel_renders_in_few_queries(viewer_client, sold, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        viewer_client.get(reverse("events:dashboard_panel", args=[sold.pk]), HTTP_HX_REQUEST="true")


def test_the_board_is_public_for_a_published_event(client, sold):
    response = client.get(reverse("events:board", args=[sold.pk]))
    assert response.status_code == 200
    assert "1.234" in response.content.decode()


def test_the_board_of_a_draft_event_is_not_found(client, carnival, officer):
    setup.event_update(actor=officer, event_id=carnival.pk, status=Event.Status.DRAFT)
    assert client.get(reverse("events:board", args=[carnival.pk])).status_code == 404


def test_the_board_panel_renders_alone(client, sold):
    content = client.get(
        reverse("events:board_panel", args=[sold.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert content.startswith('<div id="board-panel"')


def test_the_board_names_no_owner_and_no_enterprise(client, carnival, owned_booths, device):
    sale_record_batch(
        actor=device,
        event_id=carnival.pk,
        items=[sale(booth=booth.code, amount=100_000) for booth in owned_booths],
    )
    content = client.get(reverse("events:board", args=[carnival.pk])).content.decode()
    masked = list(Owner.objects.with_scopes_disabled().values_list("nik_masked", flat=True))
    forbidden = [name for name, _nik in OWNERS] + [nik for _name, nik in OWNERS] + masked + ["Batik Tutik"]
    assert [text for text in forbidden if text in content] == []


def test_the_board_is_served_from_the_cache_for_a_few_seconds(client, sold, django_assert_num_queries):
    client.get(reverse("events:board", args=[sold.pk]))
    with django_assert_num_queries(0):
        client.get(reverse("events:board_panel", args=[sold.pk]))


def test_the_api_answers_what_the_selector_computes(viewer_client, sold, jember, member_of):
    response = viewer_client.get(f"/api/events/{sold.pk}/progress")
    expected = event_progress(actor=Actor.system(), event_id=sold.pk)
    data = response.json()
    assert (data["turnover"], data["visitors"], data["sales_count"]) == (
        expected.turnover,
        expected.visitors,
        expected.sales_count,
    )
    assert [group["label"] for group in data["by_origin"]] == [group.label for group in expected.by_origin]
    assert [entry["name"] for entry in data["top_enterprises"]] == [
        entry.name for entry in expected.top_enterprises
    ]
    assert len(data["daily"]) == len(expected.daily) == 17


def test_the_api_refuses_another_region(client, sarolangun, member_of, carnival):
    client.force_login(member_of(sarolangun, Role.REGION_ADMIN))
    response = client.get(f"/api/events/{carnival.pk}/progress")
    assert (response.status_code, json.loads(response.content)["errors"][0]["code"]) == (404, "event.unknown")


def test_an_event_without_targets_shows_no_progress_bars(viewer_client, officer, jember):
    event = setup.event_create(
        actor=officer,
        region=jember,
        name="Bazar Ramadan",
        main_start=date(2024, 3, 20),
        main_end=date(2024, 3, 20),
        window_start=date(2024, 3, 20),
        window_end=date(2024, 3, 20),
    )
    response = viewer_client.get(_dashboard(event))
    assert (response.status_code, "chart-progress" in response.content.decode()) == (200, False)
