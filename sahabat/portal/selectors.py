"""Reads of the public portal: the catalogue search, public enterprise and product pages, public lists.

Nothing here has an actor: the portal is for anyone. Every read therefore states the public rule
itself, in one place per kind of record: an enterprise is shown only when its owner agreed
(`is_public`) and it is active (never closed or merged), a product only when it is active too, an
event only when it is published, an investment offer once it is past the idea stage, a good practice
only when its region shares it. The owner (name, NIK, phone, birth date, home address) is never read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate
from django.utils.translation import gettext as _

from sahabat.cooperation.models import Practice
from sahabat.core.errors import NotFound
from sahabat.portal.models import CatalogueEntry
from sahabat.portal.services import facet_terms
from sahabat.portal.text import query_terms
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Licence, Product

SORTS = ("relevance", "name", "price", "-price", "newest")


@dataclass(frozen=True)
class CatalogueFilters:
    query: str = ""
    kind: str = CatalogueEntry.Kind.PRODUCT
    region: str = ""  # a regency's code, 35.09
    district: int | None = None
    category: str = ""
    halal: bool = False
    price_min: int | None = None
    price_max: int | None = None
    sort: str = ""


_ENTERPRISE = "xkenterprise"
_PRODUCT = "xkproduct"


def _fts5_expression(
    terms: list[tuple[str, bool]], facets: list[str], *, kind: str, part: str = "all"
) -> str:
    """An FTS5 query: `part` is "all" (the words anywhere), "title" (the words anywhere and every one
    in the title) or "body" (the words anywhere, but not every one in the title)."""
    words = " AND ".join(f'"{word}"*' if prefix else f'"{word}"' for word, prefix in terms)
    clauses = [f"({words})"] if terms else []
    # FTS5 reads "not an enterprise" faster than the list of every product, so products go by that.
    facets = [facet for facet in facets if facet != _PRODUCT]
    if facets:
        clauses.append(f"search_facets : ({' AND '.join(facets)})")
    expression = " AND ".join(clauses)
    if kind != CatalogueEntry.Kind.ENTERPRISE:
        expression = f"({expression}) NOT search_facets : {_ENTERPRISE}"
    if part == "title":
        expression = f"({expression}) AND search_title : ({words})"
    elif part == "body":
        expression = f"({expression}) NOT search_title : ({words})"
    return expression


def _tsquery_words(terms: list[tuple[str, bool]]) -> list[str]:
    return [f"{word}:*" if prefix else word for word, prefix in terms]


def _index_filter(terms, facets, *, kind: str, part: str = "all") -> Q:
    """Rows the full-text index finds, with the meaning of `_fts5_expression`. Words and terms are
    [a-z0-9] only (see `text.word_forms` and `services.facet_terms`), so they are safe in both query
    languages; they still travel as parameters."""
    if connection.vendor == "postgresql":
        # Only positive terms and no weights: then GIN answers exactly, and a count need not read
        # the rows of pages that VACUUM marked all-visible.
        condition = Q(_vector_match("search_vector", " & ".join([*_tsquery_words(terms), *facets])))
        if part != "all":
            in_title = Q(_vector_match("title_vector", " & ".join(_tsquery_words(terms))))
            condition &= in_title if part == "title" else ~in_title
        return condition
    return Q(
        pk__in=RawSQL(
            "SELECT rowid FROM portal_catalogue_fts WHERE portal_catalogue_fts MATCH %s",
            [_fts5_expression(terms, facets, kind=kind, part=part)],
        )
    )


def _vector_match(column: str, query: str) -> RawSQL:
    return RawSQL(
        f"portal_catalogueentry.{column} @@ to_tsquery('simple', %s)", [query], output_field=BooleanField()
    )


# Without words and with at least this many matches, the rows are read in index order (name, price,
# date) and checked against the filters, which fills a page long before the end; below it the
# matching rows are sorted.
DENSE_MATCHES = 5000
_ORDERS = {
    "name": ("sort_name", "id"),
    "price": ("price", "id"),
    "-price": ("-price", "-id"),
    "newest": ("-updated_at", "-id"),
}


def _order(sort: str) -> list:
    # The folded name in byte order: the same on SQLite (BINARY) and PostgreSQL ("C").
    collation = "C" if connection.vendor == "postgresql" else "BINARY"
    return [Collate("sort_name", collation) if name == "sort_name" else name for name in _ORDERS[sort]]


class CatalogueResults:
    """The entries matching a search, counted and read a page at a time, the same on both databases.

    Kind, region, district, category and halal are index terms (`services.facet_terms`), so the
    full-text index selects and counts; only a price range reads the rows. Best match is every
    entry whose title holds all the words, then the others, each part newest entry first: both parts
    come from the index in its own order, so a broad word costs no sort. A page first reads its ids
    (the entry table alone), then those rows with their enterprise, product and places.
    """

    def __init__(self, filters: CatalogueFilters):
        self.filters = filters
        self.kind = filters.kind
        self.sort = effective_sort(filters)
        self.terms = query_terms(filters.query)
        self.priced = filters.price_min is not None or filters.price_max is not None
        district = Region.objects.filter(pk=filters.district).first() if filters.district else None
        region_id = Region.objects.filter(code=filters.region).values_list("pk", flat=True).first()
        self._columns = {"kind": filters.kind}
        if filters.region:
            self._columns["region_id"] = region_id or -1
        if filters.district:
            self._columns["district_id"] = district.pk if district else -1
        if filters.category:
            self._columns["category"] = filters.category
        if filters.halal:
            self._columns["is_halal"] = True
        self.facets = facet_terms(
            kind=filters.kind,
            region_code=filters.region,
            district_code=district.code if district else ("0" if filters.district else ""),
            category=filters.category,
            halal=filters.halal,
        )
        # Filters other than the kind (which every search has).
        self._beyond_kind = len(self.facets) > 1
        self._count: int | None = None
        self._title_count: int | None = None

    def _priced(self, entries: QuerySet) -> QuerySet:
        if self.filters.price_min is not None:
            entries = entries.filter(price__gte=self.filters.price_min)
        if self.filters.price_max is not None:
            entries = entries.filter(price__lte=self.filters.price_max)
        return entries

    def _matching(self, part: str = "all") -> QuerySet:
        return self._priced(
            CatalogueEntry.objects.filter(_index_filter(self.terms, self.facets, kind=self.kind, part=part))
        )

    def _by_columns(self) -> QuerySet:
        return self._priced(CatalogueEntry.objects.filter(**self._columns))

    def _index_count(self, part: str) -> int:
        """How many entries the index finds, asked of the index alone where the database allows it."""
        if connection.vendor == "sqlite" and not self.priced:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM portal_catalogue_fts WHERE portal_catalogue_fts MATCH %s",
                    [_fts5_expression(self.terms, self.facets, kind=self.kind, part=part)],
                )
                return cursor.fetchone()[0]
        return self._matching(part).count()

    def count(self) -> int:
        if self._count is None:
            if not self.terms and (not self._beyond_kind or connection.vendor == "postgresql"):
                self._count = self._by_columns().count()
            else:
                self._count = self._index_count("all")
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _ids(self, entries: QuerySet, order: list, window: slice) -> list[int]:
        return list(entries.order_by(*order).values_list("id", flat=True)[window])

    def _newest_ids(self, part: str, window: slice) -> list[int]:
        """Ids of one part of the best match, newest first; straight from FTS5 in its own order on SQLite."""
        if connection.vendor == "sqlite" and not self.priced:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT rowid FROM portal_catalogue_fts WHERE portal_catalogue_fts MATCH %s "
                    "ORDER BY rowid DESC LIMIT %s OFFSET %s",
                    [
                        _fts5_expression(self.terms, self.facets, kind=self.kind, part=part),
                        window.stop - window.start,
                        window.start,
                    ],
                )
                return [row[0] for row in cursor.fetchall()]
        return self._ids(self._matching(part), ["-id"], window)

    def _best_match_ids(self, window: slice) -> list[int]:
        start, stop = window.start or 0, window.stop
        ids = self._newest_ids("title", slice(start, stop))
        if len(ids) == stop - start:
            # The title part filled the page: how long it is does not matter yet.
            return ids
        # A short title part ends on this page; an empty one ended before it and must be counted.
        if ids:
            title_count = start + len(ids)
        else:
            if self._title_count is None:
                self._title_count = self._index_count("title")
            title_count = self._title_count
        return ids + self._newest_ids("body", slice(max(0, start - title_count), stop - title_count))

    def _page_ids(self, window: slice) -> list[int]:
        if self.sort == "relevance":
            return self._best_match_ids(window)
        dense = not self.terms and (not self._beyond_kind or self.count() >= DENSE_MATCHES)
        entries = self._by_columns() if dense else self._matching()
        return self._ids(entries, _order(self.sort), window)

    def __getitem__(self, window: slice) -> list[CatalogueEntry]:
        if not isinstance(window, slice):
            raise TypeError("CatalogueResults are read a page (a slice) at a time.")
        if self.count() == 0:
            return []
        ids = self._page_ids(slice(window.start or 0, min(window.stop, self.count())))
        rows = CatalogueEntry.objects.select_related("region", "district", "product", "enterprise").in_bulk(
            ids
        )
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self):
        return iter(self[0 : self.count()])


def catalogue_search(filters: CatalogueFilters) -> CatalogueResults:
    """Catalogue entries matching the filters, in the chosen order (the same on both databases).

    The entries are kept in step with the register on every save; `still_public` checks the page
    shown against the register once more, for changes made in bulk behind the signals' back.
    """
    return CatalogueResults(filters)


def still_public(entries) -> list[CatalogueEntry]:
    """The entries whose enterprise is still public and active and whose product is still active."""
    entries = list(entries)
    enterprise_ids = set(
        public_enterprises()
        .filter(pk__in={entry.enterprise_id for entry in entries})
        .values_list("pk", flat=True)
    )
    return [
        entry
        for entry in entries
        if entry.enterprise_id in enterprise_ids and (entry.product is None or entry.product.is_active)
    ]


def effective_sort(filters: CatalogueFilters) -> str:
    """The order `catalogue_search` applies: relevance with a query, name without, unless chosen."""
    if filters.sort in SORTS and not (filters.sort == "relevance" and not query_terms(filters.query)):
        return filters.sort
    return "relevance" if query_terms(filters.query) else "name"


def public_enterprises() -> QuerySet[Enterprise]:
    """Enterprises the public may see: the owner agreed, and the record is active (not closed, not merged)."""
    return Enterprise.unscoped.filter(is_public=True, status=Enterprise.Status.ACTIVE)


def public_enterprise(*, enterprise_id: int) -> Enterprise:
    enterprise = (
        public_enterprises().select_related("region", "district", "village").filter(pk=enterprise_id).first()
    )
    if enterprise is None:
        raise NotFound("enterprise.not_public", _("This business is not in the public catalogue."))
    return enterprise


def public_products(*, enterprise: Enterprise) -> QuerySet[Product]:
    return Product.unscoped.filter(enterprise=enterprise, is_active=True).order_by("name", "pk")


def public_product(*, product_id: int) -> Product:
    product = (
        Product.unscoped.select_related("enterprise__region", "enterprise__district", "enterprise__village")
        .filter(pk=product_id, is_active=True, enterprise__in=public_enterprises())
        .first()
    )
    if product is None:
        raise NotFound("product.not_public", _("This product is not in the public catalogue."))
    return product


def public_licence_types(*, enterprise: Enterprise) -> list[str]:
    """The kinds of licence the enterprise holds (NIB, halal …), without their numbers."""
    types = set(Licence.unscoped.filter(enterprise=enterprise).values_list("type", flat=True))
    return [label for value, label in Licence.Type.choices if value in types]


def whatsapp_number(enterprise: Enterprise) -> str:
    """The business number for a wa.me link, only where the owner agreed; empty otherwise."""
    if not (enterprise.whatsapp_public and enterprise.business_phone):
        return ""
    return "".join(character for character in enterprise.business_phone if character.isdigit())


def catalogue_regions() -> QuerySet[Region]:
    """Regencies and cities with at least one public enterprise, for the region filter."""
    return Region.objects.filter(enterprises__in=public_enterprises()).distinct().order_by("name")


def catalogue_districts(*, region_code: str) -> QuerySet[Region]:
    """Districts of one regency that have public enterprises."""
    ids = public_enterprises().filter(region__code=region_code).values("district_id")
    return Region.objects.filter(pk__in=ids).order_by("name")


def public_practices() -> QuerySet[Practice]:
    """Good practices their region shares; the contact person's name and e-mail stay off the portal."""
    return Practice.unscoped.filter(is_shared=True).select_related("region").order_by("title", "pk")


def public_practice(*, practice_id: int) -> Practice:
    practice = public_practices().filter(pk=practice_id).first()
    if practice is None:
        raise NotFound("practice.not_public", _("This good practice is not shared."))
    return practice
