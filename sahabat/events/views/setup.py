"""Event set-up pages: the region's events, an event's zones, booths, participants and device tokens,
and the printable sheet of booth QR codes that open the cashier page."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.core.forms import apply_domain_error
from sahabat.core.pagination import paginate
from sahabat.events.forms import (
    BoothFilterForm,
    BoothsForm,
    DecisionForm,
    DeviceTokenForm,
    EventForm,
    EventSearchForm,
    InviteForm,
    InviteSearchForm,
    ZoneForm,
)
from sahabat.events.models import Event, Participation
from sahabat.events.selectors import setup as selectors
from sahabat.events.services import setup as services

BOOTHS_PER_PAGE = 50
# Ten A4 sheets of nine cards; choosing each code's best mask takes ~20 ms, so a page stays within seconds.
QR_CARDS_PER_PAGE = 90
TABS = (
    ("overview", gettext_lazy("Overview"), "events:event_detail"),
    ("booths", gettext_lazy("Booths"), "events:booth_list"),
    ("participants", gettext_lazy("Participants"), "events:participant_list"),
    ("devices", gettext_lazy("Devices"), "events:device_list"),
)


def _refuse(error: DomainError) -> None:
    """A service's refusal that is the page's answer: 404 for an unknown record, 403 for a missing right."""
    if isinstance(error, NotFound):
        raise Http404(error.errors[0].message) from error
    if isinstance(error, DomainPermissionDenied):
        raise PermissionDenied(error.errors[0].message) from error


def _event_or_404(request, event_id: int, permission: str = Perm.EVENTS_VIEW) -> Event:
    try:
        return selectors.event_get(actor=request.actor, event_id=event_id, permission=permission)
    except Event.DoesNotExist:
        raise Http404(_("This event does not exist in your region.")) from None


def _events_crumb() -> dict:
    return {"label": gettext_lazy("Events"), "url": reverse("events:event_list")}


def _event_context(request, event: Event, tab: str, **extra) -> dict:
    """What every tab of an event shows: the summary, the tabs, and whether the reader may change things."""
    crumbs = [_events_crumb(), {"label": event.name, "url": reverse("events:event_detail", args=[event.pk])}]
    tabs = [
        {"key": key, "label": label, "url": reverse(url_name, args=[event.pk])}
        for key, label, url_name in TABS
    ]
    if tab != "overview":
        crumbs.append({"label": dict((key, label) for key, label, _url in TABS)[tab]})
    return {
        "event": event,
        "tab": tab,
        "tabs": tabs,
        "phase": selectors.event_phase(event),
        "summary": selectors.event_setup_summary(actor=request.actor, event=event),
        "can_manage": request.actor.has_perm(Perm.EVENTS_MANAGE, event.region_id),
        "breadcrumbs": crumbs,
        **extra,
    }


def qr_svg(url: str, *, title: str) -> str:
    """A QR code drawn on the server as inline SVG (segno); CSS gives it its printed size."""
    code = segno.make(url, error="m", micro=False)
    # A quiet zone of four modules, as ISO/IEC 18004 asks, so that phones read it next to the card's text.
    # segno escapes the title; the rest is its own markup.
    return mark_safe(code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr", title=title))


# Events


@region_permission_required(Perm.EVENTS_VIEW)
def event_list(request):
    region, actor = request.region, request.actor
    form = EventSearchForm(request.GET)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context = {
        "form": form,
        "search": search,
        "can_manage": actor.has_perm(Perm.EVENTS_MANAGE, region.pk),
        "breadcrumbs": [_events_crumb()],
        **paginate(request, selectors.event_list(actor=actor, region=region, search=search)),
    }
    return render(request, "events/setup/event_list.html", context)


def _event_form_page(request, form: EventForm, event: Event | None = None):
    crumbs = [_events_crumb()]
    if event is not None:
        crumbs += [
            {"label": event.name, "url": reverse("events:event_detail", args=[event.pk])},
            {"label": gettext_lazy("Edit")},
        ]
    else:
        crumbs.append({"label": gettext_lazy("New event")})
    context = {"form": form, "event": event, "breadcrumbs": crumbs}
    return render(request, "events/setup/event_form.html", context)


@region_permission_required(Perm.EVENTS_MANAGE)
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.actor, region=request.region, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Event “%(name)s” has been created. Add its zones and booths next.") % {"name": event.name},
            )
            return redirect("events:event_detail", event.pk)
    return _event_form_page(request, form)


@region_permission_required(Perm.EVENTS_MANAGE)
def event_edit(request, event_id: int):
    event = _event_or_404(request, event_id, Perm.EVENTS_MANAGE)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(actor=request.actor, event_id=event.pk, **form.values())
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Event “%(name)s” has been saved.") % {"name": event.name})
            return redirect("events:event_detail", event.pk)
    return _event_form_page(request, form, event)


# Overview and zones


def _overview_page(request, event: Event, zone_form: ZoneForm):
    zones = selectors.zone_list(actor=request.actor, event=event)
    context = _event_context(request, event, "overview", zones=zones, zone_form=zone_form)
    return render(request, "events/setup/event_detail.html", context)


@region_permission_required(Perm.EVENTS_VIEW)
def event_detail(request, event_id: int):
    event = _event_or_404(request, event_id)
    return _overview_page(request, event, ZoneForm())


@require_POST
@region_permission_required(Perm.EVENTS_MANAGE)
def zone_create(request, event_id: int):
    event = _event_or_404(request, event_id, Perm.EVENTS_MANAGE)
    form = ZoneForm(request.POST)
    if form.is_valid():
        try:
            zone = services.zone_create(actor=request.actor, event_id=event.pk, **form.cleaned_data)
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Zone %(zone)s has been added.") % {"zone": zone})
            return redirect(reverse("events:event_detail", args=[event.pk]) + "#zones")
    return _overview_page(request, event, form)


# Booths


def _booths_page(request, event: Event, booths_form: BoothsForm | None = None):
    actor = request.actor
    zones = selectors.zone_list(actor=actor, event=event)
    filter_form = BoothFilterForm(request.GET, zones=zones)
    filters = filter_form.filters()
    if booths_form is None:
        booths_form = BoothsForm(zones=zones, initial={"zone": filters.get("zone_id")})
    booths = selectors.booth_list(actor=actor, event=event, **filters)
    context = _event_context(
        request,
        event,
        "booths",
        zones=zones,
        filter_form=filter_form,
        is_filtered=bool(filters.get("zone_id") or filters.get("search")),
        booths_form=booths_form,
        **paginate(request, booths, per_page=BOOTHS_PER_PAGE),
    )
    return render(request, "events/setup/booth_list.html", context)


@region_permission_required(Perm.EVENTS_VIEW)
def booth_list(request, event_id: int):
    return _booths_page(request, _event_or_404(request, event_id))


@require_POST
@region_permission_required(Perm.EVENTS_MANAGE)
def booth_create(request, event_id: int):
    event = _event_or_404(request, event_id, Perm.EVENTS_MANAGE)
    form = BoothsForm(request.POST, zones=selectors.zone_list(actor=request.actor, event=event))
    if form.is_valid():
        zone = form.cleaned_data["zone"]
        try:
            booths = services.booths_create(
                actor=request.actor,
                event_id=event.pk,
                zone_id=zone.pk,
                codes=form.cleaned_data["codes"],
                category=form.cleaned_data["category"].strip(),
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s booth has been created in zone %(zone)s.",
                    "%(count)s booths have been created in zone %(zone)s.",
                    len(booths),
                )
                % {"count": len(booths), "zone": zone.code},
            )
            return redirect(f"{reverse('events:booth_list', args=[event.pk])}?{urlencode({'zone': zone.pk})}")
    return _booths_page(request, event, form)


@region_permission_required(Perm.EVENTS_VIEW)
def booth_qr_sheet(request, event_id: int):
    """One card per booth with a QR code that opens the cashier page for that booth; printed on A4."""
    event = _event_or_404(request, event_id)
    zones = selectors.zone_list(actor=request.actor, event=event)
    filter_form = BoothFilterForm(request.GET, zones=zones)
    booths = selectors.booth_list(actor=request.actor, event=event, **filter_form.filters())
    pages = paginate(request, booths, per_page=QR_CARDS_PER_PAGE)
    cashier_url = reverse("events:cashier", args=[event.pk])
    cards = []
    for booth in pages["page_obj"]:
        url = request.build_absolute_uri(f"{cashier_url}?{urlencode({'booth': booth.code})}")
        cards.append({"booth": booth, "url": url, "qr": qr_svg(url, title=booth.code)})
    context = {
        "event": event,
        "cards": cards,
        "filter_form": filter_form,
        **pages,
        "breadcrumbs": [
            _events_crumb(),
            {"label": event.name, "url": reverse("events:event_detail", args=[event.pk])},
            {"label": gettext_lazy("Booth QR codes")},
        ],
    }
    return render(request, "events/setup/booth_qr_sheet.html", context)


# Participants


def _participants_page(request, event: Event):
    actor = request.actor
    can_manage = actor.has_perm(Perm.EVENTS_MANAGE, event.region_id)
    status = request.GET.get("status", "")
    if status not in Participation.Status.values:
        status = ""
    search_form = InviteSearchForm(request.GET)
    search = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
    candidates = (
        selectors.invite_candidates(actor=actor, event=event, search=search) if can_manage and search else []
    )
    context = _event_context(
        request,
        event,
        "participants",
        status=status,
        statuses=Participation.Status.choices,
        search_form=search_form,
        search=search,
        candidates=candidates,
        free_booths=selectors.free_booth_codes(actor=actor, event=event) if can_manage else [],
        **paginate(request, selectors.participation_list(actor=actor, event=event, status=status)),
    )
    return render(request, "events/setup/participant_list.html", context)


@region_permission_required(Perm.EVENTS_VIEW)
def participant_list(request, event_id: int):
    return _participants_page(request, _event_or_404(request, event_id))


@require_POST
@region_permission_required(Perm.EVENTS_MANAGE)
def participant_invite(request, event_id: int):
    event = _event_or_404(request, event_id, Perm.EVENTS_MANAGE)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an enterprise from the search results."))
    else:
        try:
            participation = services.participation_invite(
                actor=request.actor, event_id=event.pk, enterprise_id=form.cleaned_data["enterprise"]
            )
        except DomainError as error:
            _refuse(error)
            messages.error(request, error.errors[0].message)
        else:
            messages.success(
                request,
                _("%(name)s has been invited. Approve it with a booth when it confirms.")
                % {"name": participation.enterprise.name},
            )
    search = request.POST.get("q", "").strip()
    query = f"?{urlencode({'q': search})}" if search else ""
    return redirect(f"{reverse('events:participant_list', args=[event.pk])}{query}")


DECIDED = {
    Participation.Status.APPROVED: gettext_lazy("%(name)s is approved for booth %(booth)s."),
    Participation.Status.REJECTED: gettext_lazy("%(name)s has been rejected."),
    Participation.Status.WITHDRAWN: gettext_lazy("%(name)s has been withdrawn from the event."),
}


@require_POST
@region_permission_required(Perm.EVENTS_MANAGE)
def participant_decide(request, event_id: int, participation_id: int):
    event = _event_or_404(request, event_id, Perm.EVENTS_MANAGE)
    try:
        participation = selectors.participation_get(
            actor=request.actor, event=event, participation_id=participation_id
        )
    except Participation.DoesNotExist:
        raise Http404(_("This participation does not exist in your region.")) from None
    back = reverse("events:participant_list", args=[event.pk]) + "#participants"
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve, reject or withdraw."))
        return redirect(back)
    booth_code = form.cleaned_data["booth"].strip()
    booth = selectors.booth_by_code(actor=request.actor, event=event, code=booth_code) if booth_code else None
    if booth_code and booth is None:
        messages.error(request, _("There is no booth %(code)s in this event.") % {"code": booth_code})
        return redirect(back)
    try:
        participation = services.participation_decide(
            actor=request.actor,
            participation_id=participation.pk,
            status=form.cleaned_data["status"],
            booth_id=booth.pk if booth else None,
        )
    except DomainError as error:
        _refuse(error)
        reason = {"name": participation.enterprise.name, "reason": error.errors[0].message}
        messages.error(request, _("%(name)s: %(reason)s") % reason)
    else:
        messages.success(
            request,
            DECIDED[participation.status]
            % {"name": participation.enterprise.name, "booth": participation.booth or "—"},
        )
    return redirect(back)


# Devices


def _devices_page(request, event: Event, form: DeviceTokenForm, issued=None):
    context = _event_context(
        request,
        event,
        "devices",
        form=form,
        issued=issued,
        **paginate(request, selectors.device_token_list(actor=request.actor, event=event)),
    )
    return render(request, "events/setup/device_list.html", context)


@region_permission_required(Perm.EVENTS_VIEW)
def device_list(request, event_id: int):
    return _devices_page(request, _event_or_404(request, event_id), DeviceTokenForm())


@require_POST
@region_permission_required(Perm.EVENTS_MANAGE)
def device_create(request, event_id: int):
    event = _event_or_404(request, event_id, Perm.EVENTS_MANAGE)
    form = DeviceTokenForm(request.POST)
    issued = None
    if form.is_valid():
        try:
            issued = services.event_device_token_create(
                actor=request.actor, event_id=event.pk, **form.cleaned_data
            )
        except DomainError as error:
            _refuse(error)
            apply_domain_error(form, error)
        else:
            form = DeviceTokenForm()
    # Rendered, not redirected: the raw token exists only in this response.
    return _devices_page(request, event, form, issued)


@require_POST
@region_permission_required(Perm.EVENTS_MANAGE)
def device_revoke(request, event_id: int, token_id: int):
    event = _event_or_404(request, event_id, Perm.EVENTS_MANAGE)
    try:
        token = services.event_device_token_revoke(actor=request.actor, event_id=event.pk, token_id=token_id)
    except DomainError as error:
        _refuse(error)
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("Device token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("events:device_list", event.pk)


urlpatterns = [
    path("events/", event_list, name="event_list"),
    path("events/new/", event_create, name="event_create"),
    path("events/<int:event_id>/", event_detail, name="event_detail"),
    path("events/<int:event_id>/edit/", event_edit, name="event_edit"),
    path("events/<int:event_id>/zones/new/", zone_create, name="zone_create"),
    path("events/<int:event_id>/booths/", booth_list, name="booth_list"),
    path("events/<int:event_id>/booths/new/", booth_create, name="booth_create"),
    path("events/<int:event_id>/booths/qr/", booth_qr_sheet, name="booth_qr_sheet"),
    path("events/<int:event_id>/participants/", participant_list, name="participant_list"),
    path("events/<int:event_id>/participants/invite/", participant_invite, name="participant_invite"),
    path(
        "events/<int:event_id>/participants/<int:participation_id>/decide/",
        participant_decide,
        name="participant_decide",
    ),
    path("events/<int:event_id>/devices/", device_list, name="device_list"),
    path("events/<int:event_id>/devices/new/", device_create, name="device_create"),
    path("events/<int:event_id>/devices/<int:token_id>/revoke/", device_revoke, name="device_revoke"),
]
