"""Idempotency keys of API writes: a client that resends a create gets the first result back."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

__all__ = ("ApiIdempotencyKey",)


class ApiIdempotencyKey(models.Model):
    """The `Idempotency-Key` header of one accepted create, and the enterprise it created."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    key = models.CharField(_("idempotency key"), max_length=100)
    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), related_name="+", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    # Framework code uses `unscoped`; the services look keys up through the scoped `objects`.
    unscoped = models.Manager()
    objects = ScopedManager(region="region")

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("API idempotency key")
        verbose_name_plural = _("API idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=("region", "key"), name="idempotency_key_unique_per_region"),
        ]

    def __str__(self) -> str:
        return self.key
