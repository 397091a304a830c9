"""The reports page, the download list, the letterhead and the monthly e-mails pages."""

from django.core.files.uploadedfile import SimpleUploadedFile

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.registry.selectors import register_aggregates
from sahabat.reports import services
from sahabat.reports.models import Letterhead, ReportFile, Schedule
from tests.reports.conftest import AUGUST_2023, png_bytes, total_row, workbook_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_reports_page_offers_report_month_and_format(officer_client):
    page = officer_client.get("/reports/").content.decode()
    assert 'name="kind"' in page and 'name="period"' in page and 'name="format"' in page
    assert "Unduh sekarang" in page


def test_downloading_now_sends_the_workbook_with_the_selectors_totals(officer_client, jember, register):
    response = officer_client.post(
        "/reports/", {"kind": "umkm", "period": "2023-08", "format": "xlsx", "action": "download"}
    )
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="laporan-umkm-35.09-2023-08.xlsx"'
    total = total_row(workbook_of(response.content), "UMKM menurut kecamatan")[1]
    assert total == register_aggregates(actor=Actor.system(), region=jember).total


def test_a_month_written_wrongly_is_refused_in_indonesian(officer_client):
    response = officer_client.post(
        "/reports/", {"kind": "umkm", "period": "Agustus", "format": "xlsx", "action": "download"}
    )
    assert "Tulis bulan sebagai tahun-bulan, misalnya 2023-08." in response.content.decode()


def test_making_in_the_background_lists_the_file_with_a_download_link(
    officer_client, jember, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            "/reports/", {"kind": "umkm", "period": "2023-08", "format": "xlsx", "action": "background"}
        )
    report_file = ReportFile.unscoped.get()
    page = officer_client.get(response["Location"]).content.decode()
    assert f'href="/reports/files/{report_file.pk}/"' in page


def test_a_listed_file_downloads_under_its_generated_name(
    officer_client, jember, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(
            "/reports/", {"kind": "umkm", "period": "2023-08", "format": "xlsx", "action": "background"}
        )
    response = officer_client.get(f"/reports/files/{ReportFile.unscoped.get().pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="laporan-umkm-35.09-2023-08.xlsx"'


def test_another_regions_report_file_is_not_found(
    client, sarolangun, member_of, jember, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report_file = services.report_file_request(
            actor=Actor.system(), region=jember, kind="umkm", period=AUGUST_2023, format="xlsx"
        )
    client.force_login(member_of(sarolangun, Role.REGION_ADMIN))
    assert client.get(f"/reports/files/{report_file.pk}/").status_code == 404


def test_the_list_shows_only_the_active_regions_files(
    officer_client, sarolangun, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        other = services.report_file_request(
            actor=Actor.system(), region=sarolangun, kind="umkm", period=AUGUST_2023, format="xlsx"
        )
    assert f"/reports/files/{other.pk}/" not in officer_client.get("/reports/").content.decode()


def test_uploading_a_logo_on_the_letterhead_page_keeps_it(officer_client, jember):
    officer_client.post(
        "/reports/letterhead/",
        {
            "office": "Dinas Koperasi dan Usaha Mikro",
            "address": "",
            "logo": SimpleUploadedFile("logo.png", png_bytes()),
        },
    )
    assert Letterhead.unscoped.get(region=jember).logo.name.endswith(".png")


def test_a_logo_that_is_not_an_image_is_refused_beside_the_field(officer_client, jember):
    response = officer_client.post(
        "/reports/letterhead/",
        {"office": "", "address": "", "logo": SimpleUploadedFile("logo.png", b"%PDF-1.4")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]
    assert not Letterhead.unscoped.filter(region=jember).exists()


def test_a_viewer_may_not_open_the_letterhead_page(client, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    assert client.get("/reports/letterhead/").status_code == 403


def test_adding_a_monthly_e_mail_on_the_page_stores_it(officer_client, jember):
    officer_client.post(
        "/reports/schedules/", {"kind": "umkm", "format": "pdf", "recipients": "bupati@example.id"}
    )
    assert Schedule.unscoped.get(region=jember).recipient_list == ["bupati@example.id"]


def test_the_schedules_page_links_each_e_mail_to_its_edit_page(officer_client, jember):
    schedule = services.schedule_create(
        actor=Actor.system(), region=jember, kind="umkm", format="pdf", recipients="a@example.id"
    )
    page = officer_client.get("/reports/schedules/").content.decode()
    assert f'href="/reports/schedules/{schedule.pk}/"' in page and "Dikirim setiap bulan" in page


def test_pausing_a_monthly_e_mail_on_its_page_keeps_it_listed_as_paused(officer_client, jember):
    schedule = services.schedule_create(
        actor=Actor.system(), region=jember, kind="umkm", format="pdf", recipients="a@example.id"
    )
    response = officer_client.post(
        f"/reports/schedules/{schedule.pk}/", {"format": "pdf", "recipients": "sekda@example.id"}, follow=True
    )
    schedule.refresh_from_db()
    assert (schedule.is_active, schedule.recipient_list) == (False, ["sekda@example.id"])
    assert "Dijeda" in response.content.decode()


def test_a_taken_format_is_refused_beside_the_field_in_indonesian(officer_client, jember):
    services.schedule_create(
        actor=Actor.system(), region=jember, kind="umkm", format="xlsx", recipients="b@x.id"
    )
    schedule = services.schedule_create(
        actor=Actor.system(), region=jember, kind="umkm", format="pdf", recipients="a@example.id"
    )
    response = officer_client.post(
        f"/reports/schedules/{schedule.pk}/",
        {"format": "xlsx", "recipients": "a@example.id", "is_active": "on"},
    )
    assert response.context["form"].errors["format"] == [
        "Laporan ini sudah dikirim setiap bulan dalam format ini; "
        "ubah e-mail tersebut untuk mengganti penerimanya."
    ]


def test_a_viewer_may_not_open_a_monthly_e_mails_edit_page(client, jember, member_of):
    schedule = services.schedule_create(
        actor=Actor.system(), region=jember, kind="umkm", format="pdf", recipients="a@example.id"
    )
    client.force_login(member_of(jember, Role.VIEWER))
    assert client.get(f"/reports/schedules/{schedule.pk}/").status_code == 403


def test_while_a_report_is_being_made_the_list_asks_again(officer_client, jember):
    services.report_file_request(
        actor=Actor.system(), region=jember, kind="umkm", period=AUGUST_2023, format="xlsx"
    )  # made after the commit, which never comes inside the test: it stays pending
    assert 'hx-trigger="every 2s"' in officer_client.get("/reports/").content.decode()


def test_a_list_of_ready_reports_stops_asking(officer_client, jember, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_file_request(
            actor=Actor.system(), region=jember, kind="umkm", period=AUGUST_2023, format="xlsx"
        )
    assert "hx-trigger" not in officer_client.get("/reports/").content.decode()


def test_htmx_asking_again_gets_only_the_list(officer_client, jember):
    services.report_file_request(
        actor=Actor.system(), region=jember, kind="umkm", period=AUGUST_2023, format="xlsx"
    )
    page = officer_client.get("/reports/", headers={"HX-Request": "true"}).content.decode()
    assert page.startswith('<div id="report-files-list"') and 'name="action"' not in page
