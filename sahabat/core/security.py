"""Browser hardening headers (a Content Security Policy with per-request nonces) and the API rate limit."""

from __future__ import annotations

import logging
import math
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from sahabat.core.errors import DomainError

logger = logging.getLogger("sahabat.security")

# Everything the pages use is served by the project itself (no CDN). Inline <script>/<style> run only
# with the request's nonce; inline style="" attributes and event-handler attributes never run.
CONTENT_SECURITY_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'nonce-{nonce}'"),
    ("style-src", "'self' 'nonce-{nonce}'"),
    # Charts are inline SVG; data: covers small images drawn by CSS and Swagger UI's icons.
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("frame-ancestors", "'none'"),
    ("form-action", "'self'"),
)
# Browser features no page of the platform needs. The cashier scans booth QR codes with the phone's
# own camera app (the code is a link), so the camera stays off too.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)


def content_security_policy(nonce: str) -> str:
    return "; ".join(f"{name} {sources.format(nonce=nonce)}" for name, sources in CONTENT_SECURITY_POLICY)


class SecurityHeadersMiddleware:
    """Give every request a fresh CSP nonce (`request.csp_nonce`) and every response the policy headers.

    Django's SecurityMiddleware and XFrameOptionsMiddleware already send nosniff, the referrer policy,
    the cross-origin opener policy, HSTS behind TLS and X-Frame-Options; this adds what Django 5.2 lacks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(nonce))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def csp_nonce(request) -> dict:
    """Template context: `csp_nonce`, the name django-htmx's `{% htmx_script %}` looks for."""
    return {"csp_nonce": SimpleLazyObject(lambda: getattr(request, "csp_nonce", ""))}


API_PREFIX = "/api/"
# Bodies whose text fields the guard reads for NUL characters.
TEXT_BODIES = {"application/json", "application/x-www-form-urlencoded", "multipart/form-data"}


def _refusal(request, status: int, code: str, message: str) -> HttpResponse:
    """The API's error shape under /api/, a short plain-text page elsewhere."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"errors": [{"field": None, "code": code, "message": message}]}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RequestGuardMiddleware:
    """Refuse, before any view runs, input no view can store: NUL characters and oversized bodies.

    PostgreSQL text cannot hold NUL (the driver raises: a 500), and not every view reads its input
    through a form field that refuses it, so a NUL in the path, the query string, a JSON body or a form
    field (not a file) is refused here with 400. A body over DATA_UPLOAD_MAX_MEMORY_SIZE gets 413. Under
    /api/ both come in the API's error shape.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "%00" in query or "\x00" in query:
            return _refusal(request, 400, "request.nul_character", _nul_message())
        if request.method in ("POST", "PUT", "PATCH") and request.content_type in TEXT_BODIES:
            try:
                has_nul = _body_has_nul(request)
            except RequestDataTooBig:
                return _refusal(
                    request,
                    413,
                    "request.too_large",
                    _("The request is larger than %(limit)s. Send it in smaller parts.")
                    % {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)},
                )
            if has_nul:
                return _refusal(request, 400, "request.nul_character", _nul_message())
        return self.get_response(request)


def _body_has_nul(request) -> bool:
    if request.content_type == "application/json":
        return b"\x00" in request.body or b"\\u0000" in request.body
    # Form fields as Django parsed them (uploaded files stay out of it: they are binary).
    return any(
        "\x00" in name or any("\x00" in value for value in values) for name, values in request.POST.lists()
    )


def _nul_message() -> str:
    return _("The request contains a NUL character, which no field accepts.")


class RateLimited(DomainError):
    """Too many requests from one API token; `retry_after` is the number of seconds to wait."""

    status = 429

    def __init__(self, retry_after: int):
        super().__init__(
            "rate_limited",
            _("Too many requests from this device. Wait %(seconds)d seconds and send again.")
            % {"seconds": retry_after},
        )
        self.retry_after = retry_after


def api_token_throttle(*, token_id: int) -> None:
    """Count one request of an API token in the current minute; refuse it beyond the limit.

    A fixed one-minute window in the shared cache (Redis when several hosts serve the API). The limit
    (API_TOKEN_RATE_LIMIT per minute, 0 for none) is set far above what a booth phone sends, even while
    it uploads a day of offline sales, so that it only stops a runaway or stolen token.
    """
    limit = settings.API_TOKEN_RATE_LIMIT
    if limit <= 0:
        return
    now = time.time()
    window = int(now // 60)
    key = f"api-rate:{token_id}:{window}"
    try:
        cache.add(key, 0, timeout=120)
        count = cache.incr(key)
    except Exception:  # noqa: BLE001 - a cache outage must not stop a booth from sending its sales
        logger.warning("api rate limit skipped: cache unavailable", exc_info=True)
        return
    if count > limit:
        raise RateLimited(retry_after=max(1, math.ceil((window + 1) * 60 - now)))
