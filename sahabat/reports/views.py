"""Reports pages: choose a report, a month and a format; the region's downloads; letterhead; e-mails."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.core.forms import apply_domain_error
from sahabat.core.pagination import paginate
from sahabat.reports import selectors, services
from sahabat.reports.content import Period
from sahabat.reports.files import CONTENT_TYPES, logo_data_uri, weasyprint_missing
from sahabat.reports.forms import LetterheadForm, ReportForm, ScheduleEditForm, ScheduleForm
from sahabat.reports.models import ReportFile, Schedule, report_file_name

FILES_PER_PAGE = 20


def _refuse(error: DomainError) -> None:
    if isinstance(error, NotFound):
        raise Http404(error.errors[0].message) from error
    if isinstance(error, DomainPermissionDenied):
        raise PermissionDenied(error.errors[0].message) from error


def _root_crumb() -> dict:
    return {"label": gettext_lazy("Reports"), "url": reverse("reports:index")}


def _download(content: bytes, *, name: str, format: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@region_permission_required(Perm.REPORTS_VIEW)
def index(request):
    """Choose a report, a month and a format: download it now, or have it made in the background."""
    region, actor = request.region, request.actor
    last_month = Period(timezone.localdate(timezone=region.tzinfo).replace(day=1)).previous()
    form = ReportForm(request.POST or None, initial={"period": last_month.code})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = data["period"]
        try:
            if request.POST.get("action") == "background":
                services.report_file_request(
                    actor=actor, region=region, kind=data["kind"], period=period, format=data["format"]
                )
            else:
                content = services.report_make(
                    actor=actor, region=region, kind=data["kind"], period=period, format=data["format"]
                )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            if request.POST.get("action") == "background":
                messages.success(
                    request, _("The report is being made; it appears in the list below when it is ready.")
                )
                return redirect("reports:index")
            name = report_file_name(
                kind=data["kind"], region_code=region.code, month=period.start, format=data["format"]
            )
            return _download(content, name=name, format=data["format"])
    files = paginate(request, selectors.report_file_list(actor=actor, region=region), per_page=FILES_PER_PAGE)
    context = {
        "form": form,
        "pdf_unavailable": weasyprint_missing(),
        "can_manage": actor.has_perm(Perm.REPORTS_MANAGE, region.pk),
        "breadcrumbs": [_root_crumb()],
        # While a listed report is being made, the list asks again every few seconds until it is ready.
        "making": any(item.status == ReportFile.Status.PENDING for item in files["page_obj"].object_list),
        **files,
    }
    if request.htmx and request.method == "GET":
        return render(request, "reports/_files.html", context)
    return render(request, "reports/index.html", context)


@region_permission_required(Perm.REPORTS_VIEW)
def file_download(request, report_file_id: int):
    try:
        report_file = selectors.report_file_get(actor=request.actor, report_file_id=report_file_id)
    except ReportFile.DoesNotExist:
        raise Http404(_("This report does not exist in your region.")) from None
    if report_file.status != ReportFile.Status.READY:
        raise Http404(_("This report is not ready."))
    return FileResponse(
        report_file.file.open("rb"),
        as_attachment=True,
        filename=report_file.download_name,
        content_type=CONTENT_TYPES[report_file.format],
    )


@require_POST
@region_permission_required(Perm.REPORTS_MANAGE)
def file_delete(request, report_file_id: int):
    try:
        services.report_file_delete(actor=request.actor, report_file_id=report_file_id)
    except DomainError as error:
        _refuse(error)
        raise
    messages.success(request, _("The report file has been deleted."))
    return redirect("reports:index")


@region_permission_required(Perm.REPORTS_MANAGE)
def letterhead(request):
    region, actor = request.region, request.actor
    current = selectors.letterhead_of(actor=actor, region=region)
    initial = {"office": current.office, "address": current.address} if current else {}
    form = LetterheadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.letterhead_update(actor=actor, region=region, **form.cleaned_data)
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The letterhead has been saved."))
            return redirect("reports:letterhead")
    context = {
        "form": form,
        "letterhead": current,
        "logo": logo_data_uri(current),
        "breadcrumbs": [_root_crumb(), {"label": gettext_lazy("Letterhead")}],
    }
    return render(request, "reports/letterhead.html", context)


@region_permission_required(Perm.REPORTS_MANAGE)
def schedules(request):
    region, actor = request.region, request.actor
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_create(actor=actor, region=region, **form.cleaned_data)
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The report will be e-mailed on the first day of every month."))
            return redirect("reports:schedules")
    context = {
        "form": form,
        "schedules": selectors.schedule_list(actor=actor, region=region),
        "breadcrumbs": [_root_crumb(), {"label": gettext_lazy("Monthly e-mails")}],
    }
    return render(request, "reports/schedules.html", context)


@region_permission_required(Perm.REPORTS_MANAGE)
def schedule_edit(request, schedule_id: int):
    """Change a monthly e-mail's recipients or format, or pause it."""
    actor = request.actor
    try:
        schedule = selectors.schedule_get(actor=actor, schedule_id=schedule_id)
    except Schedule.DoesNotExist:
        raise Http404(_("This schedule does not exist in your region.")) from None
    initial = {"format": schedule.format, "recipients": schedule.recipients, "is_active": schedule.is_active}
    form = ScheduleEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_update(actor=actor, schedule_id=schedule.pk, **form.cleaned_data)
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The monthly e-mail has been saved."))
            return redirect("reports:schedules")
    context = {
        "form": form,
        "schedule": schedule,
        "breadcrumbs": [
            _root_crumb(),
            {"label": gettext_lazy("Monthly e-mails"), "url": reverse("reports:schedules")},
            {"label": schedule.get_kind_display()},
        ],
    }
    return render(request, "reports/schedule_edit.html", context)


@require_POST
@region_permission_required(Perm.REPORTS_MANAGE)
def schedule_delete(request, schedule_id: int):
    try:
        services.schedule_delete(actor=request.actor, schedule_id=schedule_id)
    except DomainError as error:
        _refuse(error)
        raise
    messages.success(request, _("The monthly e-mail has been stopped."))
    return redirect("reports:schedules")
