"""Cooperation pages: agreements and their action plans, monitoring reports (with the PDF), good
practices and adoptions side by side, the partner dashboard, and the person's notifications.

Pages that name a record answer 404 when the reader's regions are not party to it, and 403 when
they may read but not change it; the services decide both.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.cooperation import reporting, selectors, services
from sahabat.cooperation.forms import (
    ActionItemForm,
    AdoptionForm,
    AgreementFilterForm,
    AgreementForm,
    CommentForm,
    DocumentForm,
    EvidenceForm,
    MilestoneDoneForm,
    MilestoneForm,
    PracticeForm,
    ReportForm,
    SignForm,
    TerminateForm,
)
from sahabat.cooperation.indicators import partner_dashboard as dashboard_figures
from sahabat.cooperation.indicators import report_indicators
from sahabat.cooperation.models import (
    ActionEvidence,
    ActionItem,
    Adoption,
    Agreement,
    AgreementDocument,
    MonitoringReport,
    Practice,
    PracticeDocument,
)
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.core.forms import apply_domain_error
from sahabat.core.pagination import paginate
from sahabat.purchasing.models import Agency
from sahabat.regions.models import Region


def _refuse(error: DomainError) -> None:
    """A service's refusal that is the page's answer: 404 for an unknown record, 403 for a missing right."""
    if isinstance(error, NotFound):
        raise Http404(error.errors[0].message) from error
    if isinstance(error, DomainPermissionDenied):
        raise PermissionDenied(error.errors[0].message) from error


def _refuse_or_message(request, error: DomainError) -> None:
    _refuse(error)
    for detail in error.errors:
        messages.error(request, detail.message)


def _agreement_or_404(request, agreement_id: int) -> Agreement:
    try:
        return selectors.agreement_get(actor=request.actor, agreement_id=agreement_id)
    except Agreement.DoesNotExist:
        raise Http404(_("This agreement does not exist for your region.")) from None


def _can_manage(request, agreement: Agreement) -> bool:
    return any(
        request.actor.has_perm(Perm.COOPERATION_MANAGE, region) for region in agreement.party_region_ids
    )


def _require_manage(request, agreement: Agreement) -> None:
    if not _can_manage(request, agreement):
        raise PermissionDenied


def _zone(request) -> str:
    """The time zone to show times in: the active region's, or WIB."""
    return request.region.timezone if request.region is not None else selectors.AGREEMENT_ZONE.key


def _agreements_crumb() -> dict:
    return {"label": gettext_lazy("Cooperation"), "url": reverse("cooperation:agreement_list")}


def _agreement_crumbs(agreement: Agreement, *extra: dict) -> list[dict]:
    return [
        _agreements_crumb(),
        {"label": agreement.title, "url": reverse("cooperation:agreement_detail", args=[agreement.pk])},
        *extra,
    ]


def _file_response(stored, *, download_name: str) -> FileResponse:
    if not stored:
        raise Http404
    return FileResponse(stored.open("rb"), as_attachment=False, filename=download_name)


# Agreements ----------------------------------------------------------------------------------


@region_permission_required(Perm.COOPERATION_VIEW)
def agreement_list(request):
    region, actor = request.region, request.actor
    form = AgreementFilterForm(request.GET)
    agreements = selectors.agreement_list(actor=actor, region=region, filters=form.filters())
    page = paginate(request, agreements)
    context = {
        "form": form,
        "today": selectors.cooperation_today(),
        "missing_reports": selectors.reports_missing(agreements=page["page_obj"].object_list),
        "current_half": selectors.half_of(selectors.cooperation_today()),
        "can_manage": actor.has_perm(Perm.COOPERATION_MANAGE, region.pk),
        "breadcrumbs": [_agreements_crumb()],
        **page,
    }
    return render(request, "cooperation/agreement_list.html", context)


def _agreement_form_page(request, form: AgreementForm, agreement: Agreement | None = None):
    extra = {"label": gettext_lazy("Edit") if agreement else gettext_lazy("New agreement")}
    crumbs = _agreement_crumbs(agreement, extra) if agreement else [_agreements_crumb(), extra]
    return render(
        request,
        "cooperation/agreement_form.html",
        {"form": form, "agreement": agreement, "breadcrumbs": crumbs},
    )


@region_permission_required(Perm.COOPERATION_MANAGE)
def agreement_create(request):
    region, actor = request.region, request.actor
    form = AgreementForm(
        request.POST or None, region=region, mous=selectors.mou_choices(actor=actor, region=region)
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(
                actor=actor, region=region, parties=form.parties(), **form.agreement_values()
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The agreement has been saved as a draft."))
            return redirect("cooperation:agreement_detail", agreement.pk)
    return _agreement_form_page(request, form)


@login_required
def agreement_detail(request, agreement_id: int):
    agreement = _agreement_or_404(request, agreement_id)
    today = selectors.cooperation_today()
    items = list(selectors.action_items_of(agreement=agreement))
    year, half = selectors.half_of(today)
    context = {
        "agreement": agreement,
        "today": today,
        "lifecycle": agreement.lifecycle(today),
        "days_left": agreement.days_left(today),
        "items": items,
        "overdue": {item.pk for item in items if item.is_overdue(today)},
        "documents": selectors.agreement_documents(agreement=agreement),
        "implementations": selectors.agreement_implementations(agreement=agreement),
        "reports": selectors.reports_of(agreement=agreement),
        "report_missing": agreement.pk in selectors.reports_missing(agreements=[agreement], today=today),
        "current_half": (year, half),
        "can_manage": _can_manage(request, agreement),
        "sign_form": SignForm(initial={"signed_on": agreement.signed_on or today}),
        "terminate_form": TerminateForm(initial={"terminated_on": today}),
        "document_form": DocumentForm(),
        "report_form": ReportForm(initial={"year": year, "half": half}),
        "breadcrumbs": _agreement_crumbs(agreement),
    }
    return render(request, "cooperation/agreement_detail.html", context)


@login_required
def agreement_edit(request, agreement_id: int):
    agreement = _agreement_or_404(request, agreement_id)
    _require_manage(request, agreement)
    own = next(
        (
            party.region
            for party in agreement.party_list
            if request.actor.has_perm(Perm.COOPERATION_MANAGE, party.region_id)
        ),
        agreement.party_list[0].region,
    )
    form = AgreementForm(
        request.POST or None,
        region=own,
        mous=selectors.mou_choices(actor=request.actor, region=own).exclude(pk=agreement.pk),
        with_parties=len(agreement.party_list) == 2,
        initial=AgreementForm.initial_for(agreement, own),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(
                actor=request.actor,
                agreement_id=agreement.pk,
                parties=form.parties(),
                **form.agreement_values(),
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The agreement has been saved."))
            return redirect("cooperation:agreement_detail", agreement.pk)
    return _agreement_form_page(request, form, agreement)


@require_POST
@login_required
def agreement_sign(request, agreement_id: int):
    _require_manage(request, _agreement_or_404(request, agreement_id))
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_sign(actor=request.actor, agreement_id=agreement_id, **form.cleaned_data)
        except DomainError as error:
            _refuse_or_message(request, error)
        else:
            messages.success(request, _("The agreement is recorded as signed."))
    else:
        messages.error(request, _("Enter the signing date."))
    return redirect("cooperation:agreement_detail", agreement_id)


@require_POST
@login_required
def agreement_terminate(request, agreement_id: int):
    _require_manage(request, _agreement_or_404(request, agreement_id))
    form = TerminateForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_terminate(actor=request.actor, agreement_id=agreement_id, **form.cleaned_data)
        except DomainError as error:
            _refuse_or_message(request, error)
        else:
            messages.success(request, _("The agreement has been terminated; partner access has ended."))
    else:
        messages.error(request, _("Enter the termination date and the reason."))
    return redirect("cooperation:agreement_detail", agreement_id)


@require_POST
@login_required
def agreement_document_add(request, agreement_id: int):
    _require_manage(request, _agreement_or_404(request, agreement_id))
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.agreement_document_add(
                actor=request.actor, agreement_id=agreement_id, **form.cleaned_data
            )
        except DomainError as error:
            _refuse_or_message(request, error)
        else:
            messages.success(request, _("The document has been added."))
    else:
        messages.error(request, _("Choose a PDF file."))
    return redirect(reverse("cooperation:agreement_detail", args=[agreement_id]) + "#documents")


@login_required
def agreement_document(request, document_id: int):
    try:
        document = selectors.agreement_document_get(actor=request.actor, document_id=document_id)
    except AgreementDocument.DoesNotExist:
        raise Http404(_("This document does not exist for your region.")) from None
    return _file_response(document.file, download_name=f"{document.title[:80]}.pdf")


# Action plan ---------------------------------------------------------------------------------


def _action_form(request, agreement: Agreement, **kwargs) -> ActionItemForm:
    regions = Region.objects.filter(pk__in=agreement.party_region_ids).order_by("name")
    own = [
        region for region in agreement.party_region_ids if request.actor.has_perm(Perm.PURCHASES_VIEW, region)
    ]
    agencies = Agency.objects.with_scope(region=own).filter(is_active=True).select_related("region")
    return ActionItemForm(
        request.POST or None, regions=regions, agencies=agencies.order_by("region__name", "name"), **kwargs
    )


def _action_form_page(request, form, agreement: Agreement, item: ActionItem | None = None):
    extra = {"label": gettext_lazy("Edit action item") if item else gettext_lazy("New action item")}
    context = {
        "form": form,
        "agreement": agreement,
        "item": item,
        "breadcrumbs": _agreement_crumbs(agreement, extra),
    }
    return render(request, "cooperation/action_form.html", context)


@login_required
def action_create(request, agreement_id: int):
    agreement = _agreement_or_404(request, agreement_id)
    _require_manage(request, agreement)
    form = _action_form(request, agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_create(actor=request.actor, agreement_id=agreement.pk, **form.cleaned_data)
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The action item has been added to the plan."))
            return redirect(reverse("cooperation:agreement_detail", args=[agreement.pk]) + "#actions")
    return _action_form_page(request, form, agreement)


def _action_or_404(request, action_item_id: int) -> ActionItem:
    try:
        return selectors.action_item_get(actor=request.actor, action_item_id=action_item_id)
    except ActionItem.DoesNotExist:
        raise Http404(_("This action item does not exist for your region.")) from None


@login_required
def action_detail(request, action_item_id: int):
    item = _action_or_404(request, action_item_id)
    agreement = item.agreement
    commenting_regions = [
        region
        for region in agreement.party_list
        if request.actor.has_perm(Perm.COOPERATION_MANAGE, region.region_id)
    ]
    context = {
        "item": item,
        "agreement": agreement,
        "overdue": item.is_overdue(selectors.cooperation_today()),
        "evidence": selectors.action_evidence_of(item=item),
        "comments": selectors.action_comments_of(item=item),
        "zone": _zone(request),
        "can_update": request.actor.has_perm(Perm.COOPERATION_MANAGE, item.owner_region_id),
        "can_comment": bool(commenting_regions),
        "evidence_form": EvidenceForm(),
        "comment_form": CommentForm(),
        "breadcrumbs": _agreement_crumbs(agreement, {"label": item.title}),
    }
    return render(request, "cooperation/action_detail.html", context)


@login_required
def action_edit(request, action_item_id: int):
    item = _action_or_404(request, action_item_id)
    if not request.actor.has_perm(Perm.COOPERATION_MANAGE, item.owner_region_id):
        raise PermissionDenied
    form = _action_form(request, item.agreement, initial=ActionItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_update(actor=request.actor, action_item_id=item.pk, **form.cleaned_data)
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The action item has been saved."))
            return redirect("cooperation:action_detail", item.pk)
    return _action_form_page(request, form, item.agreement, item)


@require_POST
@login_required
def action_evidence_add(request, action_item_id: int):
    if not request.actor.has_perm(
        Perm.COOPERATION_MANAGE, _action_or_404(request, action_item_id).owner_region_id
    ):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.action_evidence_add(
                actor=request.actor, action_item_id=action_item_id, **form.cleaned_data
            )
        except DomainError as error:
            _refuse_or_message(request, error)
        else:
            messages.success(request, _("The evidence has been added."))
    return redirect(reverse("cooperation:action_detail", args=[action_item_id]) + "#evidence")


@login_required
def action_evidence(request, evidence_id: int):
    try:
        evidence = selectors.action_evidence_get(actor=request.actor, evidence_id=evidence_id)
    except ActionEvidence.DoesNotExist:
        raise Http404(_("This evidence does not exist for your region.")) from None
    if evidence.url:
        return redirect(evidence.url)
    suffix = evidence.file.name.rsplit(".", 1)[-1] if "." in evidence.file.name else "bin"
    return _file_response(evidence.file, download_name=f"{evidence.caption[:80]}.{suffix}")


@require_POST
@login_required
def action_comment_add(request, action_item_id: int):
    item = _action_or_404(request, action_item_id)
    form = CommentForm(request.POST)
    region = next(
        (
            party.region
            for party in item.agreement.party_list
            if request.actor.has_perm(Perm.COOPERATION_MANAGE, party.region_id)
            and (request.region is None or party.region_id == request.region.pk or request.actor.is_superuser)
        ),
        None,
    )
    if region is None:
        raise PermissionDenied
    if form.is_valid():
        try:
            services.action_comment_add(
                actor=request.actor, action_item_id=item.pk, region=region, text=form.cleaned_data["text"]
            )
        except DomainError as error:
            _refuse_or_message(request, error)
    return redirect(reverse("cooperation:action_detail", args=[item.pk]) + "#comments")


# Monitoring ----------------------------------------------------------------------------------


def _report_or_404(request, report_id: int) -> MonitoringReport:
    try:
        return selectors.report_get(actor=request.actor, report_id=report_id)
    except MonitoringReport.DoesNotExist:
        raise Http404(_("This report does not exist for your region.")) from None


def _report_region(request, agreement: Agreement) -> Region:
    """The party region a report is written for: the active one when it is a party."""
    managed = [
        party.region
        for party in agreement.party_list
        if request.actor.has_perm(Perm.COOPERATION_MANAGE, party.region_id)
    ]
    if not managed:
        raise PermissionDenied
    return next(
        (region for region in managed if request.region and region.pk == request.region.pk), managed[0]
    )


@login_required
def report_create(request, agreement_id: int):
    agreement = _agreement_or_404(request, agreement_id)
    region = _report_region(request, agreement)
    year, half = selectors.half_of(selectors.cooperation_today())
    form = ReportForm(request.POST or None, initial={"year": year, "half": half})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                actor=request.actor, agreement_id=agreement.pk, region=region, **form.cleaned_data
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(
                request, _("The report has been started; its indicators are read live until you finalise it.")
            )
            return redirect("cooperation:report_detail", report.pk)
    context = {
        "form": form,
        "agreement": agreement,
        "report": None,
        "breadcrumbs": _agreement_crumbs(agreement, {"label": gettext_lazy("New monitoring report")}),
    }
    return render(request, "cooperation/report_form.html", context)


def _report_context(request, report: MonitoringReport) -> dict:
    today = selectors.cooperation_today()
    indicators = report_indicators(actor=request.actor, report=report, today=today)
    return {
        "report": report,
        "agreement": report.agreement,
        "indicators": indicators,
        "today": today,
        "period_label": _("%(start)s – %(end)s")
        % {
            "start": formats.date_format(report.period_start, "j F Y"),
            "end": formats.date_format(report.period_end, "j F Y"),
        },
    }


@login_required
def report_detail(request, report_id: int):
    report = _report_or_404(request, report_id)
    context = _report_context(request, report)
    context.update(
        charts=reporting.indicator_charts(context["indicators"]),
        can_manage=_can_manage(request, report.agreement) and not report.is_final,
        pdf_unavailable=reporting.weasyprint_missing(),
        breadcrumbs=_agreement_crumbs(report.agreement, {"label": str(report)}),
    )
    return render(request, "cooperation/report_detail.html", context)


@login_required
def report_edit(request, report_id: int):
    report = _report_or_404(request, report_id)
    _require_manage(request, report.agreement)
    if report.is_final:
        raise PermissionDenied(_("A final report can no longer be changed."))
    form = ReportForm(
        request.POST or None,
        with_period=False,
        initial={"findings": report.findings, "recommendations": report.recommendations},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(actor=request.actor, report_id=report.pk, **form.cleaned_data)
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The report has been saved."))
            return redirect("cooperation:report_detail", report.pk)
    context = {
        "form": form,
        "agreement": report.agreement,
        "report": report,
        "breadcrumbs": _agreement_crumbs(report.agreement, {"label": str(report)}),
    }
    return render(request, "cooperation/report_form.html", context)


@require_POST
@login_required
def report_finalise(request, report_id: int):
    _require_manage(request, _report_or_404(request, report_id).agreement)
    try:
        services.report_finalise(actor=request.actor, report_id=report_id)
    except DomainError as error:
        _refuse_or_message(request, error)
    else:
        messages.success(request, _("The report is final; its figures will no longer change."))
    return redirect("cooperation:report_detail", report_id)


@login_required
def report_pdf(request, report_id: int):
    report = _report_or_404(request, report_id)
    missing = reporting.weasyprint_missing()
    if missing:
        messages.error(
            request, _("PDF export is not available on this server: %(reason)s") % {"reason": missing}
        )
        return redirect("cooperation:report_detail", report.pk)
    pdf = reporting.report_pdf(context=_report_context(request, report))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="monev-{report.agreement_id}-{report.year}-h{report.half}.pdf"'
    )
    return response


# Good practices and adoption -------------------------------------------------------------------


def _practices_crumb() -> dict:
    return {"label": gettext_lazy("Good practices"), "url": reverse("cooperation:practice_list")}


def _practice_or_404(request, practice_id: int) -> Practice:
    try:
        return selectors.practice_get(actor=request.actor, practice_id=practice_id)
    except Practice.DoesNotExist:
        raise Http404(_("This practice is not shared with your region.")) from None


@region_permission_required(Perm.COOPERATION_VIEW)
def practice_list(request):
    search = request.GET.get("q", "").strip()
    practices = selectors.practice_list(actor=request.actor, region=request.region, search=search)
    context = {
        "search": search,
        "can_manage": request.actor.has_perm(Perm.COOPERATION_MANAGE, request.region.pk),
        "breadcrumbs": [_practices_crumb()],
        **paginate(request, practices),
    }
    return render(request, "cooperation/practice_list.html", context)


def _practice_form_page(request, form, practice: Practice | None = None):
    crumbs = [_practices_crumb()]
    if practice:
        crumbs += [
            {"label": practice.title, "url": reverse("cooperation:practice_detail", args=[practice.pk])},
            {"label": gettext_lazy("Edit")},
        ]
    else:
        crumbs.append({"label": gettext_lazy("New practice")})
    return render(
        request, "cooperation/practice_form.html", {"form": form, "practice": practice, "breadcrumbs": crumbs}
    )


@region_permission_required(Perm.COOPERATION_MANAGE)
def practice_create(request):
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_save(actor=request.actor, region=request.region, **form.cleaned_data)
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The practice has been documented."))
            return redirect("cooperation:practice_detail", practice.pk)
    return _practice_form_page(request, form)


@login_required
def practice_detail(request, practice_id: int):
    practice = _practice_or_404(request, practice_id)
    actor = request.actor
    can_adopt = (
        request.region is not None
        and practice.region_id != request.region.pk
        and actor.has_perm(Perm.COOPERATION_MANAGE, request.region.pk)
    )
    context = {
        "practice": practice,
        "documents": selectors.practice_documents(practice=practice),
        "adoptions": selectors.adoptions_of(actor=actor, practice=practice),
        "can_manage": actor.has_perm(Perm.COOPERATION_MANAGE, practice.region_id),
        "can_adopt": can_adopt,
        "document_form": DocumentForm(),
        "breadcrumbs": [_practices_crumb(), {"label": practice.title}],
    }
    return render(request, "cooperation/practice_detail.html", context)


@login_required
def practice_edit(request, practice_id: int):
    practice = _practice_or_404(request, practice_id)
    if not request.actor.has_perm(Perm.COOPERATION_MANAGE, practice.region_id):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, initial=PracticeForm.initial_for(practice))
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_save(
                actor=request.actor, region=practice.region, practice_id=practice.pk, **form.cleaned_data
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The practice has been saved."))
            return redirect("cooperation:practice_detail", practice.pk)
    return _practice_form_page(request, form, practice)


@require_POST
@login_required
def practice_document_add(request, practice_id: int):
    if not request.actor.has_perm(Perm.COOPERATION_MANAGE, _practice_or_404(request, practice_id).region_id):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.practice_document_add(actor=request.actor, practice_id=practice_id, **form.cleaned_data)
        except DomainError as error:
            _refuse_or_message(request, error)
        else:
            messages.success(request, _("The document has been added."))
    else:
        messages.error(request, _("Choose a PDF file."))
    return redirect(reverse("cooperation:practice_detail", args=[practice_id]) + "#documents")


@login_required
def practice_document(request, document_id: int):
    try:
        document = selectors.practice_document_get(actor=request.actor, document_id=document_id)
    except PracticeDocument.DoesNotExist:
        raise Http404(_("This document does not exist for your region.")) from None
    return _file_response(document.file, download_name=f"{document.title[:80]}.pdf")


@region_permission_required(Perm.COOPERATION_MANAGE)
def adoption_create(request, practice_id: int):
    practice = _practice_or_404(request, practice_id)
    region = request.region
    if practice.region_id == region.pk:
        raise Http404(_("A region does not adopt its own practice."))
    agreements = selectors.adoption_agreements(actor=request.actor, region=region, practice=practice)
    form = AdoptionForm(request.POST or None, agreements=agreements)
    if request.method == "POST" and form.is_valid():
        try:
            adoption = services.adoption_create(
                actor=request.actor,
                region=region,
                practice_id=practice.pk,
                agreement_id=form.cleaned_data["agreement"].pk,
                **form.adoption_values(),
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The adoption has been recorded; add its milestones next."))
            return redirect("cooperation:adoption_detail", adoption.pk)
    context = {
        "form": form,
        "practice": practice,
        "breadcrumbs": [
            _practices_crumb(),
            {"label": practice.title, "url": reverse("cooperation:practice_detail", args=[practice.pk])},
            {"label": gettext_lazy("Adopt")},
        ],
    }
    return render(request, "cooperation/adoption_form.html", context)


def _adoption_or_404(request, adoption_id: int) -> Adoption:
    try:
        return selectors.adoption_get(actor=request.actor, adoption_id=adoption_id)
    except Adoption.DoesNotExist:
        raise Http404(_("This adoption does not exist for your region.")) from None


@login_required
def adoption_detail(request, adoption_id: int):
    """The original practice and its adoption side by side; the original only while it is readable."""
    adoption = _adoption_or_404(request, adoption_id)
    try:
        original = selectors.practice_get(actor=request.actor, practice_id=adoption.practice_id)
    except Practice.DoesNotExist:
        original = None
    today = selectors.cooperation_today()
    context = {
        "adoption": adoption,
        "original": original,
        "today": today,
        "milestones": adoption.milestone_list,
        "overdue": {milestone.pk for milestone in adoption.milestone_list if milestone.is_overdue(today)},
        "done": sum(1 for milestone in adoption.milestone_list if milestone.done_on),
        "can_manage": request.actor.has_perm(Perm.COOPERATION_MANAGE, adoption.region_id),
        "milestone_form": MilestoneForm(),
        "done_form": MilestoneDoneForm(),
        "breadcrumbs": [
            _practices_crumb(),
            {
                "label": adoption.practice.title,
                "url": reverse("cooperation:practice_detail", args=[adoption.practice_id]),
            }
            if original
            else {"label": adoption.practice.title},
            {"label": adoption.region.name},
        ],
    }
    return render(request, "cooperation/adoption_detail.html", context)


@require_POST
@login_required
def milestone_add(request, adoption_id: int):
    if not request.actor.has_perm(Perm.COOPERATION_MANAGE, _adoption_or_404(request, adoption_id).region_id):
        raise PermissionDenied
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(actor=request.actor, adoption_id=adoption_id, **form.cleaned_data)
        except DomainError as error:
            _refuse_or_message(request, error)
        else:
            messages.success(request, _("The milestone has been added."))
    else:
        messages.error(request, _("Name the milestone and its due date."))
    return redirect(reverse("cooperation:adoption_detail", args=[adoption_id]) + "#milestones")


@require_POST
@login_required
def milestone_done(request, milestone_id: int):
    form = MilestoneDoneForm(request.POST)
    done_on = form.cleaned_data["done_on"] if form.is_valid() else selectors.cooperation_today()
    try:
        milestone = services.milestone_complete(
            actor=request.actor, milestone_id=milestone_id, done_on=done_on
        )
    except DomainError as error:
        _refuse(error)
        messages.error(request, error.errors[0].message)
        return redirect("cooperation:practice_list")
    return redirect(reverse("cooperation:adoption_detail", args=[milestone.adoption_id]) + "#milestones")


# Partner dashboard ---------------------------------------------------------------------------


@region_permission_required(Perm.COOPERATION_VIEW)
def partner_list(request):
    partners = list(selectors.partner_region_list(actor=request.actor, region=request.region))
    if len(partners) == 1:
        return redirect("cooperation:partner_dashboard", partners[0].code)
    context = {"partners": partners, "breadcrumbs": [{"label": gettext_lazy("Partner dashboard")}]}
    return render(request, "cooperation/partner_list.html", context)


@region_permission_required(Perm.COOPERATION_VIEW)
def partner_dashboard(request, code: str):
    partner = Region.objects.filter(code=code, level=Region.Level.REGENCY).first()
    if partner is None:
        raise Http404(_("There is no regency or city with this code."))
    today = selectors.cooperation_today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2018), today.year)
    try:
        dashboard = dashboard_figures(actor=request.actor, region=request.region, partner=partner, year=year)
    except DomainError as error:
        _refuse(error)
        raise
    context = {
        "dashboard": dashboard,
        "partner": partner,
        "region": request.region,
        "years": list(range(today.year, 2017, -1))[:6],
        "charts": reporting.dashboard_charts(dashboard),
        "practices": selectors.practices_for(request.actor)
        .filter(region=partner, is_shared=True)
        .order_by("title"),
        "agreements": selectors.agreement_list(actor=request.actor, region=request.region).filter(
            parties__region=partner
        ),
        "today": today,
        "breadcrumbs": [
            {"label": gettext_lazy("Partner dashboard"), "url": reverse("cooperation:partner_list")},
            {"label": partner.name},
        ],
    }
    return render(request, "cooperation/partner_dashboard.html", context)


# Notifications -------------------------------------------------------------------------------


@login_required
def notification_list(request):
    """The person's notifications, newest first; opening the page marks them read."""
    notifications = selectors.notifications_of(actor=request.actor)
    page = paginate(request, notifications)
    unread = {
        notification.pk for notification in page["page_obj"].object_list if notification.read_at is None
    }
    services.notifications_mark_read(actor=request.actor)
    context = {
        "unread": unread,
        "zone": _zone(request),
        "breadcrumbs": [{"label": gettext_lazy("Notifications")}],
        **page,
    }
    return render(request, "cooperation/notification_list.html", context)
