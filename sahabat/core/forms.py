"""Form helpers shared by every app."""

from django import forms

from sahabat.core.errors import DomainError


def apply_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    for detail in error.errors:
        field = detail.field if detail.field in form.fields else None
        form.add_error(field, forms.ValidationError(detail.message, code=detail.code))
