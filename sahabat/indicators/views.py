"""Indicator pages: the region's indicators with their status, an indicator with its chart, targets and
realisations, and the forms to keep them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.core.charts import line_chart
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.core.forms import apply_domain_error
from sahabat.core.pagination import paginate
from sahabat.indicators import selectors, services
from sahabat.indicators.forms import IndicatorFilterForm, IndicatorForm, RealisationForm, TargetForm
from sahabat.indicators.models import Indicator, IndicatorTarget, Realisation
from sahabat.indicators.templatetags.indicator_figures import figure, with_unit


def _refuse(error: DomainError) -> None:
    """A service's refusal that is the page's answer: 404 for an unknown record, 403 for a missing right."""
    if isinstance(error, NotFound):
        raise Http404(error.errors[0].message) from error
    if isinstance(error, DomainPermissionDenied):
        raise PermissionDenied(error.errors[0].message) from error


def _indicator_or_404(request, indicator_id: int, permission: str = Perm.INDICATORS_VIEW) -> Indicator:
    try:
        return selectors.indicator_get(actor=request.actor, indicator_id=indicator_id, permission=permission)
    except Indicator.DoesNotExist:
        raise Http404(_("This indicator does not exist in your region.")) from None


def _root_crumb() -> dict:
    return {"label": gettext_lazy("Indicators"), "url": reverse("indicators:indicator_list")}


def _indicator_crumb(indicator: Indicator) -> dict:
    return {"label": indicator.name, "url": reverse("indicators:indicator_detail", args=[indicator.pk])}


@region_permission_required(Perm.INDICATORS_VIEW)
def indicator_list(request):
    region, actor = request.region, request.actor
    form = IndicatorFilterForm(request.GET, agencies=selectors.region_agencies(actor=actor, region=region))
    today = selectors.region_today(region)
    rows, counts = selectors.indicator_overview(
        actor=actor, region=region, filters=form.filters(), today=today
    )
    context = {
        "form": form,
        "is_filtered": form.is_filtered(),
        "status_counts": counts,
        "has_indicators": selectors.indicators_for(actor).filter(region=region).exists(),
        "can_manage": actor.has_perm(Perm.INDICATORS_MANAGE, region.pk),
        "today": today,
        "breadcrumbs": [_root_crumb()],
        **paginate(request, rows),
    }
    return render(request, "indicators/indicator_list.html", context)


def _indicator_form_page(request, form: IndicatorForm, indicator: Indicator | None = None):
    crumbs = [_root_crumb()]
    if indicator is None:
        crumbs.append({"label": gettext_lazy("New indicator")})
    else:
        crumbs += [_indicator_crumb(indicator), {"label": gettext_lazy("Edit")}]
    return render(
        request,
        "indicators/indicator_form.html",
        {"form": form, "indicator": indicator, "breadcrumbs": crumbs},
    )


@region_permission_required(Perm.INDICATORS_MANAGE)
def indicator_create(request):
    form = IndicatorForm(
        request.POST or None,
        agencies=selectors.region_agencies(actor=request.actor, region=request.region),
        initial={"kind": Indicator.Kind.MANUAL, "direction": Indicator.Direction.HIGHER},
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(actor=request.actor, region=request.region, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Indicator “%(name)s” has been created. Set its target next.") % {"name": indicator.name},
            )
            return redirect("indicators:indicator_detail", indicator.pk)
    return _indicator_form_page(request, form)


@region_permission_required(Perm.INDICATORS_MANAGE)
def indicator_edit(request, indicator_id: int):
    indicator = _indicator_or_404(request, indicator_id, Perm.INDICATORS_MANAGE)
    form = IndicatorForm(
        request.POST or None,
        agencies=selectors.region_agencies(actor=request.actor, region=indicator.region),
        initial=IndicatorForm.initial_for(indicator),
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_update(
                actor=request.actor, indicator_id=indicator.pk, **form.values()
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Indicator “%(name)s” has been saved.") % {"name": indicator.name})
            return redirect("indicators:indicator_detail", indicator.pk)
    return _indicator_form_page(request, form, indicator)


@region_permission_required(Perm.INDICATORS_MANAGE)
def indicator_delete(request, indicator_id: int):
    indicator = _indicator_or_404(request, indicator_id, Perm.INDICATORS_MANAGE)
    if request.method == "POST":
        try:
            services.indicator_delete(actor=request.actor, indicator_id=indicator.pk)
        except DomainError as error:
            _refuse(error)
            messages.error(request, error.errors[0].message)
            return redirect("indicators:indicator_detail", indicator.pk)
        messages.success(request, _("Indicator “%(name)s” has been deleted.") % {"name": indicator.name})
        return redirect("indicators:indicator_list")
    context = {
        "indicator": indicator,
        "breadcrumbs": [_root_crumb(), _indicator_crumb(indicator), {"label": gettext_lazy("Delete")}],
    }
    return render(request, "indicators/indicator_confirm_delete.html", context)


def _chart(indicator: Indicator, target: IndicatorTarget, series: list[selectors.SeriesPoint]):
    def shown(value) -> str:
        return figure(value, indicator.unit)

    labels = [date_format(point.day, "M Y") for point in series]
    return line_chart(
        {
            _("Target pace"): [
                (label, float(point.expected)) for label, point in zip(labels, series, strict=True)
            ],
            _("Realisation"): [
                (label, None if point.value is None else float(point.value))
                for label, point in zip(labels, series, strict=True)
            ],
        },
        title=_("%(name)s: realisation against the target") % {"name": indicator.name},
        value_format=shown,
        target=float(target.target),
        target_label=_("Target"),
        empty_message=_("No target yet."),
    )


def _detail_page(request, indicator: Indicator, *, target_form=None, realisation_form=None):
    actor = request.actor
    today = selectors.region_today(indicator.region)
    targets = list(selectors.target_list(actor=actor, indicator=indicator))
    progress = [
        selectors.target_progress(actor=actor, indicator=indicator, target=target, today=today)
        for target in targets
    ]
    chosen = selectors.current_target(targets, today)
    wanted = request.GET.get("target", "")
    if wanted.isdigit():
        chosen = next((target for target in targets if target.pk == int(wanted)), chosen)
    chosen_progress = next((row for row in progress if row.target == chosen), None)
    series = (
        selectors.progress_series(actor=actor, indicator=indicator, target=chosen, today=today)
        if chosen
        else []
    )
    context = {
        "indicator": indicator,
        "computation": selectors.computation_of(indicator),
        "can_manage": actor.has_perm(Perm.INDICATORS_MANAGE, indicator.region_id),
        "progress": progress,
        "chosen": chosen_progress,
        "series": series,
        "chart": _chart(indicator, chosen, series) if chosen else None,
        "realisations": (
            selectors.realisation_list(actor=actor, indicator=indicator)
            if indicator.kind == Indicator.Kind.MANUAL
            else None
        ),
        "target_form": target_form or TargetForm(),
        "realisation_form": realisation_form or RealisationForm(initial={"measured_on": today}),
        "today": today,
        "breadcrumbs": [_root_crumb(), {"label": indicator.name}],
    }
    return render(request, "indicators/indicator_detail.html", context)


@region_permission_required(Perm.INDICATORS_VIEW)
def indicator_detail(request, indicator_id: int):
    return _detail_page(request, _indicator_or_404(request, indicator_id))


@require_POST
@region_permission_required(Perm.INDICATORS_MANAGE)
def target_create(request, indicator_id: int):
    indicator = _indicator_or_404(request, indicator_id, Perm.INDICATORS_MANAGE)
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            target = services.target_create(actor=request.actor, indicator_id=indicator.pk, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The target has been set."))
            return redirect(
                f"{reverse('indicators:indicator_detail', args=[indicator.pk])}?target={target.pk}"
            )
    return _detail_page(request, indicator, target_form=form)


def _target_or_404(request, target_id: int) -> IndicatorTarget:
    try:
        return selectors.target_get(
            actor=request.actor, target_id=target_id, permission=Perm.INDICATORS_MANAGE
        )
    except IndicatorTarget.DoesNotExist:
        raise Http404(_("This target does not exist in your region.")) from None


@region_permission_required(Perm.INDICATORS_MANAGE)
def target_edit(request, target_id: int):
    target = _target_or_404(request, target_id)
    indicator = target.indicator
    form = TargetForm(request.POST or None, initial=TargetForm.initial_for(target))
    if request.method == "POST" and form.is_valid():
        try:
            services.target_update(actor=request.actor, target_id=target.pk, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The target has been saved."))
            return redirect(
                f"{reverse('indicators:indicator_detail', args=[indicator.pk])}?target={target.pk}"
            )
    context = {
        "form": form,
        "target": target,
        "indicator": indicator,
        "breadcrumbs": [_root_crumb(), _indicator_crumb(indicator), {"label": gettext_lazy("Edit target")}],
    }
    return render(request, "indicators/target_form.html", context)


@require_POST
@region_permission_required(Perm.INDICATORS_MANAGE)
def target_delete(request, target_id: int):
    target = _target_or_404(request, target_id)
    try:
        services.target_delete(actor=request.actor, target_id=target.pk)
    except DomainError as error:
        _refuse(error)
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("The target has been deleted."))
    return redirect("indicators:indicator_detail", target.indicator_id)


@require_POST
@region_permission_required(Perm.INDICATORS_MANAGE)
def realisation_create(request, indicator_id: int):
    indicator = _indicator_or_404(request, indicator_id, Perm.INDICATORS_MANAGE)
    form = RealisationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            realisation = services.realisation_record(
                actor=request.actor, indicator_id=indicator.pk, **form.values()
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(value)s on %(date)s has been recorded.")
                % {
                    "value": with_unit(realisation.value, indicator.unit),
                    "date": date_format(realisation.measured_on, "j F Y"),
                },
            )
            return redirect(reverse("indicators:indicator_detail", args=[indicator.pk]) + "#realisations")
    return _detail_page(request, indicator, realisation_form=form)


@require_POST
@region_permission_required(Perm.INDICATORS_MANAGE)
def realisation_delete(request, realisation_id: int):
    try:
        realisation = selectors.realisation_get(
            actor=request.actor, realisation_id=realisation_id, permission=Perm.INDICATORS_MANAGE
        )
    except Realisation.DoesNotExist:
        raise Http404(_("This realisation does not exist in your region.")) from None
    try:
        services.realisation_delete(actor=request.actor, realisation_id=realisation.pk)
    except DomainError as error:
        _refuse(error)
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("The realisation has been deleted."))
    return redirect(reverse("indicators:indicator_detail", args=[realisation.indicator_id]) + "#realisations")
