"""Writes of the reports app: the letterhead, report files made in the background, monthly e-mails."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.uploads import JPEG, MEGABYTE, PNG, check_upload
from sahabat.regions.models import Region
from sahabat.reports.content import Period
from sahabat.reports.files import CONTENT_TYPES, LANGUAGE, report_bytes, weasyprint_missing
from sahabat.reports.models import Format, Kind, Letterhead, ReportFile, Schedule, report_file_name

logger = logging.getLogger(__name__)

LOGO_MAX_BYTES = 2 * MEGABYTE
# WeasyPrint draws both; a logo is what its first bytes say, whatever its name.
LOGO_KINDS = (PNG, JPEG)
MAX_RECIPIENTS = 20
# The earliest month a report may be asked for; older months hold nothing on the platform.
FIRST_YEAR = 2000


def period_check(period: Period, *, region: Region) -> None:
    """A month that has started (in the region's zone) and is not absurdly old."""
    today = timezone.localdate(timezone=region.tzinfo)
    if period.start > today:
        raise DomainError(
            "report.period_future", _("Choose a month that has already started."), field="period"
        )
    if period.start.year < FIRST_YEAR:
        raise DomainError("report.period_old", _("Choose a month from 2000 onwards."), field="period")


def _check_kind_and_format(kind: str, format: str) -> None:
    if kind not in Kind.values:
        raise DomainError("report.kind", _("Choose one of the reports."), field="kind")
    if format not in Format.values:
        raise DomainError("report.format", _("Choose PDF or Excel."), field="format")
    if format == Format.PDF and weasyprint_missing():
        raise DomainError(
            "report.pdf_unavailable",
            _("PDF export is not available on this server: %(reason)s") % {"reason": weasyprint_missing()},
            field="format",
        )


def report_make(*, actor: Actor, region: Region, kind: str, period: Period, format: str) -> bytes:
    """A report's file content at once (for the page, the command line and the e-mails)."""
    actor.require(Perm.REPORTS_VIEW, region.pk)
    _check_kind_and_format(kind, format)
    period_check(period, region=region)
    return report_bytes(actor=actor, region=region, kind=kind, period=period, format=format)


# Files made in the background ------------------------------------------------------------------


@transaction.atomic
def report_file_request(
    *, actor: Actor, region: Region, kind: str, period: Period, format: str
) -> ReportFile:
    """Queue a report; it appears in the region's download list, ready once the worker has made it."""
    actor.require(Perm.REPORTS_VIEW, region.pk)
    _check_kind_and_format(kind, format)
    period_check(period, region=region)
    report_file = ReportFile.unscoped.create(
        region=region, kind=kind, period=period.start, format=format, requested_by_id=actor.user_id
    )
    from sahabat.reports.tasks import report_file_build_task

    transaction.on_commit(lambda: report_file_build_task(report_file.pk))
    return report_file


def report_file_build(*, report_file_id: int) -> ReportFile:
    """Make a queued report with the requester's own access; a failure is kept with its reason."""
    report_file = ReportFile.unscoped.select_related("region", "requested_by").get(pk=report_file_id)
    if report_file.status != ReportFile.Status.PENDING:
        return report_file
    actor = Actor.for_user(report_file.requested_by) if report_file.requested_by else Actor.system()
    try:
        content = report_bytes(
            actor=actor,
            region=report_file.region,
            kind=report_file.kind,
            period=Period(report_file.period),
            format=report_file.format,
        )
    except Exception as error:  # the worker must record any failure, not lose the request
        logger.exception("report %s failed", report_file.pk)
        with translation.override(LANGUAGE):
            reason = (
                error.errors[0].message
                if isinstance(error, DomainError)
                else _("The report could not be made.")
            )
        ReportFile.unscoped.filter(pk=report_file.pk).update(
            status=ReportFile.Status.FAILED, error=str(reason)[:500], finished_at=timezone.now()
        )
    else:
        report_file.file.save(f"report.{report_file.format}", ContentFile(content), save=False)
        report_file.size = len(content)
        report_file.status = ReportFile.Status.READY
        report_file.finished_at = timezone.now()
        report_file.save(update_fields=["file", "size", "status", "finished_at"])
    report_file.refresh_from_db()
    return report_file


def _report_file_for(actor: Actor, report_file_id: int, permission: str) -> ReportFile:
    from sahabat.reports.selectors import report_file_get

    try:
        return report_file_get(actor=actor, report_file_id=report_file_id, permission=permission)
    except ReportFile.DoesNotExist:
        raise NotFound("report_file.unknown", _("This report does not exist in your region.")) from None


@transaction.atomic
def report_file_delete(*, actor: Actor, report_file_id: int) -> None:
    report_file = _report_file_for(actor, report_file_id, Perm.REPORTS_MANAGE)
    stored = report_file.file
    report_file.delete()
    if stored:
        transaction.on_commit(lambda: stored.delete(save=False))


# Letterhead -----------------------------------------------------------------------------------


@transaction.atomic
def letterhead_update(
    *,
    actor: Actor,
    region: Region,
    office: str,
    address: str,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> Letterhead:
    """Set the office, address and logo printed on top of the region's PDF reports."""
    actor.require(Perm.REPORTS_MANAGE, region.pk)
    if logo is not None:
        # PNG or JPEG by its first bytes (and readable by Pillow), stored as upload.png / upload.jpg.
        check_upload(logo, kinds=LOGO_KINDS, max_bytes=LOGO_MAX_BYTES, field="logo", code="logo")
    letterhead, _created = Letterhead.unscoped.get_or_create(region=region)
    letterhead.office = office.strip()
    letterhead.address = address.strip()
    old_logo = letterhead.logo if (logo is not None or remove_logo) and letterhead.logo else None
    if logo is not None:
        letterhead.logo = logo
    elif remove_logo:
        letterhead.logo = ""
    letterhead.save()
    if old_logo:
        name, storage = old_logo.name, old_logo.storage
        transaction.on_commit(lambda: storage.delete(name))
    return letterhead


# Monthly e-mails -------------------------------------------------------------------------------


def _clean_recipients(recipients: str) -> str:
    addresses = [line.strip() for line in recipients.replace(",", "\n").splitlines() if line.strip()]
    if not addresses:
        raise DomainError(
            "schedule.recipients_required", _("Give at least one e-mail address."), field="recipients"
        )
    if len(addresses) > MAX_RECIPIENTS:
        raise DomainError(
            "schedule.too_many_recipients",
            _("At most %(count)s addresses.") % {"count": MAX_RECIPIENTS},
            field="recipients",
        )
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            raise DomainError(
                "schedule.recipient_invalid",
                _("“%(address)s” is not an e-mail address.") % {"address": address},
                field="recipients",
            ) from None
    return "\n".join(dict.fromkeys(addresses))


@transaction.atomic
def schedule_create(*, actor: Actor, region: Region, kind: str, format: str, recipients: str) -> Schedule:
    """E-mail a report to the recipients every month, for the month that has just ended."""
    actor.require(Perm.REPORTS_MANAGE, region.pk)
    _check_kind_and_format(kind, format)
    _check_not_scheduled(region, kind, format, field="kind")
    return Schedule.unscoped.create(
        region=region,
        kind=kind,
        format=format,
        recipients=_clean_recipients(recipients),
        created_by_id=actor.user_id,
    )


def _check_not_scheduled(
    region: Region, kind: str, format: str, *, field: str, other_than: int | None = None
) -> None:
    schedules = Schedule.objects.with_scope(region=region.pk).filter(region=region, kind=kind, format=format)
    if other_than is not None:
        schedules = schedules.exclude(pk=other_than)
    if schedules.exists():
        raise DomainError(
            "schedule.exists",
            _(
                "This report is already sent every month in this format; "
                "edit that e-mail to change its recipients."
            ),
            field=field,
            status=409,
        )


def _schedule_for(actor: Actor, schedule_id: int) -> Schedule:
    from sahabat.reports.selectors import schedule_get

    try:
        return schedule_get(actor=actor, schedule_id=schedule_id)
    except Schedule.DoesNotExist:
        raise NotFound("schedule.unknown", _("This schedule does not exist in your region.")) from None


@transaction.atomic
def schedule_update(
    *, actor: Actor, schedule_id: int, format: str, recipients: str, is_active: bool
) -> Schedule:
    """Change a monthly e-mail's recipients and format, or pause and resume it; auditlog keeps the change."""
    schedule = _schedule_for(actor, schedule_id)
    _check_kind_and_format(schedule.kind, format)
    if format != schedule.format:
        _check_not_scheduled(schedule.region, schedule.kind, format, field="format", other_than=schedule.pk)
    schedule.format = format
    schedule.recipients = _clean_recipients(recipients)
    schedule.is_active = is_active
    # A model save, not a queryset update: auditlog records the change with its author.
    schedule.save(update_fields=["format", "recipients", "is_active"])
    return schedule


@transaction.atomic
def schedule_delete(*, actor: Actor, schedule_id: int) -> None:
    _schedule_for(actor, schedule_id).delete()


def schedule_send(*, schedule: Schedule, period: Period) -> None:
    """Make the schedule's report of `period` with the platform's access and e-mail it to every recipient."""
    region = schedule.region
    content = report_bytes(
        actor=Actor.system(), region=region, kind=schedule.kind, period=period, format=schedule.format
    )
    with translation.override(LANGUAGE):
        title = str(Kind(schedule.kind).label)
        subject = _("%(report)s — %(region)s — %(month)s") % {
            "report": title,
            "region": region.name,
            "month": period.label,
        }
        body = _(
            "Attached is the %(report)s of %(region)s for %(month)s, made by Sahabat UMKM.\n\n"
            "You receive it because your address is on the region's monthly report list."
        ) % {"report": title, "region": region.name, "month": period.label}
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=schedule.recipient_list
    )
    message.attach(
        report_file_name(
            kind=schedule.kind, region_code=region.code, month=period.start, format=schedule.format
        ),
        content,
        CONTENT_TYPES[schedule.format],
    )
    message.send()
    Schedule.unscoped.filter(pk=schedule.pk).update(last_period=period.start, last_sent_at=timezone.now())


def schedules_send_due(*, today: date | None = None) -> int:
    """Send every active schedule the month before today that it has not been sent yet; returns how many went.

    Run daily: a day the mail server was down is caught up the next day, and a month is never sent twice.
    """
    sent = 0
    schedules = Schedule.unscoped.filter(is_active=True).select_related("region").order_by("pk")
    for schedule in schedules:
        day = today or timezone.localdate(timezone=schedule.region.tzinfo)
        period = Period(day.replace(day=1)).previous()
        if schedule.last_period is not None and schedule.last_period >= period.start:
            continue
        try:
            schedule_send(schedule=schedule, period=period)
        except Exception:  # one region's failure must not stop the others' reports
            logger.exception("monthly report schedule %s failed", schedule.pk)
            continue
        sent += 1
    return sent
