"""The Kemendagri region tree: provinces, regencies/cities (the tenants), districts and villages."""

from functools import cached_property
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ("Region",)


class Region(models.Model):
    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Province")
        REGENCY = 2, _("Regency/city")
        DISTRICT = 3, _("District")
        VILLAGE = 4, _("Village")

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", _("Province")
        KABUPATEN = "kabupaten", _("Regency")
        KOTA = "kota", _("City")
        KECAMATAN = "kecamatan", _("District")
        DESA = "desa", _("Village")
        KELURAHAN = "kelurahan", _("Urban village")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    code = models.CharField(_("code"), max_length=13, unique=True, help_text=_("Kemendagri code, e.g. 35.09"))
    name = models.CharField(_("name"), max_length=100, db_index=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    timezone = models.CharField(_("time zone"), max_length=20, choices=TimeZone.choices, default=TimeZone.WIB)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    code_version = models.CharField(
        _("code version"),
        max_length=60,
        help_text=_("The decree the code follows, e.g. Kepmendagri 300.2.2-2138/2025"),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ("code",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level=1, parent__isnull=True)
                | models.Q(level__gt=1, parent__isnull=False),
                name="region_parent_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_tenant(self) -> bool:
        """A tenant of the platform is a regency or a city."""
        return self.level == self.Level.REGENCY

    @cached_property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def timezone_abbreviation(self) -> str:
        return self.TimeZone(self.timezone).name
