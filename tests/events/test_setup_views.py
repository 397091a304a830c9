import re
from datetime import date

import pytest
from django.urls import reverse

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import ApiToken
from sahabat.accounts.permissions import Role
from sahabat.events.models import Booth, Event, Participation, Zone
from sahabat.events.services import setup
from sahabat.registry.services import enterprise_create

pytestmark = pytest.mark.django_db

EVENT_POST = {
    "name": "Jember Kopi Festival",
    "venue": "Alun-alun Jember",
    "main_start": "2024-09-20",
    "main_end": "2024-09-22",
    "window_start": "2024-09-13",
    "window_end": "2024-09-29",
    "target_visitors": "50.000",
    "target_turnover": "500 M",
    "status": "published",
}


@pytest.fixture
def officer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.OFFICER))
    return client


@pytest.fixture
def viewer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    return client


def _url(name, event, *extra):
    return reverse(f"events:{name}", args=[event.pk, *extra])


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Event list


def test_event_list_shows_dates_in_indonesian_and_targets_compact(officer_client, carnival):
    content = officer_client.get(reverse("events:event_list")).content.decode()
    assert all(text in content for text in ("4–6 Agustus 2023", "Rp500 miliar", "1.000.000", "Selesai"))


def test_event_list_search_finds_by_name(officer_client, jember, officer, carnival):
    setup.event_create(
        actor=officer,
        region=jember,
        name="Jember Kopi Festival",
        main_start=date(2024, 9, 20),
        main_end=date(2024, 9, 22),
        window_start=date(2024, 9, 13),
        window_end=date(2024, 9, 29),
    )
    response = officer_client.get(reverse("events:event_list"), {"q": "kopi"})
    assert [event.name for event in response.context["page_obj"]] == ["Jember Kopi Festival"]


def test_event_list_leaves_out_other_regions(officer_client, sarolangun):
    other = Actor.system()
    setup.event_create(
        actor=other,
        region=sarolangun,
        name="Festival Batanghari",
        main_start=date(2024, 9, 20),
        main_end=date(2024, 9, 22),
        window_start=date(2024, 9, 13),
        window_end=date(2024, 9, 29),
    )
    assert "Festival Batanghari" not in officer_client.get(reverse("events:event_list")).content.decode()


def test_empty_event_list_offers_to_create_one(officer_client):
    content = officer_client.get(reverse("events:event_list")).content.decode()
    assert "Belum ada iven" in content
    assert f'href="{reverse("events:event_create")}">Buat iven' in content


def test_viewer_is_not_offered_to_create_an_event(viewer_client, carnival):
    content = viewer_client.get(reverse("events:event_list")).content.decode()
    assert reverse("events:event_create") not in content


# Create and edit


def test_event_is_created_with_the_turnover_written_in_miliar(officer_client, jember):
    response = officer_client.post(reverse("events:event_create"), EVENT_POST)
    event = Event.objects.with_scopes_disabled().get(name="Jember Kopi Festival")
    assert response.url == _url("event_detail", event)
    expected = (jember.pk, 500_000_000_000, 50_000)
    assert (event.region_id, event.target_turnover, event.target_visitors) == expected


def test_dates_out_of_order_show_the_message_beside_the_field(officer_client):
    data = {**EVENT_POST, "window_start": "2024-09-21"}
    response = officer_client.post(reverse("events:event_create"), data)
    assert response.context["form"].errors["window_start"] == [
        "Masa pelaporan harus dimulai pada atau sebelum hari utama pertama."
    ]
    assert not Event.objects.with_scopes_disabled().exists()


def test_unreadable_turnover_is_refused_at_its_field(officer_client):
    response = officer_client.post(reverse("events:event_create"), {**EVENT_POST, "target_turnover": "2 mio"})
    assert "target_turnover" in response.context["form"].errors


def test_event_edit_saves_the_changes(officer_client, carnival):
    data = {
        **EVENT_POST,
        "name": "JFC 2023",
        "main_start": "2023-08-04",
        "main_end": "2023-08-06",
        "window_start": "2023-07-28",
        "window_end": "2023-08-13",
    }
    officer_client.post(_url("event_edit", carnival), data)
    carnival.refresh_from_db()
    assert (carnival.name, carnival.target_turnover) == ("JFC 2023", 500_000_000_000)


# Zones and booths


def test_zone_is_added_from_the_detail_page(officer_client, carnival):
    officer_client.post(_url("zone_create", carnival), {"code": "kul", "name": "Zona Kuliner"})
    assert list(Zone.objects.with_scopes_disabled().values_list("code", "name")) == [("KUL", "Zona Kuliner")]


def test_duplicate_zone_shows_the_message_beside_the_code(officer_client, carnival, booths):
    response = officer_client.post(_url("zone_create", carnival), {"code": "A", "name": "Zona A lagi"})
    assert response.context["zone_form"].errors["code"] == ["Zona A sudah ada."]


def test_booths_are_created_from_a_range_on_the_page(officer_client, carnival, officer):
    zone = setup.zone_create(actor=officer, event_id=carnival.pk, code="A", name="Zona Kuliner")
    response = officer_client.post(
        _url("booth_create", carnival), {"zone": zone.pk, "codes": "A-001 … A-020", "category": "kuliner"}
    )
    codes = list(Booth.objects.with_scopes_disabled().filter(zone=zone).values_list("code", flat=True))
    assert response.status_code == 302
    assert (len(codes), codes[0], codes[-1]) == (20, "A-001", "A-020")


def test_existing_booth_codes_show_the_message_beside_the_codes(officer_client, carnival, booths):
    zone = Zone.objects.with_scopes_disabled().get()
    response = officer_client.post(_url("booth_create", carnival), {"zone": zone.pk, "codes": "A-002-A-005"})
    assert response.context["booths_form"].errors["codes"] == ["Kode stan ini sudah ada: A-002, A-003"]


def test_booth_list_shows_the_approved_enterprise(officer_client, carnival, booths):
    content = officer_client.get(_url("booth_list", carnival)).content.decode()
    assert "Suwar-Suwir Bu Tutik" in content
    assert "Kabupaten Sarolangun" in content


def test_booth_list_filters_by_zone(officer_client, carnival, booths, officer):
    zone = setup.zone_create(actor=officer, event_id=carnival.pk, code="B", name="Zona Kriya")
    setup.booths_create(actor=officer, event_id=carnival.pk, zone_id=zone.pk, codes="B-01 … B-02")
    response = officer_client.get(_url("booth_list", carnival), {"zone": zone.pk})
    assert [booth.code for booth in response.context["page_obj"]] == ["B-01", "B-02"]


# Participants


def test_invite_search_finds_enterprises_of_partner_regions(officer_client, carnival, sarolangun):
    enterprise_create(actor=Actor.system(), region=sarolangun, name="Lempok Durian Sarolangun")
    response = officer_client.get(_url("participant_list", carnival), {"q": "lempok"})
    regions = [enterprise.region.name for enterprise in response.context["candidates"]]
    assert regions == ["Kabupaten Sarolangun"]


def test_enterprise_is_invited_from_the_search_results(officer_client, carnival, sarolangun):
    guest = enterprise_create(actor=Actor.system(), region=sarolangun, name="Lempok Durian Sarolangun")
    officer_client.post(_url("participant_invite", carnival), {"enterprise": guest.pk, "q": "lempok"})
    participation = Participation.objects.with_scopes_disabled().get()
    assert (participation.enterprise_id, participation.status) == (guest.pk, Participation.Status.INVITED)


def test_participant_is_approved_with_a_booth_code(officer_client, carnival, booths):
    invited = Participation.objects.with_scopes_disabled().get(status=Participation.Status.INVITED)
    invited.booth = None
    invited.save()
    decision = {"status": "approved", "booth": "a-003"}
    officer_client.post(_url("participant_decide", carnival, invited.pk), decision)
    invited.refresh_from_db()
    assert (invited.status, invited.booth.code) == (Participation.Status.APPROVED, "A-003")


def test_participant_is_rejected(officer_client, carnival, booths):
    invited = Participation.objects.with_scopes_disabled().get(status=Participation.Status.INVITED)
    officer_client.post(_url("participant_decide", carnival, invited.pk), {"status": "rejected"})
    invited.refresh_from_db()
    assert invited.status == Participation.Status.REJECTED


def test_approval_for_a_taken_booth_is_explained(officer_client, carnival, booths):
    invited = Participation.objects.with_scopes_disabled().get(status=Participation.Status.INVITED)
    decision = {"status": "approved", "booth": "A-001"}
    response = officer_client.post(_url("participant_decide", carnival, invited.pk), decision, follow=True)
    assert _messages(response) == ["Batik Rolla: Stan ini sudah disetujui untuk UMKM lain."]


def test_approval_for_an_unknown_booth_is_explained(officer_client, carnival, booths):
    invited = Participation.objects.with_scopes_disabled().get(status=Participation.Status.INVITED)
    response = officer_client.post(
        _url("participant_decide", carnival, invited.pk), {"status": "approved", "booth": "Z-9"}, follow=True
    )
    assert _messages(response) == ["Tidak ada stan Z-9 di iven ini."]


# QR codes


def test_qr_sheet_has_one_qr_code_per_booth(officer_client, carnival, booths):
    content = officer_client.get(_url("booth_qr_sheet", carnival)).content.decode()
    assert len(re.findall(r'<svg [^>]*class="qr"', content)) == 3


def test_qr_code_opens_the_cashier_page_of_its_booth(officer_client, carnival, booths):
    response = officer_client.get(_url("booth_qr_sheet", carnival))
    cashier = f"http://testserver{reverse('events:cashier', args=[carnival.pk])}"
    assert [card["url"] for card in response.context["cards"]] == [
        f"{cashier}?booth=A-001",
        f"{cashier}?booth=A-002",
        f"{cashier}?booth=A-003",
    ]


def test_qr_sheet_is_printed_page_by_page(officer_client, carnival, booths, monkeypatch):
    monkeypatch.setattr("sahabat.events.views.setup.QR_CARDS_PER_PAGE", 2)
    response = officer_client.get(_url("booth_qr_sheet", carnival), {"page": 2})
    assert [card["booth"].code for card in response.context["cards"]] == ["A-003"]


# Devices


def test_device_token_is_shown_once(officer_client, carnival):
    response = officer_client.post(_url("device_create", carnival), {"name": "HP kasir A-001"})
    raw_key = response.context["issued"].raw_key
    assert raw_key in response.content.decode()
    assert raw_key not in officer_client.get(_url("device_list", carnival)).content.decode()


def test_device_token_issued_on_the_page_is_bound_to_the_event(officer_client, carnival):
    officer_client.post(_url("device_create", carnival), {"name": "HP kasir A-001"})
    assert ApiToken.objects.with_scopes_disabled().get().event_id == carnival.pk


def test_device_token_is_revoked_from_the_page(officer_client, carnival, officer):
    issued = setup.event_device_token_create(actor=officer, event_id=carnival.pk, name="HP kasir A-001")
    officer_client.post(_url("device_revoke", carnival, issued.token.pk))
    issued.token.refresh_from_db()
    assert issued.token.is_revoked


# Access


@pytest.mark.parametrize(
    "name", ["event_detail", "booth_list", "participant_list", "device_list", "booth_qr_sheet", "event_edit"]
)
def test_event_of_another_region_is_not_found(client, carnival, sarolangun, member_of, name):
    client.force_login(member_of(sarolangun, Role.REGION_ADMIN))
    assert client.get(_url(name, carnival)).status_code == 404


def test_viewer_reads_the_booths_without_the_create_form(viewer_client, carnival, booths):
    content = viewer_client.get(_url("booth_list", carnival)).content.decode()
    assert "A-001" in content
    assert _url("booth_create", carnival) not in content


def test_viewer_cannot_create_booths(viewer_client, carnival, booths):
    zone = Zone.objects.with_scopes_disabled().get()
    response = viewer_client.post(_url("booth_create", carnival), {"zone": zone.pk, "codes": "A-9"})
    assert response.status_code == 403


# API


def test_api_lists_the_events_with_their_phase(officer_client, carnival):
    body = officer_client.get("/api/events").json()
    assert [(item["name"], item["region"], item["phase"]) for item in body["items"]] == [
        ("Jember Fashion Carnaval 2023", "35.09", "finished")
    ]


def test_device_lists_the_booths_of_its_event(client, carnival, booths, officer):
    issued = setup.event_device_token_create(actor=officer, event_id=carnival.pk, name="HP kasir")
    body = client.get(
        f"/api/events/{carnival.pk}/booths", headers={"Authorization": f"Bearer {issued.raw_key}"}
    ).json()
    assert [(item["code"], item["enterprise"]) for item in body["items"]] == [
        ("A-001", "Suwar-Suwir Bu Tutik"),
        ("A-002", "Lempok Durian Sarolangun"),
        ("A-003", None),
    ]


def test_device_of_another_event_cannot_list_its_booths(client, jember, carnival, booths, officer):
    other = setup.event_create(
        actor=officer,
        region=jember,
        name="Jember Kopi Festival",
        main_start=date(2024, 9, 20),
        main_end=date(2024, 9, 22),
        window_start=date(2024, 9, 13),
        window_end=date(2024, 9, 29),
    )
    issued = setup.event_device_token_create(actor=officer, event_id=other.pk, name="HP kasir")
    headers = {"Authorization": f"Bearer {issued.raw_key}"}
    response = client.get(f"/api/events/{carnival.pk}/booths", headers=headers)
    assert response.status_code == 404
