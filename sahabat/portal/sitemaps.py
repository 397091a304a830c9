"""sitemap.xml: the public pages, every public enterprise and every public product."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from sahabat.portal.models import CatalogueEntry
from sahabat.registry.models import Enterprise

PUBLIC_PAGES = (
    "portal:catalogue",
    "portal:events",
    "portal:investment",
    "portal:practices",
    "portal:open_data",
)


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return list(PUBLIC_PAGES)

    def location(self, item):
        return reverse(item)


class _EntrySitemap(Sitemap):
    changefreq = "weekly"
    kind = ""

    def items(self):
        return (
            CatalogueEntry.objects.filter(
                kind=self.kind, enterprise__is_public=True, enterprise__status=Enterprise.Status.ACTIVE
            )
            .only("id", "enterprise_id", "product_id", "updated_at")
            .order_by("id")
        )

    def lastmod(self, entry):
        return entry.updated_at


class EnterpriseSitemap(_EntrySitemap):
    kind = CatalogueEntry.Kind.ENTERPRISE

    def location(self, entry):
        return reverse("portal:enterprise", args=[entry.enterprise_id])


class ProductSitemap(_EntrySitemap):
    kind = CatalogueEntry.Kind.PRODUCT

    def items(self):
        return super().items().filter(product__is_active=True)

    def location(self, entry):
        return reverse("portal:product", args=[entry.product_id])


SITEMAPS = {"pages": PagesSitemap, "enterprises": EnterpriseSitemap, "products": ProductSitemap}
