"""The public catalogue's search documents: one row per public enterprise and per active product of one.

The rows are a derived index of the register, rebuilt by `services.catalogue_refresh` whenever an
enterprise, product or licence is saved and by `sahabat portal reindex`. They hold only what the
public pages may show. The full-text index over `search_title`, `search_body` and `search_facets` is
created by the
migration for each database: an FTS5 table kept in step by triggers on SQLite, a generated
`tsvector` column with a GIN index on PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ("CatalogueEntry",)


class CatalogueEntry(models.Model):
    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        ENTERPRISE = "enterprise", _("Enterprise")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), related_name="+", on_delete=models.CASCADE
    )
    product = models.ForeignKey(
        "registry.Product",
        verbose_name=_("product"),
        related_name="+",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.CASCADE
    )
    district = models.ForeignKey(
        "regions.Region",
        verbose_name=_("district"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    name = models.CharField(_("name"), max_length=200)
    # Lower case without accents: the same order on both databases (sorted with the "C"/binary collation).
    sort_name = models.CharField(_("sort name"), max_length=200)
    # A product's category, or an enterprise's sector.
    category = models.CharField(_("category"), max_length=20)
    price = models.BigIntegerField(_("price (Rp)"), null=True, blank=True)
    is_halal = models.BooleanField(_("halal"), default=False)
    search_title = models.TextField(_("normalised title"))
    search_body = models.TextField(_("normalised text"))
    # Filter values as index terms (kind, region, district, category, halal): the full-text index
    # intersects them with the words, so a filtered search never scans the table.
    search_facets = models.TextField(_("filter terms"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        constraints = [
            models.UniqueConstraint(
                fields=("product",), condition=models.Q(kind="product"), name="catalogue_one_per_product"
            ),
            models.UniqueConstraint(
                fields=("enterprise",),
                condition=models.Q(kind="enterprise"),
                name="catalogue_one_per_enterprise",
            ),
        ]
        indexes = [
            models.Index(fields=("kind", "sort_name", "id"), name="catalogue_kind_name"),
            models.Index(fields=("kind", "price", "id"), name="catalogue_kind_price"),
            models.Index(fields=("kind", "updated_at", "id"), name="catalogue_kind_updated"),
            models.Index(fields=("kind", "region", "category"), name="catalogue_kind_region"),
        ]

    def __str__(self) -> str:
        return self.name
