"""Public pages: the catalogue, enterprise and product pages, events, investment offers, good practices,
open data. No login; every read goes through `portal.selectors`, which holds the public rules."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from sahabat.core.errors import NotFound
from sahabat.core.pagination import paginate
from sahabat.events.selectors.public import published_events
from sahabat.events.selectors.setup import EventPhase, event_phase
from sahabat.investment.selectors import projects_public
from sahabat.portal import selectors
from sahabat.portal.forms import CatalogueForm
from sahabat.portal.models import CatalogueEntry
from sahabat.portal.opendata import CACHE_SECONDS, DATASETS, LICENCE_NAME, LICENCE_URL, SMALL_COUNT

PAGE_SIZE = 24


def _found(read, **kwargs):
    try:
        return read(**kwargs)
    except NotFound as error:
        raise Http404(error.errors[0].message) from None


def _crumbs(*items):
    return [{"label": label, "url": url} for label, url in items]


def catalogue(request):
    form = CatalogueForm(request.GET)
    filters = form.filters()
    entries = selectors.catalogue_search(filters)
    pages = paginate(request, entries, per_page=PAGE_SIZE)
    pages["page_obj"].object_list = selectors.still_public(pages["page_obj"].object_list)
    context = {
        "form": form,
        "filters": filters,
        "sort": selectors.effective_sort(filters),
        "products": filters.kind == CatalogueEntry.Kind.PRODUCT,
        "breadcrumbs": _crumbs((_("UMKM catalogue"), "")),
        **pages,
    }
    return render(request, "portal/catalogue.html", context)


def enterprise(request, enterprise_id: int):
    found = _found(selectors.public_enterprise, enterprise_id=enterprise_id)
    context = {
        "enterprise": found,
        "products": selectors.public_products(enterprise=found),
        "licences": selectors.public_licence_types(enterprise=found),
        "whatsapp": selectors.whatsapp_number(found),
        "breadcrumbs": _crumbs((_("UMKM catalogue"), reverse("portal:catalogue")), (found.name, "")),
    }
    return render(request, "portal/enterprise.html", context)


def product(request, product_id: int):
    found = _found(selectors.public_product, product_id=product_id)
    owner = found.enterprise
    context = {
        "product": found,
        "enterprise": owner,
        "whatsapp": selectors.whatsapp_number(owner),
        "breadcrumbs": _crumbs(
            (_("UMKM catalogue"), reverse("portal:catalogue")),
            (owner.name, reverse("portal:enterprise", args=[owner.pk])),
            (found.name, ""),
        ),
    }
    return render(request, "portal/product.html", context)


def events(request):
    rows = [(event, EventPhase.LABELS[event_phase(event)]) for event in published_events()]
    return render(request, "portal/events.html", {"events": rows, "breadcrumbs": _crumbs((_("Events"), ""))})


def investment(request):
    context = {
        "breadcrumbs": _crumbs((_("Investment offers"), "")),
        **paginate(request, projects_public(), per_page=PAGE_SIZE),
    }
    return render(request, "portal/investment.html", context)


def investment_detail(request, project_id: int):
    project = projects_public().filter(pk=project_id).first()
    if project is None:
        raise Http404(_("This investment offer is not public."))
    context = {
        "project": project,
        "breadcrumbs": _crumbs((_("Investment offers"), reverse("portal:investment")), (project.title, "")),
    }
    return render(request, "portal/investment_detail.html", context)


def practices(request):
    context = {
        "breadcrumbs": _crumbs((_("Good practices"), "")),
        **paginate(request, selectors.public_practices(), per_page=PAGE_SIZE),
    }
    return render(request, "portal/practices.html", context)


def practice_detail(request, practice_id: int):
    practice = _found(selectors.public_practice, practice_id=practice_id)
    context = {
        "practice": practice,
        "steps": [line for line in practice.steps.splitlines() if line.strip()],
        "kpis": [line for line in practice.kpis.splitlines() if line.strip()],
        "breadcrumbs": _crumbs((_("Good practices"), reverse("portal:practices")), (practice.title, "")),
    }
    return render(request, "portal/practice_detail.html", context)


def open_data(request):
    context = {
        "datasets": DATASETS.values(),
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "small_count": SMALL_COUNT,
        "cache_minutes": CACHE_SECONDS // 60,
        "breadcrumbs": _crumbs((_("Open data"), "")),
    }
    return render(request, "portal/open_data.html", context)
