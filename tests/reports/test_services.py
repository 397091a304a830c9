"""Letterhead, background report files and the monthly e-mails."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import Membership
from sahabat.core.errors import DomainError
from sahabat.registry.selectors import register_aggregates
from sahabat.reports import services
from sahabat.reports.content import Period
from sahabat.reports.models import Letterhead, ReportFile, Schedule
from tests.reports.conftest import AUGUST_2023, png_bytes, total_row, workbook_of


def test_a_logo_that_is_not_an_image_is_refused_whatever_its_name(officer, jember):
    with pytest.raises(DomainError) as refused:
        services.letterhead_update(
            actor=officer,
            region=jember,
            office="",
            address="",
            logo=SimpleUploadedFile("logo.png", b"<svg/>"),
        )
    assert refused.value.errors[0].code == "logo.wrong_type"


def test_a_refused_logo_leaves_the_letterhead_as_it_was(officer, jember):
    services.letterhead_update(actor=officer, region=jember, office="Dinas Koperasi", address="")
    with pytest.raises(DomainError):
        services.letterhead_update(
            actor=officer,
            region=jember,
            office="Lain",
            address="",
            logo=SimpleUploadedFile("a.png", b"GIF89a"),
        )
    assert Letterhead.unscoped.get(region=jember).office == "Dinas Koperasi"


def test_a_logo_is_stored_under_a_generated_name_with_its_real_suffix(officer, jember):
    letterhead = services.letterhead_update(
        actor=officer,
        region=jember,
        office="",
        address="",
        logo=SimpleUploadedFile("../../evil.html", png_bytes()),
    )
    assert letterhead.logo.name.startswith("reports/logos/") and letterhead.logo.name.endswith(".png")
    assert "evil" not in letterhead.logo.name


def test_a_viewer_may_not_change_the_letterhead(jember, member_of):
    from sahabat.accounts.permissions import Role

    viewer = Actor.for_user(member_of(jember, Role.VIEWER))
    with pytest.raises(DomainError) as refused:
        services.letterhead_update(actor=viewer, region=jember, office="x", address="")
    assert refused.value.errors[0].code == "auth.forbidden"


def test_a_month_that_has_not_started_is_refused(officer, jember):
    with pytest.raises(DomainError) as refused:
        services.report_make(
            actor=officer, region=jember, kind="umkm", period=Period.parse("2999-01"), format="xlsx"
        )
    assert refused.value.errors[0].field == "period"


def test_a_report_requested_in_the_background_becomes_a_ready_file_with_the_same_totals(
    officer, jember, register, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report_file = services.report_file_request(
            actor=officer, region=jember, kind="umkm", period=AUGUST_2023, format="xlsx"
        )
    report_file.refresh_from_db()
    assert report_file.status == ReportFile.Status.READY
    workbook = workbook_of(report_file.file.read())
    assert (
        total_row(workbook, "UMKM menurut kecamatan")[1]
        == register_aggregates(actor=officer, region=jember).total
    )


def test_a_report_file_gets_a_generated_storage_name_and_a_readable_download_name(
    officer, jember, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report_file = services.report_file_request(
            actor=officer, region=jember, kind="umkm", period=AUGUST_2023, format="xlsx"
        )
    report_file.refresh_from_db()
    assert report_file.file.name.startswith("reports/files/") and report_file.file.name.endswith(".xlsx")
    assert report_file.download_name == "laporan-umkm-35.09-2023-08.xlsx"


def test_a_report_whose_requester_lost_access_fails_with_the_reason(
    jember, member_of, django_capture_on_commit_callbacks
):
    from sahabat.accounts.permissions import Role

    user = member_of(jember, Role.OFFICER)
    with django_capture_on_commit_callbacks() as callbacks:
        report_file = services.report_file_request(
            actor=Actor.for_user(user), region=jember, kind="umkm", period=AUGUST_2023, format="xlsx"
        )
    Membership.objects.with_scopes_disabled().filter(user=user).update(is_active=False)
    for callback in callbacks:
        callback()
    report_file.refresh_from_db()
    assert report_file.status == ReportFile.Status.FAILED and report_file.error


def test_a_schedule_refuses_an_address_that_is_not_an_e_mail(officer, jember):
    with pytest.raises(DomainError) as refused:
        services.schedule_create(
            actor=officer,
            region=jember,
            kind="umkm",
            format="xlsx",
            recipients="bupati@jemberkab.go.id\nbukan-email",
        )
    assert refused.value.errors[0].code == "schedule.recipient_invalid"


def test_the_same_report_and_format_cannot_be_scheduled_twice(officer, jember):
    services.schedule_create(
        actor=officer, region=jember, kind="umkm", format="xlsx", recipients="a@example.id"
    )
    with pytest.raises(DomainError) as refused:
        services.schedule_create(
            actor=officer, region=jember, kind="umkm", format="xlsx", recipients="b@example.id"
        )
    assert refused.value.status == 409


def test_the_monthly_run_mails_last_months_report_to_every_recipient(officer, jember, register):
    services.schedule_create(
        actor=officer,
        region=jember,
        kind="umkm",
        format="xlsx",
        recipients="bupati@example.id\nsekda@example.id",
    )
    assert services.schedules_send_due(today=date(2023, 9, 1)) == 1
    message = mail.outbox[0]
    assert message.to == ["bupati@example.id", "sekda@example.id"]
    assert message.attachments[0][0] == "laporan-umkm-35.09-2023-08.xlsx"
    assert "Agustus 2023" in message.subject


def test_the_mailed_workbook_holds_the_selectors_totals(officer, jember, register):
    services.schedule_create(
        actor=officer, region=jember, kind="umkm", format="xlsx", recipients="a@example.id"
    )
    services.schedules_send_due(today=date(2023, 9, 1))
    workbook = workbook_of(mail.outbox[0].attachments[0][1])
    assert (
        total_row(workbook, "UMKM menurut kecamatan")[1]
        == register_aggregates(actor=officer, region=jember).total
    )


def test_the_monthly_run_never_sends_a_month_twice(officer, jember):
    services.schedule_create(
        actor=officer, region=jember, kind="umkm", format="xlsx", recipients="a@example.id"
    )
    services.schedules_send_due(today=date(2023, 9, 1))
    services.schedules_send_due(today=date(2023, 9, 2))
    assert len(mail.outbox) == 1
    assert Schedule.unscoped.get().last_period == date(2023, 8, 1)


def test_a_stopped_schedule_sends_nothing(officer, jember):
    schedule = services.schedule_create(
        actor=officer, region=jember, kind="umkm", format="xlsx", recipients="a@example.id"
    )
    services.schedule_delete(actor=officer, schedule_id=schedule.pk)
    assert services.schedules_send_due(today=date(2023, 9, 1)) == 0


def umkm_schedule(officer, jember):
    return services.schedule_create(
        actor=officer, region=jember, kind="umkm", format="xlsx", recipients="a@example.id"
    )


def test_changing_a_schedules_recipients_sends_the_next_month_to_the_new_ones(officer, jember):
    schedule = umkm_schedule(officer, jember)
    services.schedule_update(
        actor=officer, schedule_id=schedule.pk, format="xlsx", recipients="sekda@example.id", is_active=True
    )
    services.schedules_send_due(today=date(2023, 9, 1))
    assert mail.outbox[0].to == ["sekda@example.id"]


def test_a_paused_schedule_sends_nothing_and_keeps_its_recipients(officer, jember):
    schedule = umkm_schedule(officer, jember)
    services.schedule_update(
        actor=officer, schedule_id=schedule.pk, format="xlsx", recipients="a@example.id", is_active=False
    )
    assert services.schedules_send_due(today=date(2023, 9, 1)) == 0
    assert Schedule.unscoped.get(pk=schedule.pk).recipient_list == ["a@example.id"]


def test_a_schedule_cannot_change_to_a_format_already_scheduled(officer, jember):
    schedule = umkm_schedule(officer, jember)
    services.schedule_create(
        actor=officer, region=jember, kind="umkm", format="pdf", recipients="b@example.id"
    )
    with pytest.raises(DomainError) as refused:
        services.schedule_update(
            actor=officer, schedule_id=schedule.pk, format="pdf", recipients="a@example.id", is_active=True
        )
    assert (refused.value.errors[0].code, refused.value.errors[0].field) == ("schedule.exists", "format")


def test_a_schedule_change_refuses_an_address_that_is_not_an_e_mail(officer, jember):
    schedule = umkm_schedule(officer, jember)
    with pytest.raises(DomainError) as refused:
        services.schedule_update(
            actor=officer, schedule_id=schedule.pk, format="xlsx", recipients="bukan-email", is_active=True
        )
    assert refused.value.errors[0].code == "schedule.recipient_invalid"
    assert Schedule.unscoped.get(pk=schedule.pk).recipients == "a@example.id"


def test_a_schedule_change_is_kept_in_the_audit_trail(officer, jember):
    from auditlog.models import LogEntry

    schedule = umkm_schedule(officer, jember)
    services.schedule_update(
        actor=officer, schedule_id=schedule.pk, format="xlsx", recipients="sekda@example.id", is_active=True
    )
    entry = LogEntry.objects.get_for_object(schedule).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["recipients"] == ["a@example.id", "sekda@example.id"]


def test_another_regions_schedule_cannot_be_changed(officer, jember, sarolangun):
    from sahabat.core.errors import NotFound

    other = services.schedule_create(
        actor=Actor.system(), region=sarolangun, kind="umkm", format="xlsx", recipients="a@example.id"
    )
    with pytest.raises(NotFound):
        services.schedule_update(
            actor=officer, schedule_id=other.pk, format="xlsx", recipients="b@example.id", is_active=True
        )


def test_the_monthly_run_is_registered_with_huey_for_01_00_utc_every_day():
    from datetime import datetime

    from huey.contrib.djhuey import HUEY

    # The consumer imports every app's tasks module at start; a test process only when something uses it.
    import sahabat.reports.tasks  # noqa: F401

    def due_at(hour: int, day: int = 1) -> list[str]:
        return [task.name for task in HUEY.read_periodic(datetime(2023, 9, day, hour, 0))]

    assert "schedules_monthly_task" in due_at(1) and "schedules_monthly_task" in due_at(1, day=17)
    assert "schedules_monthly_task" not in due_at(2)
