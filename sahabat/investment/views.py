"""Investment pages: project offers with documents and photos, the lead pipeline board, investors, gatherings.

The board moves a lead with a plain POST form; htmx sends it in the background and swaps the board in
place, and without JavaScript the same form posts and the page reloads.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
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
from sahabat.investment import selectors, services
from sahabat.investment.forms import (
    BoardFilterForm,
    DocumentForm,
    GatheringForm,
    InvestorForm,
    InvestorSearchForm,
    LeadForm,
    LeadMoveForm,
    PhotoForm,
    ProjectFilterForm,
    ProjectForm,
)
from sahabat.investment.models import (
    InvestmentProject,
    Investor,
    InvestorGathering,
    Lead,
    LeadStage,
    ProjectDocument,
    ProjectPhoto,
)
from sahabat.investment.selectors import LeadFilters

SECTIONS = (
    ("projects", gettext_lazy("Projects"), "investment:project_list"),
    ("pipeline", gettext_lazy("Pipeline"), "investment:pipeline"),
    ("investors", gettext_lazy("Investors"), "investment:investor_list"),
    ("gatherings", gettext_lazy("Gatherings"), "investment:gathering_list"),
)


def _refuse(error: DomainError) -> None:
    """A service's refusal that is the page's answer: 404 for an unknown record, 403 for a missing right."""
    if isinstance(error, NotFound):
        raise Http404(error.errors[0].message) from error
    if isinstance(error, DomainPermissionDenied):
        raise PermissionDenied(error.errors[0].message) from error


def _get_or_404(getter, model, message, **kwargs):
    try:
        return getter(**kwargs)
    except model.DoesNotExist:
        raise Http404(message) from None


def _section(key: str, *crumbs: dict) -> dict:
    """The investment tabs with one current, and the breadcrumbs under the section."""
    tabs = [{"key": name, "label": label, "url": reverse(url_name)} for name, label, url_name in SECTIONS]
    current = next(tab for tab in tabs if tab["key"] == key)
    return {"section": key, "sections": tabs, "breadcrumbs": [current, *crumbs]}


def _today(request):
    return timezone.localdate(timezone=request.region.tzinfo)


# Projects


def _project_or_404(request, project_id: int, permission: str = Perm.INVESTMENT_VIEW) -> InvestmentProject:
    return _get_or_404(
        selectors.project_get,
        InvestmentProject,
        _("This project does not exist in your region."),
        actor=request.actor,
        project_id=project_id,
        permission=permission,
    )


def _project_crumb(project: InvestmentProject) -> dict:
    return {"label": project.title, "url": reverse("investment:project_detail", args=[project.pk])}


@region_permission_required(Perm.INVESTMENT_VIEW)
def project_list(request):
    region, actor = request.region, request.actor
    form = ProjectFilterForm(request.GET)
    context = {
        "form": form,
        "is_filtered": form.is_filtered(),
        "totals": selectors.project_totals(actor=actor, region=region),
        "can_manage": actor.has_perm(Perm.INVESTMENT_MANAGE, region.pk),
        **_section("projects"),
        **paginate(request, selectors.project_list(actor=actor, region=region, filters=form.filters())),
    }
    context["has_projects"] = any(total.count for total in context["totals"])
    return render(request, "investment/project_list.html", context)


def _project_form_page(request, form: ProjectForm, project: InvestmentProject | None = None):
    crumbs = (
        [{"label": gettext_lazy("New project")}]
        if project is None
        else [_project_crumb(project), {"label": gettext_lazy("Edit")}]
    )
    context = {"form": form, "project": project, **_section("projects", *crumbs)}
    return render(request, "investment/project_form.html", context)


@region_permission_required(Perm.INVESTMENT_MANAGE)
def project_create(request):
    form = ProjectForm(request.POST or None, districts=selectors.project_districts(region=request.region))
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.actor, region=request.region, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Project “%(title)s” has been created. Add its documents and photos next.")
                % {"title": project.title},
            )
            return redirect("investment:project_detail", project.pk)
    return _project_form_page(request, form)


@region_permission_required(Perm.INVESTMENT_MANAGE)
def project_edit(request, project_id: int):
    project = _project_or_404(request, project_id, Perm.INVESTMENT_MANAGE)
    form = ProjectForm(
        request.POST or None,
        districts=selectors.project_districts(region=project.region),
        initial=ProjectForm.initial_for(project),
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_update(actor=request.actor, project_id=project.pk, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Project “%(title)s” has been saved.") % {"title": project.title})
            return redirect("investment:project_detail", project.pk)
    return _project_form_page(request, form, project)


@region_permission_required(Perm.INVESTMENT_MANAGE)
def project_delete(request, project_id: int):
    project = _project_or_404(request, project_id, Perm.INVESTMENT_MANAGE)
    if request.method == "POST":
        try:
            services.project_delete(actor=request.actor, project_id=project.pk)
        except DomainError as error:
            _refuse(error)
            messages.error(request, error.errors[0].message)
            return redirect("investment:project_detail", project.pk)
        messages.success(request, _("Project “%(title)s” has been deleted.") % {"title": project.title})
        return redirect("investment:project_list")
    context = {
        "project": project,
        **_section("projects", _project_crumb(project), {"label": gettext_lazy("Delete")}),
    }
    return render(request, "investment/project_confirm_delete.html", context)


def _project_page(request, project, *, document_form=None, photo_form=None):
    actor = request.actor
    context = {
        "project": project,
        "can_manage": actor.has_perm(Perm.INVESTMENT_MANAGE, project.region_id),
        "documents": selectors.document_list(actor=actor, project=project),
        "photos": selectors.photo_list(actor=actor, project=project),
        "leads": selectors.lead_list(
            actor=actor, region=project.region, filters=LeadFilters(project_id=project.pk)
        ),
        "document_form": document_form or DocumentForm(),
        "photo_form": photo_form or PhotoForm(),
        "today": _today(request),
        **_section("projects", {"label": project.title}),
    }
    return render(request, "investment/project_detail.html", context)


@region_permission_required(Perm.INVESTMENT_VIEW)
def project_detail(request, project_id: int):
    return _project_page(request, _project_or_404(request, project_id))


@require_POST
@region_permission_required(Perm.INVESTMENT_MANAGE)
def document_add(request, project_id: int):
    project = _project_or_404(request, project_id, Perm.INVESTMENT_MANAGE)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = services.document_add(
                actor=request.actor,
                project_id=project.pk,
                file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Document “%(title)s” has been added.") % {"title": document.title})
            return redirect(reverse("investment:project_detail", args=[project.pk]) + "#documents")
    return _project_page(request, project, document_form=form)


@require_POST
@region_permission_required(Perm.INVESTMENT_MANAGE)
def document_delete(request, document_id: int):
    document = _get_or_404(
        selectors.document_get,
        ProjectDocument,
        _("This document does not exist in your region."),
        actor=request.actor,
        document_id=document_id,
        permission=Perm.INVESTMENT_MANAGE,
    )
    try:
        services.document_remove(actor=request.actor, document_id=document.pk)
    except DomainError as error:
        _refuse(error)
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("Document “%(title)s” has been deleted.") % {"title": document.title})
    return redirect(reverse("investment:project_detail", args=[document.project_id]) + "#documents")


@require_POST
@region_permission_required(Perm.INVESTMENT_MANAGE)
def photo_add(request, project_id: int):
    project = _project_or_404(request, project_id, Perm.INVESTMENT_MANAGE)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(
                actor=request.actor,
                project_id=project.pk,
                image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The photo has been added."))
            return redirect(reverse("investment:project_detail", args=[project.pk]) + "#photos")
    return _project_page(request, project, photo_form=form)


@require_POST
@region_permission_required(Perm.INVESTMENT_MANAGE)
def photo_delete(request, photo_id: int):
    photo = _get_or_404(
        selectors.photo_get,
        ProjectPhoto,
        _("This photo does not exist in your region."),
        actor=request.actor,
        photo_id=photo_id,
        permission=Perm.INVESTMENT_MANAGE,
    )
    try:
        services.photo_remove(actor=request.actor, photo_id=photo.pk)
    except DomainError as error:
        _refuse(error)
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("The photo has been deleted."))
    return redirect(reverse("investment:project_detail", args=[photo.project_id]) + "#photos")


# Pipeline


def _board_filter_form(request, data) -> BoardFilterForm:
    region, actor = request.region, request.actor
    return BoardFilterForm(
        data,
        projects=selectors.project_list(actor=actor, region=region).order_by("title"),
        gatherings=selectors.gathering_list(actor=actor, region=region),
    )


def _board_context(request, form: BoardFilterForm, *, query: str, error: dict | None = None) -> dict:
    region, actor = request.region, request.actor
    return {
        "columns": selectors.pipeline_board(actor=actor, region=region, filters=form.filters()),
        "can_manage": actor.has_perm(Perm.INVESTMENT_MANAGE, region.pk),
        "stages": LeadStage.choices,
        "query": query,
        "today": _today(request),
        "error": error,
    }


@region_permission_required(Perm.INVESTMENT_VIEW)
def pipeline(request):
    form = _board_filter_form(request, request.GET)
    params = request.GET.copy()
    context = {
        "form": form,
        "is_filtered": form.is_filtered(),
        **_board_context(request, form, query=params.urlencode()),
        **_section("pipeline"),
    }
    context["has_leads"] = selectors.lead_list(actor=request.actor, region=request.region).exists()
    return render(request, "investment/pipeline.html", context)


@require_POST
@region_permission_required(Perm.INVESTMENT_MANAGE)
def lead_move(request, lead_id: int):
    lead = _get_or_404(
        selectors.lead_get,
        Lead,
        _("This lead does not exist in your region."),
        actor=request.actor,
        lead_id=lead_id,
        permission=Perm.INVESTMENT_MANAGE,
    )
    query = request.POST.get("return_query", "")
    form = LeadMoveForm(request.POST)
    error = None
    if not form.is_valid():
        error = {"lead_id": lead.pk, "message": _("Choose a stage.")}
    else:
        try:
            lead = services.lead_move(
                actor=request.actor,
                lead_id=lead.pk,
                stage=form.cleaned_data["stage"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error_raised:
            _refuse(error_raised)
            error = {"lead_id": lead.pk, "message": error_raised.errors[0].message}
    if request.htmx:
        board = _board_context(
            request, _board_filter_form(request, QueryDict(query)), query=query, error=error
        )
        return render(request, "investment/_board.html", board)
    if error:
        messages.error(request, error["message"])
    else:
        messages.success(
            request,
            _("%(lead)s is now at “%(stage)s”.") % {"lead": lead, "stage": lead.get_stage_display()},
        )
    return redirect(f"{reverse('investment:pipeline')}{'?' + query if query else ''}")


def _lead_form(request, data=None, *, editing: bool = False, **kwargs) -> LeadForm:
    region, actor = request.region, request.actor
    return LeadForm(
        data,
        investors=selectors.investor_list(actor=actor, region=region),
        projects=selectors.project_list(actor=actor, region=region).order_by("title"),
        gatherings=selectors.gathering_list(actor=actor, region=region),
        editing=editing,
        **kwargs,
    )


@region_permission_required(Perm.INVESTMENT_MANAGE)
def lead_create(request):
    initial = {key: request.GET[key] for key in ("investor", "project", "gathering") if request.GET.get(key)}
    form = _lead_form(request, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            lead = services.lead_create(actor=request.actor, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The lead %(lead)s has been added.") % {"lead": lead})
            return redirect("investment:pipeline")
    context = {"form": form, "lead": None, **_section("pipeline", {"label": gettext_lazy("New lead")})}
    return render(request, "investment/lead_form.html", context)


@region_permission_required(Perm.INVESTMENT_MANAGE)
def lead_edit(request, lead_id: int):
    lead = _get_or_404(
        selectors.lead_get,
        Lead,
        _("This lead does not exist in your region."),
        actor=request.actor,
        lead_id=lead_id,
        permission=Perm.INVESTMENT_MANAGE,
    )
    form = _lead_form(request, request.POST or None, editing=True, initial=LeadForm.initial_for(lead))
    if request.method == "POST" and form.is_valid():
        try:
            lead = services.lead_update(actor=request.actor, lead_id=lead.pk, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The lead %(lead)s has been saved.") % {"lead": lead})
            return redirect("investment:pipeline")
    context = {"form": form, "lead": lead, **_section("pipeline", {"label": str(lead)})}
    return render(request, "investment/lead_form.html", context)


# Investors


def _investor_or_404(request, investor_id: int, permission: str = Perm.INVESTMENT_VIEW) -> Investor:
    return _get_or_404(
        selectors.investor_get,
        Investor,
        _("This investor does not exist in your region."),
        actor=request.actor,
        investor_id=investor_id,
        permission=permission,
    )


@region_permission_required(Perm.INVESTMENT_VIEW)
def investor_list(request):
    region, actor = request.region, request.actor
    form = InvestorSearchForm(request.GET, countries=selectors.investor_countries(actor=actor, region=region))
    search = country = ""
    if form.is_valid():
        search, country = form.cleaned_data["q"].strip(), form.cleaned_data["country"]
    context = {
        "form": form,
        "is_filtered": bool(search or country),
        "has_investors": selectors.investor_list(actor=actor, region=region).exists(),
        "can_manage": actor.has_perm(Perm.INVESTMENT_MANAGE, region.pk),
        **_section("investors"),
        **paginate(
            request, selectors.investor_list(actor=actor, region=region, search=search, country=country)
        ),
    }
    return render(request, "investment/investor_list.html", context)


def _investor_form_page(request, form: InvestorForm, investor: Investor | None = None):
    if investor is None:
        crumbs = [{"label": gettext_lazy("New investor")}]
    else:
        crumbs = [
            {"label": investor.company, "url": reverse("investment:investor_detail", args=[investor.pk])},
            {"label": gettext_lazy("Edit")},
        ]
    context = {"form": form, "investor": investor, **_section("investors", *crumbs)}
    return render(request, "investment/investor_form.html", context)


@region_permission_required(Perm.INVESTMENT_MANAGE)
def investor_create(request):
    form = InvestorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            investor = services.investor_create(actor=request.actor, region=request.region, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("%(company)s has been added.") % {"company": investor.company})
            return redirect("investment:investor_detail", investor.pk)
    return _investor_form_page(request, form)


@region_permission_required(Perm.INVESTMENT_MANAGE)
def investor_edit(request, investor_id: int):
    investor = _investor_or_404(request, investor_id, Perm.INVESTMENT_MANAGE)
    form = InvestorForm(request.POST or None, initial=InvestorForm.initial_for(investor))
    if request.method == "POST" and form.is_valid():
        try:
            investor = services.investor_update(actor=request.actor, investor_id=investor.pk, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("%(company)s has been saved.") % {"company": investor.company})
            return redirect("investment:investor_detail", investor.pk)
    return _investor_form_page(request, form, investor)


@region_permission_required(Perm.INVESTMENT_VIEW)
def investor_detail(request, investor_id: int):
    investor = _investor_or_404(request, investor_id)
    actor = request.actor
    context = {
        "investor": investor,
        "can_manage": actor.has_perm(Perm.INVESTMENT_MANAGE, investor.region_id),
        "leads": selectors.lead_list(
            actor=actor, region=investor.region, filters=LeadFilters(investor_id=investor.pk)
        ),
        "gatherings": selectors.gathering_list(actor=actor, region=investor.region).filter(invitees=investor),
        "today": _today(request),
        **_section("investors", {"label": investor.company}),
    }
    return render(request, "investment/investor_detail.html", context)


# Gatherings


def _gathering_or_404(
    request, gathering_id: int, permission: str = Perm.INVESTMENT_VIEW
) -> InvestorGathering:
    return _get_or_404(
        selectors.gathering_get,
        InvestorGathering,
        _("This gathering does not exist in your region."),
        actor=request.actor,
        gathering_id=gathering_id,
        permission=permission,
    )


@region_permission_required(Perm.INVESTMENT_VIEW)
def gathering_list(request):
    region, actor = request.region, request.actor
    search = request.GET.get("q", "").strip()[:100]
    context = {
        "search": search,
        "has_gatherings": selectors.gatherings_for(actor).filter(region=region).exists(),
        "can_manage": actor.has_perm(Perm.INVESTMENT_MANAGE, region.pk),
        **_section("gatherings"),
        **paginate(request, selectors.gathering_list(actor=actor, region=region, search=search)),
    }
    return render(request, "investment/gathering_list.html", context)


def _gathering_form_page(request, form: GatheringForm, gathering: InvestorGathering | None = None):
    if gathering is None:
        crumbs = [{"label": gettext_lazy("New gathering")}]
    else:
        crumbs = [
            {"label": gathering.name, "url": reverse("investment:gathering_detail", args=[gathering.pk])},
            {"label": gettext_lazy("Edit")},
        ]
    context = {"form": form, "gathering": gathering, **_section("gatherings", *crumbs)}
    return render(request, "investment/gathering_form.html", context)


@region_permission_required(Perm.INVESTMENT_MANAGE)
def gathering_create(request):
    investors = selectors.investor_list(actor=request.actor, region=request.region)
    form = GatheringForm(request.POST or None, investors=investors)
    if request.method == "POST" and form.is_valid():
        try:
            gathering = services.gathering_create(actor=request.actor, region=request.region, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Gathering “%(name)s” has been created.") % {"name": gathering.name})
            return redirect("investment:gathering_detail", gathering.pk)
    return _gathering_form_page(request, form)


@region_permission_required(Perm.INVESTMENT_MANAGE)
def gathering_edit(request, gathering_id: int):
    gathering = _gathering_or_404(request, gathering_id, Perm.INVESTMENT_MANAGE)
    actor = request.actor
    form = GatheringForm(
        request.POST or None,
        investors=selectors.investor_list(actor=actor, region=gathering.region),
        initial=GatheringForm.initial_for(
            gathering, selectors.gathering_invitees(actor=actor, gathering=gathering)
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            gathering = services.gathering_update(actor=actor, gathering_id=gathering.pk, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Gathering “%(name)s” has been saved.") % {"name": gathering.name})
            return redirect("investment:gathering_detail", gathering.pk)
    return _gathering_form_page(request, form, gathering)


@region_permission_required(Perm.INVESTMENT_VIEW)
def gathering_detail(request, gathering_id: int):
    gathering = _gathering_or_404(request, gathering_id)
    actor = request.actor
    filters = LeadFilters(gathering_id=gathering.pk)
    context = {
        "gathering": gathering,
        "can_manage": actor.has_perm(Perm.INVESTMENT_MANAGE, gathering.region_id),
        "invitees": selectors.gathering_invitees(actor=actor, gathering=gathering),
        "leads": selectors.lead_list(actor=actor, region=gathering.region, filters=filters),
        "figures": selectors.pipeline_figures(actor=actor, region=gathering.region, filters=filters),
        "today": _today(request),
        **_section("gatherings", {"label": gathering.name}),
    }
    return render(request, "investment/gathering_detail.html", context)
