"""Writes of the portal: the catalogue's search documents, rebuilt from the register.

Only an enterprise whose owner agreed (`is_public`) and which is active (not closed, not merged) has
entries, and of its products only the active ones. The public selectors check the same conditions
again on the register rows at read time, so an entry that a bulk update left behind is never shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.utils import timezone, translation

from sahabat.portal.models import CatalogueEntry
from sahabat.portal.text import normalise, sort_key
from sahabat.registry.models import Enterprise, Licence, Product, Sector

# Rows written per INSERT by a full rebuild.
BATCH_SIZE = 2000


def facet_terms(
    *, kind: str, region_code: str = "", district_code: str = "", category: str = "", halal: bool = False
) -> list[str]:
    """Filter values as index terms: `xk` kind, `xr` region, `xd` district, `xc` category, `xhalal`.

    The same function builds the terms of a document and those of a search, so they always agree.
    """
    terms = [f"xk{kind}"]
    if region_code:
        terms.append("xr" + region_code.replace(".", ""))
    if district_code:
        terms.append(district_term(district_code))
    if category:
        terms.append(f"xc{category}")
    if halal:
        terms.append("xhalal")
    return terms


def district_term(district_code: str) -> str:
    return "xd" + district_code.replace(".", "")


def _facets(entry: CatalogueEntry, enterprise: Enterprise) -> str:
    return " ".join(
        facet_terms(
            kind=entry.kind,
            region_code=enterprise.region.code,
            district_code=enterprise.district.code if enterprise.district else "",
            category=entry.category,
            halal=entry.is_halal,
        )
    )


def _place_words(enterprise: Enterprise) -> list[str]:
    return [
        place.name
        for place in (enterprise.district, enterprise.village, enterprise.region)
        if place is not None
    ]


def _entries_for(
    enterprise: Enterprise, products: list[Product], halal_licence: bool
) -> Iterator[CatalogueEntry]:
    now = timezone.now()
    places = _place_words(enterprise)
    # Category and sector names are indexed in Indonesian, the language visitors search in.
    with translation.override("id"):
        sector_label = str(Sector(enterprise.sector).label) if enterprise.sector in Sector.values else ""
        category_labels = {value: str(label) for value, label in Product.Category.choices}
    entry = CatalogueEntry(
        kind=CatalogueEntry.Kind.ENTERPRISE,
        enterprise=enterprise,
        region_id=enterprise.region_id,
        district_id=enterprise.district_id,
        name=enterprise.name,
        sort_name=sort_key(enterprise.name),
        category=enterprise.sector,
        price=None,
        is_halal=halal_licence or any(product.is_halal for product in products),
        search_title=normalise(f"{enterprise.name} {enterprise.brand}"),
        search_body=normalise(
            " ".join([enterprise.description, sector_label, *(product.name for product in products), *places])
        ),
        updated_at=enterprise.updated_at or now,
    )
    entry.search_facets = _facets(entry, enterprise)
    yield entry
    for product in products:
        entry = CatalogueEntry(
            kind=CatalogueEntry.Kind.PRODUCT,
            enterprise=enterprise,
            product=product,
            region_id=enterprise.region_id,
            district_id=enterprise.district_id,
            name=product.name,
            sort_name=sort_key(product.name),
            category=product.category,
            price=product.price,
            is_halal=product.is_halal,
            search_title=normalise(product.name),
            search_body=normalise(
                " ".join(
                    [
                        product.description,
                        category_labels.get(product.category, ""),
                        enterprise.name,
                        enterprise.brand,
                    ]
                )
            ),
            updated_at=product.updated_at or now,
        )
        entry.search_facets = _facets(entry, enterprise)
        yield entry


def _public_enterprises():
    # The catalogue is region-independent by nature (anyone reads it), so it reads the register unscoped.
    return Enterprise.unscoped.filter(is_public=True, status=Enterprise.Status.ACTIVE).select_related(
        "region", "district", "village"
    )


def _build(enterprises: Iterable[Enterprise]) -> Iterator[CatalogueEntry]:
    enterprises = list(enterprises)
    ids = [enterprise.pk for enterprise in enterprises]
    products: dict[int, list[Product]] = defaultdict(list)
    for product in Product.unscoped.filter(enterprise_id__in=ids, is_active=True).order_by("pk"):
        products[product.enterprise_id].append(product)
    halal = set(
        Licence.unscoped.filter(enterprise_id__in=ids, type=Licence.Type.HALAL).values_list(
            "enterprise_id", flat=True
        )
    )
    for enterprise in enterprises:
        yield from _entries_for(enterprise, products[enterprise.pk], enterprise.pk in halal)


@transaction.atomic
def catalogue_refresh(*, enterprise_ids: Iterable[int]) -> int:
    """Rebuild the catalogue entries of these enterprises; returns how many entries they now have."""
    ids = sorted({pk for pk in enterprise_ids if pk is not None})
    if not ids:
        return 0
    CatalogueEntry.objects.filter(enterprise_id__in=ids).delete()
    entries = list(_build(_public_enterprises().filter(pk__in=ids)))
    CatalogueEntry.objects.bulk_create(entries)
    return len(entries)


@transaction.atomic
def catalogue_rebuild() -> int:
    """Rebuild the whole catalogue from the register (`sahabat portal reindex`); returns the entry count."""
    CatalogueEntry.objects.all().delete()
    written = 0
    ids = list(_public_enterprises().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = _public_enterprises().filter(pk__in=ids[start : start + BATCH_SIZE])
        entries = list(_build(chunk))
        CatalogueEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        written += len(entries)
    return written
