"""The one domain error type: a stable code for machines and a translated message for people."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ErrorDetail:
    code: str
    message: str
    field: str | None = None
    # Machine-readable context, e.g. the id of the record a duplicate collides with.
    meta: dict | None = None

    def as_dict(self) -> dict:
        data = {"field": self.field, "code": self.code, "message": str(self.message)}
        if self.meta:
            data["meta"] = self.meta
        return data


class DomainError(Exception):
    """Raised by services when a write breaks a business rule.

    `status` is the HTTP status the API answers with (400 bad input, 403 forbidden, 404 unknown,
    409 conflict, 422 rule violated).
    """

    status = 422

    def __init__(
        self,
        code: str,
        message,
        *,
        field: str | None = None,
        status: int | None = None,
        meta: dict | None = None,
    ):
        super().__init__(str(message))
        self.errors = [ErrorDetail(code=code, message=message, field=field, meta=meta)]
        if status is not None:
            self.status = status

    @classmethod
    def many(cls, errors: list[ErrorDetail], *, status: int | None = None) -> DomainError:
        error = cls(
            errors[0].code, errors[0].message, field=errors[0].field, status=status, meta=errors[0].meta
        )
        error.errors = list(errors)
        return error

    def as_dict(self) -> dict:
        return {"errors": [e.as_dict() for e in self.errors]}


class PermissionDenied(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


def domain_error_from_validation(error, *, field: str | None = None) -> DomainError:
    """Turn a Django ValidationError (from the shared validators) into a DomainError."""
    details = []
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for item in errors:
                message = item.message % item.params if item.params else item.message
                details.append(ErrorDetail(code=item.code or "invalid", message=message, field=name))
    else:
        for item in error.error_list:
            message = item.message % item.params if item.params else item.message
            details.append(ErrorDetail(code=item.code or "invalid", message=message, field=field))
    return DomainError.many(details, status=422)
