"""The booth cashier page: phone first, two taps per sale, and it keeps recording while offline.

The page itself holds no sales logic: its script queues each sale in the browser and sends the
queue to the ingestion API (`POST /api/events/<id>/sales`), which decides what is stored.
"""

from __future__ import annotations

import hashlib
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.events.models import PaymentMethod
from sahabat.events.selectors.cashier import booth_today_total, cashier_booths, cashier_event
from sahabat.events.services.ledger import MAX_SALE_AMOUNT

# The amounts most booth sales come to (food, drinks, souvenirs): one tap each.
QUICK_AMOUNTS = (5_000, 10_000, 15_000, 20_000, 25_000, 50_000, 100_000)
# Payment buttons in the order cashiers meet them; tapping one saves the sale.
PAYMENT_METHODS = (PaymentMethod.CASH, PaymentMethod.QRIS, PaymentMethod.TRANSFER, PaymentMethod.OTHER)
# What the service worker keeps so that the page opens without network.
OFFLINE_ASSETS = ("core/app.css", "core/logo.svg", "events/cashier.css", "events/cashier.js")


def _event_or_refusal(request, event_id: int):
    """The event, or the page's answer to the ledger's refusal: 404 unknown, 403 not allowed, else why not."""
    try:
        return cashier_event(actor=request.actor, event_id=event_id), None
    except NotFound as error:
        raise Http404(error.errors[0].message) from None
    except DomainPermissionDenied as error:
        raise PermissionDenied(error.errors[0].message) from None
    except DomainError as error:
        return None, error


def _strings() -> dict:
    """Words the script shows; translated here so that the catalogue stays the one source."""
    return {
        "online": _("Online"),
        "logIn": _("Log in"),
        "offline": _("Offline"),
        "typeAmount": _("Type or choose an amount first."),
        "saved": _("Saved"),
        "undoConfirm": _("Cancel the last sale of %(amount)s (%(method)s)? A reversal will be recorded."),
        "undone": _("Last sale cancelled"),
        "loginAgain": _("Your session has ended. Log in again; the sales stay on this phone."),
        "unknownBooth": _("Booth %(booth)s has no approved participant. Choose your booth."),
        "pendingNote": _("includes %(amount)s not yet sent"),
    }


@never_cache
@login_required
def cashier(request, event_id: int):
    event, refusal = _event_or_refusal(request, event_id)
    if refusal is not None:
        return render(request, "events/cashier_closed.html", {"message": refusal.errors[0].message})
    booths = cashier_booths(actor=request.actor, event=event)
    config = {
        "eventId": event.pk,
        "timeZone": event.region.timezone,
        "booths": [{"code": booth.code, "name": booth.enterprise_name} for booth in booths],
        "salesUrl": reverse("api:post_sales", kwargs={"event_id": event.pk}),
        "totalUrl": reverse("events:cashier_booth_total", args=[event.pk]),
        "serviceWorkerUrl": reverse("events:cashier_service_worker", args=[event.pk]),
        "loginUrl": reverse("accounts:login"),
        # get_token also sets the CSRF cookie the script sends back; this copy is its fallback.
        "csrfToken": get_token(request),
        "maxAmount": MAX_SALE_AMOUNT,
        "methodLabels": {method.value: method.label for method in PAYMENT_METHODS},
        "strings": _strings(),
    }
    return render(
        request,
        "events/cashier.html",
        {
            "event": event,
            "booths": booths,
            "quick_amounts": QUICK_AMOUNTS,
            "payment_methods": PAYMENT_METHODS,
            "config": config,
        },
    )


@require_GET
@never_cache
def cashier_booth_total(request, event_id: int):
    """Today's turnover of one booth as JSON; answers in the API's error shape, never with a login page."""
    booth_code = request.GET.get("booth", "").strip()
    if not request.user.is_authenticated:
        error = DomainPermissionDenied("auth.required", _("You need to log in first."), status=401)
        return JsonResponse(error.as_dict(), status=error.status)
    try:
        event = cashier_event(actor=request.actor, event_id=event_id)
        if not booth_code:
            raise DomainError("booth.required", _("Name the booth."), field="booth", status=400)
        total = booth_today_total(actor=request.actor, event=event, booth_code=booth_code)
    except DomainError as error:
        return JsonResponse(error.as_dict(), status=error.status)
    return JsonResponse(
        {
            "booth": total.booth,
            "day": total.day.isoformat(),
            "turnover": total.turnover,
            "sales_count": total.sales_count,
        }
    )


@require_GET
def cashier_service_worker(request, event_id: int):
    """The offline worker, served under the cashier page's path so that its scope is that page only.

    It lists the page's assets by their (hashed, in production) static URLs, and its cache name
    changes with them, so a deployment with new assets replaces the old cache.
    """
    assets = [static(name) for name in OFFLINE_ASSETS]
    page_url = reverse("events:cashier", args=[event_id])
    version = hashlib.sha256(json.dumps(assets).encode()).hexdigest()[:12]
    config = {
        "cachePrefix": f"cashier-{event_id}-",
        "cache": f"cashier-{event_id}-{version}",
        "page": page_url,
        "assets": assets,
    }
    response = render(
        request, "events/cashier_sw.js", {"config_json": json.dumps(config)}, content_type="text/javascript"
    )
    # Browsers must re-check the worker on every visit, or a fixed page would wait a day to arrive.
    response["Cache-Control"] = "no-cache"
    return response


urlpatterns = [
    path("events/<int:event_id>/cashier/", cashier, name="cashier"),
    path("events/<int:event_id>/cashier/total/", cashier_booth_total, name="cashier_booth_total"),
    path("events/<int:event_id>/cashier/sw.js", cashier_service_worker, name="cashier_service_worker"),
]
