"""The HTTP API under /api/ (OpenAPI at /api/docs): one error shape for every failure."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from sahabat.accounts.api import api_auth
from sahabat.accounts.api import router as accounts_router
from sahabat.coaching.api import router as coaching_router
from sahabat.cooperation.api import router as cooperation_router
from sahabat.core.errors import DomainError
from sahabat.events.api import router as events_router
from sahabat.events.api_dashboard import router as events_dashboard_router
from sahabat.events.api_setup import router as events_setup_router
from sahabat.indicators.api import router as indicators_router
from sahabat.investment.api import router as investment_router
from sahabat.purchasing.api import router as purchasing_router
from sahabat.registry.api import router as registry_router
from sahabat.registry.imports.api import router as imports_router

api = NinjaAPI(
    title="Sahabat UMKM API",
    version="1",
    description="Register, events, purchasing and cooperation data of Indonesian regencies and cities.",
    auth=api_auth,
    urls_namespace="api",
    docs_url="/docs",
)


def _errors(request, status: int, errors: list[dict]):
    return api.create_response(request, {"errors": errors}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request, error: DomainError):
    return api.create_response(request, error.as_dict(), status=error.status)


@api.exception_handler(ValidationError)
def on_validation_error(request, error: ValidationError):
    errors = []
    for item in error.errors:
        location = [
            str(part) for part in item.get("loc", ()) if part not in ("body", "payload", "query", "path")
        ]
        errors.append(
            {
                "field": ".".join(location) or None,
                "code": f"invalid.{item.get('type', 'value')}",
                "message": item.get("msg", _("Invalid value.")),
            }
        )
    return _errors(request, 422, errors)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, error):
    return _errors(
        request, 401, [{"field": None, "code": "auth.required", "message": _("Log in or send an API token.")}]
    )


@api.exception_handler(Http404)
@api.exception_handler(ObjectDoesNotExist)
def on_not_found(request, error):
    return _errors(
        request, 404, [{"field": None, "code": "not_found", "message": _("Not found in your region.")}]
    )


@api.exception_handler(HttpError)
def on_http_error(request, error: HttpError):
    return _errors(request, error.status_code, [{"field": None, "code": "http", "message": str(error)}])


api.add_router("/accounts", accounts_router)
api.add_router("/events", events_router)
api.add_router("/events", events_dashboard_router)
api.add_router("/events", events_setup_router)
api.add_router("/registry", registry_router)
api.add_router("/registry/imports", imports_router)
api.add_router("/cooperation", cooperation_router)
api.add_router("/purchasing", purchasing_router)
api.add_router("/coaching", coaching_router)
api.add_router("/investment", investment_router)
api.add_router("/indicators", indicators_router)
