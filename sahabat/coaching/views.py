"""Coaching pages: the region's programmes, a programme with its sessions and participants, and outcomes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.coaching import selectors, services
from sahabat.coaching.forms import (
    CandidateSearchForm,
    OutcomeForm,
    ParticipantForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    SessionForm,
)
from sahabat.coaching.models import Outcome, Participant, Programme, Session
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.core.forms import apply_domain_error
from sahabat.core.pagination import paginate

PARTICIPANTS_PER_PAGE = 50


def _refuse(error: DomainError) -> None:
    """A service's refusal that is the page's answer: 404 for an unknown record, 403 for a missing right."""
    if isinstance(error, NotFound):
        raise Http404(error.errors[0].message) from error
    if isinstance(error, DomainPermissionDenied):
        raise PermissionDenied(error.errors[0].message) from error


def _programme_or_404(request, programme_id: int, permission: str = Perm.COACHING_VIEW) -> Programme:
    try:
        return selectors.programme_get(actor=request.actor, programme_id=programme_id, permission=permission)
    except Programme.DoesNotExist:
        raise Http404(_("This programme does not exist in your region.")) from None


def _root_crumb() -> dict:
    return {"label": gettext_lazy("Coaching"), "url": reverse("coaching:programme_list")}


def _programme_crumb(programme: Programme) -> dict:
    return {"label": programme.name, "url": reverse("coaching:programme_detail", args=[programme.pk])}


@region_permission_required(Perm.COACHING_VIEW)
def programme_list(request):
    region, actor = request.region, request.actor
    form = ProgrammeFilterForm(request.GET, years=selectors.programme_years(actor=actor, region=region))
    programmes = selectors.programme_list(actor=actor, region=region, filters=form.filters())
    context = {
        "form": form,
        "is_filtered": form.is_filtered(),
        "summary": selectors.coaching_summary(actor=actor, region=region),
        "can_manage": actor.has_perm(Perm.COACHING_MANAGE, region.pk),
        "breadcrumbs": [_root_crumb()],
        **paginate(request, programmes),
    }
    return render(request, "coaching/programme_list.html", context)


def _programme_form_page(request, form: ProgrammeForm, programme: Programme | None = None):
    crumbs = [_root_crumb()]
    if programme is None:
        crumbs.append({"label": gettext_lazy("New programme")})
    else:
        crumbs += [_programme_crumb(programme), {"label": gettext_lazy("Edit")}]
    return render(
        request, "coaching/programme_form.html", {"form": form, "programme": programme, "breadcrumbs": crumbs}
    )


@region_permission_required(Perm.COACHING_MANAGE)
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.actor, region=request.region, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Programme “%(name)s” has been created. Add its sessions and participants next.")
                % {"name": programme.name},
            )
            return redirect("coaching:programme_detail", programme.pk)
    return _programme_form_page(request, form)


@region_permission_required(Perm.COACHING_MANAGE)
def programme_edit(request, programme_id: int):
    programme = _programme_or_404(request, programme_id, Perm.COACHING_MANAGE)
    form = ProgrammeForm(request.POST or None, initial=ProgrammeForm.initial_for(programme))
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_update(
                actor=request.actor, programme_id=programme.pk, **form.values()
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Programme “%(name)s” has been saved.") % {"name": programme.name})
            return redirect("coaching:programme_detail", programme.pk)
    return _programme_form_page(request, form, programme)


@region_permission_required(Perm.COACHING_MANAGE)
def programme_delete(request, programme_id: int):
    programme = _programme_or_404(request, programme_id, Perm.COACHING_MANAGE)
    if request.method == "POST":
        try:
            services.programme_delete(actor=request.actor, programme_id=programme.pk)
        except DomainError as error:
            _refuse(error)
            messages.error(request, error.errors[0].message)
            return redirect("coaching:programme_detail", programme.pk)
        messages.success(request, _("Programme “%(name)s” has been deleted.") % {"name": programme.name})
        return redirect("coaching:programme_list")
    context = {
        "programme": programme,
        "participant_count": selectors.participant_list(actor=request.actor, programme=programme).count(),
        "breadcrumbs": [_root_crumb(), _programme_crumb(programme), {"label": gettext_lazy("Delete")}],
    }
    return render(request, "coaching/programme_confirm_delete.html", context)


def _detail_page(request, programme: Programme, *, session_form: SessionForm | None = None):
    actor = request.actor
    can_manage = actor.has_perm(Perm.COACHING_MANAGE, programme.region_id)
    districts = selectors.session_districts(programme=programme)
    search_form = CandidateSearchForm(request.GET)
    search = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
    participants = selectors.participant_list(actor=actor, programme=programme)
    context = {
        "programme": programme,
        "can_manage": can_manage,
        "sessions": selectors.session_list(actor=actor, programme=programme),
        "session_form": session_form
        or SessionForm(districts=districts, initial={"held_on": programme.starts_on}),
        "search_form": search_form,
        "search": search,
        "candidates": (
            selectors.participant_candidates(actor=actor, programme=programme, search=search)
            if can_manage and search
            else []
        ),
        "outcome_totals": selectors.outcome_totals(actor=actor, programme=programme),
        "breadcrumbs": [_root_crumb(), {"label": programme.name}],
        **paginate(request, participants, per_page=PARTICIPANTS_PER_PAGE),
    }
    return render(request, "coaching/programme_detail.html", context)


@region_permission_required(Perm.COACHING_VIEW)
def programme_detail(request, programme_id: int):
    return _detail_page(request, _programme_or_404(request, programme_id))


@require_POST
@region_permission_required(Perm.COACHING_MANAGE)
def session_create(request, programme_id: int):
    programme = _programme_or_404(request, programme_id, Perm.COACHING_MANAGE)
    form = SessionForm(request.POST, districts=selectors.session_districts(programme=programme))
    if form.is_valid():
        try:
            session = services.session_create(actor=request.actor, programme_id=programme.pk, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Session “%(title)s” has been added.") % {"title": session.title})
            return redirect(reverse("coaching:programme_detail", args=[programme.pk]) + "#sessions")
    return _detail_page(request, programme, session_form=form)


def _session_or_404(request, session_id: int) -> Session:
    try:
        return selectors.session_get(
            actor=request.actor, session_id=session_id, permission=Perm.COACHING_MANAGE
        )
    except Session.DoesNotExist:
        raise Http404(_("This session does not exist in your region.")) from None


@region_permission_required(Perm.COACHING_MANAGE)
def session_edit(request, session_id: int):
    session = _session_or_404(request, session_id)
    programme = session.programme
    form = SessionForm(
        request.POST or None,
        districts=selectors.session_districts(programme=programme),
        initial=SessionForm.initial_for(session),
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_update(actor=request.actor, session_id=session.pk, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Session “%(title)s” has been saved.") % {"title": session.title})
            return redirect(reverse("coaching:programme_detail", args=[programme.pk]) + "#sessions")
    context = {
        "form": form,
        "session": session,
        "programme": programme,
        "breadcrumbs": [_root_crumb(), _programme_crumb(programme), {"label": session.title}],
    }
    return render(request, "coaching/session_form.html", context)


@require_POST
@region_permission_required(Perm.COACHING_MANAGE)
def session_delete(request, session_id: int):
    session = _session_or_404(request, session_id)
    try:
        services.session_delete(actor=request.actor, session_id=session.pk)
    except DomainError as error:
        _refuse(error)
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("Session “%(title)s” has been deleted.") % {"title": session.title})
    return redirect(reverse("coaching:programme_detail", args=[session.programme_id]) + "#sessions")


@require_POST
@region_permission_required(Perm.COACHING_MANAGE)
def participant_add(request, programme_id: int):
    programme = _programme_or_404(request, programme_id, Perm.COACHING_MANAGE)
    form = ParticipantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an enterprise from the search results."))
    else:
        try:
            participant = services.participant_add(
                actor=request.actor, programme_id=programme.pk, enterprise_id=form.cleaned_data["enterprise"]
            )
        except DomainError as error:
            _refuse(error)
            messages.error(request, error.errors[0].message)
        else:
            messages.success(
                request,
                _("%(name)s now takes part in the programme.") % {"name": participant.enterprise.name},
            )
    search = request.POST.get("q", "").strip()
    query = f"?{urlencode({'q': search})}" if search else ""
    return redirect(f"{reverse('coaching:programme_detail', args=[programme.pk])}{query}#participants")


def _participant_or_404(request, participant_id: int) -> Participant:
    try:
        return selectors.participant_get(
            actor=request.actor, participant_id=participant_id, permission=Perm.COACHING_MANAGE
        )
    except Participant.DoesNotExist:
        raise Http404(_("This participant does not exist in your region.")) from None


@require_POST
@region_permission_required(Perm.COACHING_MANAGE)
def participant_remove(request, participant_id: int):
    participant = _participant_or_404(request, participant_id)
    try:
        services.participant_remove(actor=request.actor, participant_id=participant.pk)
    except DomainError as error:
        _refuse(error)
        messages.error(request, error.errors[0].message)
    else:
        messages.success(
            request, _("%(name)s has been taken off the programme.") % {"name": participant.enterprise.name}
        )
    return redirect(reverse("coaching:programme_detail", args=[participant.programme_id]) + "#participants")


@region_permission_required(Perm.COACHING_MANAGE)
def outcome_create(request, participant_id: int):
    participant = _participant_or_404(request, participant_id)
    programme = participant.programme
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.outcome_record(
                actor=request.actor, participant_id=participant.pk, **form.values()
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            if outcome.licence_id:
                text = _("“%(outcome)s” has been recorded for %(name)s, and the licence is in the register.")
            else:
                text = _("“%(outcome)s” has been recorded for %(name)s.")
            messages.success(
                request, text % {"outcome": outcome.get_type_display(), "name": participant.enterprise.name}
            )
            return redirect(reverse("coaching:programme_detail", args=[programme.pk]) + "#participants")
    context = {
        "form": form,
        "participant": participant,
        "programme": programme,
        "outcomes": participant.outcomes.order_by("achieved_on", "pk"),
        "breadcrumbs": [
            _root_crumb(),
            _programme_crumb(programme),
            {"label": gettext_lazy("Record an outcome")},
        ],
    }
    return render(request, "coaching/outcome_form.html", context)


@require_POST
@region_permission_required(Perm.COACHING_MANAGE)
def outcome_delete(request, outcome_id: int):
    try:
        outcome = selectors.outcome_get(
            actor=request.actor, outcome_id=outcome_id, permission=Perm.COACHING_MANAGE
        )
    except Outcome.DoesNotExist:
        raise Http404(_("This outcome does not exist in your region.")) from None
    try:
        services.outcome_remove(actor=request.actor, outcome_id=outcome.pk)
    except DomainError as error:
        _refuse(error)
        messages.error(request, error.errors[0].message)
    else:
        messages.success(
            request,
            _("“%(outcome)s” of %(name)s has been removed.")
            % {"outcome": outcome.get_type_display(), "name": outcome.participant.enterprise.name},
        )
    return redirect(
        reverse("coaching:programme_detail", args=[outcome.participant.programme_id]) + "#participants"
    )
