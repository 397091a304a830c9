"""The API's one error shape: its schema, and the handlers that turn every failure into it."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from sahabat.core.errors import DomainError
from sahabat.core.security import RateLimited


class ErrorOut(Schema):
    field: str | None
    code: str
    message: str
    meta: dict | None = None


class ErrorsOut(Schema):
    errors: list[ErrorOut]


# The failures every operation documents beside its own answers.
ERRORS = {status: ErrorsOut for status in (400, 401, 403, 404, 409, 422)}

# Where pydantic locates a request error, before the field's own path.
_REQUEST_PARTS = ("body", "payload", "query", "path")

# django-ninja raises these with English texts of its own; they get a stable code and Indonesian.
_NINJA_HTTP_ERRORS = {
    "CSRF check Failed": (
        "auth.csrf",
        gettext_lazy(
            "The CSRF token of this session is missing (CSRF check). Reload the page, or call the API "
            "with a token instead of a browser session."
        ),
    ),
    "Cannot parse request body": ("request.malformed", gettext_lazy("The request body is not valid JSON.")),
}


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every failure of `api` as `{"errors": [{"field", "code", "message"}]}`."""

    def errors(request, status: int, items: list[dict]):
        return api.create_response(request, {"errors": items}, status=status)

    def one_error(request, status: int, code: str, message: str):
        return errors(request, status, [{"field": None, "code": code, "message": message}])

    @api.exception_handler(DomainError)
    def on_domain_error(request, error: DomainError):
        return api.create_response(request, error.as_dict(), status=error.status)

    @api.exception_handler(RateLimited)
    def on_rate_limited(request, error: RateLimited):
        response = api.create_response(request, error.as_dict(), status=error.status)
        response["Retry-After"] = str(error.retry_after)
        return response

    @api.exception_handler(ValidationError)
    def on_validation_error(request, error: ValidationError):
        items = []
        for item in error.errors:
            location = [str(part) for part in item.get("loc", ()) if part not in _REQUEST_PARTS]
            items.append(
                {
                    "field": ".".join(location) or None,
                    "code": f"invalid.{item.get('type', 'value')}",
                    "message": item.get("msg", _("Invalid value.")),
                }
            )
        return errors(request, 422, items)

    @api.exception_handler(AuthenticationError)
    def on_authentication_error(request, error):
        return one_error(request, 401, "auth.required", _("Log in or send an API token."))

    @api.exception_handler(Http404)
    @api.exception_handler(ObjectDoesNotExist)
    def on_not_found(request, error):
        return one_error(request, 404, "not_found", _("Not found in your region."))

    # A page number or id beyond what the database stores (64-bit integers) fails in the driver
    # (OverflowError on SQLite, DataError on PostgreSQL): the request is wrong, not the server.
    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def on_out_of_range(request, error):
        return one_error(request, 422, "invalid.out_of_range", _("A number in the request is out of range."))

    @api.exception_handler(HttpError)
    def on_http_error(request, error: HttpError):
        text = str(error)
        # With DEBUG on, ninja adds the parser's own words after its text.
        code, message = next(
            (known for prefix, known in _NINJA_HTTP_ERRORS.items() if text.startswith(prefix)), ("http", text)
        )
        return one_error(request, error.status_code, code, str(message))
