"""Users, their memberships in regions, API tokens for devices, and the access log."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from sahabat.accounts.permissions import Role

__all__ = ("AccessLog", "ApiToken", "Membership", "User")


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        return self.full_name or self.get_username()

    def get_short_name(self) -> str:
        # Indonesian officials' names often open with titles ("Ir. H. Hendy Siswanto"): greet the person.
        words = self.full_name.split()
        given = next((word for word in words if "." not in word and "," not in word), None)
        return given or self.full_name or self.get_username()


class Membership(models.Model):
    """A user's role in one regency or city: the tenant boundary of every query."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), related_name="memberships", on_delete=models.CASCADE
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="memberships", on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    agency = models.ForeignKey(
        "purchasing.Agency",
        verbose_name=_("agency"),
        related_name="focal_points",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For agency focal points: the one agency they work for."),
    )
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), related_name="+", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager(region="region")
    # Related-object access (enterprise.licences) and framework code use this one; selectors use `objects`.
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=("user", "region", "role"), name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.region} · {self.get_role_display()}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class ApiToken(models.Model):
    """A secret for a device (a booth phone, a gate counter) or an integration, bound to one region.

    Only a SHA-256 digest is stored: the token is random and long, so a slow hash adds nothing,
    and a fast one keeps authentication cheap for every sales batch.
    """

    PREFIX = "sahabat_"

    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="api_tokens", on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices, default=Role.BOOTH_CASHIER)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        related_name="api_tokens",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Leave empty for a token that works for every event of the region."),
    )
    key_prefix = models.CharField(_("key prefix"), max_length=16, editable=False)
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        User, verbose_name=_("created by"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ScopedManager(region="region")
    # Related-object access (enterprise.licences) and framework code use this one; selectors use `objects`.
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def digest(raw_key: str) -> str:
        return hashlib.sha256(raw_key.encode()).hexdigest()

    @classmethod
    def generate_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class AccessLog(models.Model):
    """Sensitive reads: revealing a NIK or NIP, exporting personal data."""

    class Action(models.TextChoices):
        REVEAL = "reveal", _("Revealed personal data")
        EXPORT = "export", _("Exported personal data")

    user = models.ForeignKey(
        User, verbose_name=_("user"), related_name="+", on_delete=models.PROTECT, null=True
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    objects = ScopedManager(region="region")
    # Related-object access (enterprise.licences) and framework code use this one; selectors use `objects`.
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_type}#{self.object_id}"
        )
