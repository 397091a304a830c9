"""The one domain error type: a stable code for machines and a translated message for people."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ErrorDetail:
    code: str
    message: str
    field: str | None = None

    def as_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "message": str(self.message)}


class DomainError(Exception):
    """Raised by services when a write breaks a business rule.

    `status` is the HTTP status the API answers with (400 bad input, 403 forbidden, 404 unknown,
    409 conflict, 422 rule violated).
    """

    status = 422

    def __init__(self, code: str, message, *, field: str | None = None, status: int | None = None):
        super().__init__(str(message))
        self.errors = [ErrorDetail(code=code, message=message, field=field)]
        if status is not None:
            self.status = status

    @classmethod
    def many(cls, errors: list[ErrorDetail], *, status: int | None = None) -> DomainError:
        error = cls(errors[0].code, errors[0].message, field=errors[0].field, status=status)
        error.errors = list(errors)
        return error

    def as_dict(self) -> dict:
        return {"errors": [e.as_dict() for e in self.errors]}


class PermissionDenied(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404
