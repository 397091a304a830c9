"""The platform end to end, through the pages a Jember officer and a booth cashier use.

The journey: a Jember region admin logs in and imports the Dinas's spreadsheet of UMKM; sets up the
carnival with its booths and approves the imported UMKM (and a guest from Sarolangun) for them; a
cashier sells offline and the sales arrive when the signal returns; the live dashboard follows the
sales; a Sarolangun officer, under the Kesepakatan Bersama, sees Jember's carnival on the partner
dashboard; the admin downloads the month's event report.

Each test is one stage. A browser test's database is emptied after it, so the stages do not run on
each other's leftovers: each starts from a fixture that builds what the stage before it leaves
behind (the same file, event, booths and participants), and the stage before checks that it left
exactly that (`CARNIVAL` and `IMPORTED`). Screenshots: `test-artifacts/screenshots/e2e-*.png`.
"""

import io
import uuid
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.cooperation import services as cooperation
from sahabat.cooperation.models import Agreement
from sahabat.events.models import Event, Participation, Sale
from sahabat.events.services import setup
from sahabat.events.services.ledger import SaleIn, sale_record_batch
from sahabat.registry.imports.services import import_job_apply, import_job_create, import_job_map
from sahabat.registry.models import Enterprise
from sahabat.registry.services import enterprise_create
from tests.registry.factories import nik_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "rahasia-123"

# The Dinas's spreadsheet: a title above the header, a column the import does not know
# ("Catatan Petugas"), and one row whose NIK Excel turned into scientific notation.
TITLE = ["Data UMKM Binaan Dinas Koperasi dan Usaha Mikro Kabupaten Jember 2026"]
HEADERS = [
    "No",
    "Nama Usaha",
    "Nama Pemilik",
    "NIK",
    "Kecamatan",
    "Desa/Kelurahan",
    "No HP/WA",
    "Omzet per Tahun",
    "Sektor",
    "Catatan Petugas",
]
ROWS = [
    [1, "Suwar-Suwir Bu Tutik", "Tutik Handayani", nik_for(1, woman=True), "Sumbersari", "Tegalgede",
     "0812-3300-0001", "Rp 180.000.000", "Kuliner", "Ikut JFC 2025"],
    [2, "Prol Tape Primadona", "Siti Maesaroh", nik_for(2, woman=True), "Kaliwates", "Mangli",
     "0812-3300-0002", "1,2 M", "Kuliner", ""],
    [3, "Batik Rolla Labako", "Rolla Anggraeni", nik_for(3, woman=True), "Sumbersari", "Kebonsari",
     "0812-3300-0003", "450 jt", "Fashion", "Motif daun tembakau"],
    [4, "Kopi Rakyat Sidomulyo", "Bambang Sugiono", "3,50912E+15", "Sumbersari", "Tegalgede",
     "0812-3300-0004", "90 jt", "Kuliner", "NIK perlu dicek"],
]  # fmt: skip
IMPORTED = ["Batik Rolla Labako", "Prol Tape Primadona", "Suwar-Suwir Bu Tutik"]
GUEST = "Lempok Durian Sarolangun"
# (booth, enterprise) as the set-up stage leaves the carnival: every booth approved.
CARNIVAL = [
    ("A-001", "Suwar-Suwir Bu Tutik"),
    ("A-002", "Prol Tape Primadona"),
    ("A-003", "Batik Rolla Labako"),
    ("A-004", GUEST),
]


def register_file() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "UMKM Binaan"
    for line in [TITLE, [], HEADERS, *ROWS]:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def today_in(region) -> date:
    return timezone.localdate(timezone.now(), region.tzinfo)


def confirm_everything(page) -> None:
    """Accept the "are you sure?" dialogs (`data-confirm`), as the officer would."""
    page.on("dialog", lambda dialog: dialog.accept())


def log_in(page, live_server, screenshot, username: str, step: str = "") -> None:
    """Through the login form, as a person does; `step` names a screenshot of the filled form."""
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Masuk").first.click()
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    if step:
        screenshot(page, f"e2e-{step}-login")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    # Signed in: the account menu carries the person's name instead of "Menu".
    expect(page.locator("details.user-menu summary")).not_to_have_text("Menu")


def stat(page, label: str):
    return page.locator(f".stat:has(.stat-label:text-is('{label}')) .stat-value")


def sell(page, amount_label: str, method_label: str) -> None:
    page.get_by_role("button", name=amount_label, exact=True).click()
    page.locator(".cashier-methods").get_by_role("button", name=method_label, exact=True).click()


def pending(page, count: int, timeout: int = 15_000) -> None:
    """Wait for the phone's queue to reach `count` (expect, not wait_for_function: the CSP forbids eval)."""
    expect(page.locator("#pending-count")).to_have_text(str(count), timeout=timeout)


def carnival_shape(event) -> list[tuple[str, str]]:
    participations = Participation.objects.with_scopes_disabled().filter(
        event=event, status=Participation.Status.APPROVED
    )
    return sorted(participations.values_list("booth__code", "enterprise__name"))


def stored_amounts(event) -> list[int]:
    return sorted(Sale.objects.with_scopes_disabled().filter(event=event).values_list("amount", flat=True))


# Fixtures: the state each stage starts from ------------------------------------------------------


@pytest.fixture
def admin(jember, member_of):
    return member_of(jember, Role.REGION_ADMIN)


@pytest.fixture
def imported(jember, admin):
    """The register after the import stage: the same file, applied with its valid rows only."""
    actor = Actor.for_user(admin)
    upload = SimpleUploadedFile("umkm-binaan-2026.xlsx", register_file())
    job = import_job_create(actor=actor, region=jember, upload=upload)
    job.refresh_from_db()
    # As on the mapping page: the known columns as recognised, "Catatan Petugas" ignored.
    mapping = {index: job.column_mapping.get(str(index), "") for index in range(len(job.headers))}
    import_job_map(actor=actor, job_id=job.pk, mapping=mapping)
    import_job_apply(actor=actor, job_id=job.pk, mode="valid_only")
    names = sorted(
        Enterprise.objects.with_scopes_disabled().filter(region=jember).values_list("name", flat=True)
    )
    assert names == IMPORTED
    return job


@pytest.fixture
def guest(sarolangun):
    return enterprise_create(actor=Actor.system(), region=sarolangun, name=GUEST, sector="food")


@pytest.fixture
def carnival(jember, admin, imported, guest):
    """The carnival as the set-up stage leaves it: published, running today, four booths approved."""
    actor = Actor.for_user(admin)
    today = today_in(jember)
    event = setup.event_create(
        actor=actor,
        region=jember,
        name="Jember Fashion Carnaval",
        venue="Alun-alun Jember",
        main_start=today - timedelta(days=1),
        main_end=today + timedelta(days=1),
        window_start=today - timedelta(days=7),
        window_end=today + timedelta(days=7),
        target_visitors=1_000_000,
        target_turnover=500_000_000,
        status=Event.Status.PUBLISHED,
    )
    zone = setup.zone_create(actor=actor, event_id=event.pk, code="A", name="Zona UMKM")
    booths = {
        booth.code: booth
        for booth in setup.booths_create(
            actor=actor, event_id=event.pk, zone_id=zone.pk, codes="A-001 … A-004"
        )
    }
    for code, name in CARNIVAL:
        enterprise = Enterprise.objects.with_scopes_disabled().get(name=name)
        participation = setup.participation_invite(
            actor=actor, event_id=event.pk, enterprise_id=enterprise.pk, booth_id=booths[code].pk
        )
        setup.participation_decide(
            actor=actor, participation_id=participation.pk, status=Participation.Status.APPROVED
        )
    assert carnival_shape(event) == sorted(CARNIVAL)
    return event


def record(event, *sales: tuple[str, int]) -> None:
    """Sales a cashier phone sent (the cashier stage, or another phone at the carnival)."""
    now = timezone.now()
    items = [
        SaleIn(client_uuid=uuid.uuid4(), booth=booth, amount=amount, occurred_at=now - timedelta(minutes=1))
        for booth, amount in sales
    ]
    sale_record_batch(actor=Actor.system(), event_id=event.pk, items=items)


@pytest.fixture
def cashier(jember, member_of):
    return member_of(jember, Role.BOOTH_CASHIER)


@pytest.fixture
def mou(jember, sarolangun):
    """The Kesepakatan Bersama between Jember and Sarolangun, signed and in force today."""
    system = Actor.system()
    agreement = cooperation.agreement_create(
        actor=system,
        region=jember,
        parties=[
            cooperation.PartyData(jember, "180/27/35.09.1.2/2023", "Bupati Jember", "Bupati Jember"),
            cooperation.PartyData(sarolangun, "130/112/TAPEM/2023", "Bupati Sarolangun", "Bupati Sarolangun"),
        ],
        type=Agreement.Type.MOU,
        title="Kesepakatan Bersama tentang Pengembangan UMKM",
        valid_from=date(2023, 8, 5),
        valid_until=date(2028, 8, 4),
    )
    return cooperation.agreement_sign(actor=system, agreement_id=agreement.pk, signed_on=date(2023, 8, 5))


# The stages ---------------------------------------------------------------------------------------


def test_admin_logs_in_and_imports_the_register_file(live_server, page, screenshot, admin, tmp_path):
    confirm_everything(page)
    log_in(page, live_server, screenshot, admin.username, "01")
    screenshot(page, "e2e-02-home")

    page.click("nav.main-nav >> text=Pendataan UMKM")
    page.click("main >> text=Impor")
    screenshot(page, "e2e-03-import-list")
    page.click("main >> text=Impor berkas")
    upload = tmp_path / "umkm-binaan-2026.xlsx"
    upload.write_bytes(register_file())
    page.set_input_files("input[name=file]", str(upload))
    screenshot(page, "e2e-04-import-upload")
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.wait_for_load_state()

    # The unknown column stops at the mapping page; the officer ignores it.
    expect(page.locator("h1")).to_contain_text("umkm-binaan-2026.xlsx")
    unknown = page.get_by_label("Catatan Petugas")
    expect(unknown).to_be_visible()
    unknown.select_option(label="Abaikan kolom ini")
    screenshot(page, "e2e-05-import-mapping")
    page.get_by_role("button", name="Periksa baris").click()
    page.wait_for_load_state()

    # The preview: three new, one rejected for its NIK, nothing written yet.
    expect(stat(page, "Baru")).to_have_text("3")
    expect(stat(page, "Ditolak")).to_have_text("1")
    expect(page.locator("table tbody")).to_contain_text("Kopi Rakyat Sidomulyo")
    assert Enterprise.objects.with_scopes_disabled().count() == 0
    screenshot(page, "e2e-06-import-preview")

    page.get_by_label("Hanya baris yang valid", exact=False).check()
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_load_state()
    expect(page.locator(".badge-success").first).to_have_text("Diterapkan")
    screenshot(page, "e2e-07-import-applied")

    page.click("nav.main-nav >> text=Pendataan UMKM")
    expect(page.locator(".register-table tbody tr")).to_have_count(3)
    for name in IMPORTED:
        expect(page.locator(".register-table")).to_contain_text(name)
    screenshot(page, "e2e-08-register-list")


def test_admin_sets_up_the_carnival_and_approves_the_imported_umkm(
    live_server, page, screenshot, jember, admin, imported, guest
):
    confirm_everything(page)
    log_in(page, live_server, screenshot, admin.username)
    today = today_in(jember)
    page.click("nav.main-nav >> text=Iven")
    page.click("main >> text=Buat iven")
    page.fill("input[name=name]", "Jember Fashion Carnaval")
    page.fill("input[name=venue]", "Alun-alun Jember")
    page.fill("input[name=main_start]", (today - timedelta(days=1)).isoformat())
    page.fill("input[name=main_end]", (today + timedelta(days=1)).isoformat())
    page.fill("input[name=window_start]", (today - timedelta(days=7)).isoformat())
    page.fill("input[name=window_end]", (today + timedelta(days=7)).isoformat())
    page.fill("input[name=target_visitors]", "1.000.000")
    page.fill("input[name=target_turnover]", "500 jt")
    page.select_option("select[name=status]", "published")
    screenshot(page, "e2e-11-event-form")
    page.get_by_role("button", name="Buat iven").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Jember Fashion Carnaval")
    expect(page.locator(".phase")).to_have_text("Hari utama")

    page.fill("form[action$='/zones/new/'] input[name=code]", "A")
    page.fill("form[action$='/zones/new/'] input[name=name]", "Zona UMKM")
    page.click("form[action$='/zones/new/'] button[type=submit]")
    page.wait_for_load_state()
    page.click("nav.tabs >> text=Stan")
    page.fill("input[name=codes]", "A-001 … A-004")
    page.click("form[action$='/booths/new/'] button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator(".message-success")).to_have_text("4 stan telah dibuat di zona A.")
    expect(page.locator("tbody tr")).to_have_count(4)
    screenshot(page, "e2e-12-event-booths")

    page.click("nav.tabs >> text=Peserta")
    for _booth, name in CARNIVAL:
        page.fill("input[name=q]", name.split()[0])
        page.click("form.invite-search button[type=submit]")
        page.wait_for_load_state()
        page.locator(".invite tbody tr", has_text=name).get_by_role("button", name="Undang").click()
        page.wait_for_load_state()
    expect(page.locator(".participant-table tbody tr", has_text=GUEST)).to_contain_text("daerah mitra")
    expect(page.locator(".participant-table .participation-invited")).to_have_count(4)
    screenshot(page, "e2e-13-event-invited")
    for booth, name in CARNIVAL:
        row = page.locator(".participant-table tbody tr", has_text=name)
        row.locator("input[name=booth]").fill(booth)
        row.get_by_role("button", name="Setujui").click()
        page.wait_for_load_state()
        expect(page.locator(".message-success")).to_have_text(f"{name} disetujui untuk stan {booth}.")
    expect(page.locator(".participant-table .participation-approved")).to_have_count(4)
    screenshot(page, "e2e-14-event-approved")
    assert carnival_shape(Event.objects.with_scopes_disabled().get()) == sorted(CARNIVAL)


def test_cashier_sells_offline_and_the_sales_arrive_when_back_online(
    live_server, phone_page, screenshot, carnival, cashier
):
    page = phone_page
    log_in(page, live_server, screenshot, cashier.username)
    # The booth's printed QR code opens the cashier page with the booth chosen.
    page.goto(f"{live_server.url}/events/{carnival.pk}/cashier/?booth=A-001")
    expect(page.locator("#booth-code")).to_have_text("A-001")
    pending(page, 0)
    screenshot(page, "e2e-21-cashier-online")

    page.context.set_offline(True)
    sell(page, "25.000", "Tunai")
    sell(page, "15.000", "QRIS")
    sell(page, "10.000", "Transfer")
    expect(page.locator("#pending-count")).to_have_text("3")
    expect(page.locator("#network")).to_contain_text("Offline")
    expect(page.locator("#total")).to_have_text("Rp50.000")
    assert stored_amounts(carnival) == []
    screenshot(page, "e2e-22-cashier-offline")

    page.context.set_offline(False)
    pending(page, 0)
    expect(page.locator("#network")).to_contain_text("Online")
    expect(page.locator("#total")).to_have_text("Rp50.000")
    assert stored_amounts(carnival) == [10_000, 15_000, 25_000]
    screenshot(page, "e2e-23-cashier-synced")


def test_live_dashboard_follows_the_sales_without_a_reload(
    live_server, page, phone_page, screenshot, settings, carnival, admin, cashier
):
    settings.EVENTS_DASHBOARD_POLL_SECONDS = 1
    record(carnival, ("A-001", 50_000), ("A-004", 35_000))
    log_in(page, live_server, screenshot, admin.username)
    page.click("nav.main-nav >> text=Iven")
    page.click(".event-table >> text=Jember Fashion Carnaval")
    page.click("main >> text=Dasbor langsung")
    turnover = page.locator("[data-figure=turnover]")
    expect(turnover).to_have_text("Rp85.000")
    expect(page.locator("[data-figure=sales]")).to_have_text("2")
    page.evaluate("window.notReloaded = true")
    screenshot(page, "e2e-31-dashboard")

    # Meanwhile, at booth A-002, a cashier sells on a phone.
    log_in(phone_page, live_server, screenshot, cashier.username)
    phone_page.goto(f"{live_server.url}/events/{carnival.pk}/cashier/?booth=A-002")
    sell(phone_page, "100.000", "QRIS")
    pending(phone_page, 0)

    expect(turnover).to_have_text("Rp185.000", timeout=10_000)
    expect(page.locator("[data-figure=sales]")).to_have_text("3")
    assert page.evaluate("window.notReloaded") is True
    screenshot(page, "e2e-33-dashboard-updated")


def test_sarolangun_officer_sees_the_carnival_on_the_partner_dashboard(
    live_server, page, screenshot, carnival, mou, sarolangun, member_of
):
    record(carnival, ("A-001", 50_000), ("A-002", 100_000), ("A-004", 35_000))
    officer = member_of(sarolangun, Role.OFFICER)
    log_in(page, live_server, screenshot, officer.username)
    page.click("nav.main-nav >> text=Dasbor mitra")
    expect(page.locator("h1")).to_have_text("Kabupaten Sarolangun dan Kabupaten Jember")

    def figure(label: str):
        # Columns: the figure, Sarolangun (the reader's region), Jember (the partner).
        return page.locator(f".comparison-table tbody tr:has(td:first-child:text-is('{label}')) td")

    expect(figure("Omzet UMKM di iven daerah").nth(2)).to_have_text("Rp185.000")
    expect(figure("UMKM daerah mitra yang berjualan di iven daerah").nth(2)).to_have_text("1")
    expect(figure("UMKM dalam register").nth(2)).to_have_text("3")
    screenshot(page, "e2e-41-partner-dashboard")

    # Figures only: Jember's enterprises stay closed to the partner.
    enterprise = Enterprise.objects.with_scopes_disabled().get(name="Suwar-Suwir Bu Tutik")
    response = page.goto(f"{live_server.url}/register/{enterprise.pk}/")
    assert response.status in (403, 404)


def test_admin_downloads_the_month_event_report(live_server, page, screenshot, jember, carnival, admin):
    record(carnival, ("A-001", 50_000), ("A-002", 100_000), ("A-004", 35_000))
    log_in(page, live_server, screenshot, admin.username)
    page.click("nav.main-nav a[href='/reports/']")
    page.select_option("select[name=kind]", "events")
    page.fill("input[name=period]", today_in(jember).strftime("%Y-%m"))
    page.check("input[name=format][value=xlsx]")
    screenshot(page, "e2e-51-report-form")
    with page.expect_download() as download:
        page.click("button[name=action][value=download]")
    assert download.value.suggested_filename.endswith(".xlsx")

    with open(download.value.path(), "rb") as file:
        workbook = openpyxl.load_workbook(io.BytesIO(file.read()), read_only=True)
    rows = [row for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
    carnival_rows = [row for row in rows if row and row[0] == "Jember Fashion Carnaval"]
    assert carnival_rows, "the event is not in the report"
    assert 185_000 in carnival_rows[0]
