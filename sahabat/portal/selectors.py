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
from sahabat.portal.services import district_term, facet_terms
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


# A prefix standing for more whole words than this stays a prefix query.
PREFIX_WORDS = 32


def _tsquery_words(terms: list[tuple[str, bool]]) -> list[str]:
    """The words of a PostgreSQL tsquery: a prefix becomes the whole words of the catalogue it stands
    for ("kop" becomes "kopi"), which GIN finds several times faster than a prefix (see migration
    portal 0003)."""
    prefixes = [word for word, prefix in terms if prefix]
    expanded: dict[str, list[str]] = {prefix: [] for prefix in prefixes}
    if prefixes:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT prefix, found.word FROM unnest(%s::text[]) AS prefix, LATERAL ("
                "SELECT word FROM portal_catalogue_word WHERE word >= prefix AND word < prefix || '~' "
                "ORDER BY word LIMIT %s) AS found",
                [prefixes, PREFIX_WORDS + 1],
            )
            for prefix, word in cursor.fetchall():
                expanded[prefix].append(word)
    words = []
    for word, prefix in terms:
        whole = expanded.get(word, [])
        if not prefix:
            words.append(word)
        elif whole and len(whole) <= PREFIX_WORDS:
            words.append(f"({' | '.join(whole)})")
        else:
            words.append(f"{word}:*")
    return words


def _fts5_filter(terms, facets, *, kind: str, part: str = "all") -> Q:
    """Rows FTS5 finds, with the meaning of `_fts5_expression`. Words and terms are [a-z0-9] only
    (see `text.word_forms` and `services.facet_terms`), so they are safe in the query language; they
    still travel as parameters."""
    return Q(
        pk__in=RawSQL(
            "SELECT rowid FROM portal_catalogue_fts WHERE portal_catalogue_fts MATCH %s",
            [_fts5_expression(terms, facets, kind=kind, part=part)],
        )
    )


def _postgres_text_filter(words: list[str], facets: list[str], *, part: str = "all") -> Q:
    """Rows PostgreSQL's text index finds for the `_tsquery_words`, with the meaning of
    `_fts5_expression`; `facets` are the filter terms asked of the index (the others are columns).
    Only positive terms and no weights: then GIN answers exactly, without reading each candidate
    row's vector again."""
    everywhere = Q(_vector_match("search_vector", " & ".join([*words, *facets])))
    if part == "all":
        return everywhere
    in_title = Q(_vector_match("title_vector", " & ".join(words)))
    if part == "body":
        return everywhere & ~in_title
    # The title's words are in the whole text too: only the filter terms need the other index.
    return in_title & Q(_vector_match("search_vector", " & ".join(facets))) if facets else in_title


def _vector_match(column: str, query: str) -> RawSQL:
    return RawSQL(
        f"portal_catalogueentry.{column} @@ to_tsquery('simple', %s)", [query], output_field=BooleanField()
    )


# A search counts its matches up to this many and beyond it says "more than 1,000" and pages through
# the first 1,000 (42 pages, further than anyone reads; the filters narrow a broad word). An exact
# count of a common word ("kopi", "oleh-oleh") costs PostgreSQL a visit to every matching row, tens of
# thousands of them; counting up to the limit stops early on both databases.
COUNT_LIMIT = 1000
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


def _postgres_planned(sql: str, parameters, *, index_order: bool) -> list[tuple]:
    """Run a text-search statement on PostgreSQL with a chosen plan and return its rows.

    The planner guesses how many rows match from word statistics and guesses wrong for words or
    filters that come together ("kopi robusta", a word and a price range): it then sorts ten thousand
    matches for a page of 24, or reads the whole table row by row for a handful. The capped counts
    know which case it is. With many matches, walk the index of the order and test each row (a page
    fills early); otherwise take the matches from the text index (GIN), whose cost follows the number
    of matches, never the size of the table.

    The settings and the statement travel together: several statements sent at once are one
    transaction, which SET LOCAL lasts for (a round trip instead of four). Inside a caller's
    transaction SET LOCAL would outlive the statement, so the settings are reset after it."""
    if index_order:
        settings = ("enable_bitmapscan", "enable_seqscan")
    else:
        settings = ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan")
    statements = [f"SET LOCAL {setting} = off" for setting in settings]
    statements.append(sql)
    if connection.in_atomic_block:
        statements += [f"RESET {setting}" for setting in settings]
    with connection.cursor() as cursor:
        cursor.execute("; ".join(statements), parameters)
        for _ in settings:
            cursor.nextset()
        return cursor.fetchall()


def _planned(queryset: QuerySet, *, index_order: bool, count: bool = False):
    """The ORM's statement for `queryset` run by `_postgres_planned` on PostgreSQL (its count when
    `count`), as the ORM runs it elsewhere; the first column of each row, or the count."""
    if connection.vendor != "postgresql":
        return queryset.count() if count else [row[0] for row in queryset]
    sql, parameters = queryset.query.sql_with_params()
    if count:
        sql = f"SELECT count(*) FROM ({sql}) AS limited"
    rows = _postgres_planned(sql, parameters, index_order=index_order)
    return rows[0][0] if count else [row[0] for row in rows]


# What a result card shows (catalogue.html) and `still_public` checks: a page reads only these columns,
# since building the enterprise's and product's whole rows was most of a search's own time.
CARD_FIELDS = (
    "kind",
    "name",
    "category",
    "price",
    "is_halal",
    "enterprise__name",
    "enterprise__sector",
    "product__photo",
    "product__unit",
    "product__is_active",
    "region__name",
    "district__name",
)


class CatalogueResults:
    """The entries matching a search, counted and read a page at a time, the same on both databases.

    Kind, region, district, category and halal are index terms (`services.facet_terms`), so FTS5
    selects and counts; only a price range reads the rows. PostgreSQL reads the rows of its matches
    anyway and checks most filters as columns (see `_matching`). Counts stop at COUNT_LIMIT. Best
    match is every entry whose title holds all the words, then the others, each part newest entry
    first: both parts come from the index in its own order, so a broad word costs no sort. A page
    first reads its ids
    (the entry table alone), then those rows with their enterprise, product and places.
    """

    def __init__(self, filters: CatalogueFilters):
        self.filters = filters
        self.kind = filters.kind
        self.sort = effective_sort(filters)
        self.terms = query_terms(filters.query)
        self.priced = filters.price_min is not None or filters.price_max is not None
        district = Region.objects.filter(pk=filters.district).first() if filters.district else None
        self._columns = {"kind": filters.kind}
        if filters.region:
            region_id = Region.objects.filter(code=filters.region).values_list("pk", flat=True).first()
            self._columns["region_id"] = region_id or -1
        if filters.district:
            self._columns["district_id"] = district.pk if district else -1
        if filters.category:
            self._columns["category"] = filters.category
        if filters.halal:
            self._columns["is_halal"] = True
        self._district_code = district.code if district else ("0" if filters.district else "")
        self.facets = facet_terms(
            kind=filters.kind,
            region_code=filters.region,
            district_code=self._district_code,
            category=filters.category,
            halal=filters.halal,
        )
        # Filters other than the kind (which every search has).
        self._beyond_kind = len(self.facets) > 1
        self._count: int | None = None
        # Whether more than COUNT_LIMIT entries match (known once counted).
        self.more = False
        self._part_counts: dict[str, int] = {}
        self._expanded_words: list[str] | None = None

    def _priced(self, entries: QuerySet) -> QuerySet:
        if self.filters.price_min is not None:
            entries = entries.filter(price__gte=self.filters.price_min)
        if self.filters.price_max is not None:
            entries = entries.filter(price__lte=self.filters.price_max)
        return entries

    def _matching(self, part: str = "all") -> QuerySet:
        if connection.vendor == "postgresql":
            # The kind, a regency, a category and halal are read as columns of the rows GIN leads
            # to (it reads them anyway): as GIN terms they made it intersect lists of up to 200,000
            # entries, which cost more than the words. A district is a small share and stays a term.
            facets = [district_term(self._district_code)] if self._district_code else []
            return self._by_columns().filter(_postgres_text_filter(self._tsquery_words(), facets, part=part))
        return self._priced(
            CatalogueEntry.objects.filter(_fts5_filter(self.terms, self.facets, kind=self.kind, part=part))
        )

    def _tsquery_words(self) -> list[str]:
        if connection.vendor != "postgresql":
            return []
        if self._expanded_words is None:
            self._expanded_words = _tsquery_words(self.terms)
        return self._expanded_words

    def _by_columns(self) -> QuerySet:
        return self._priced(CatalogueEntry.objects.filter(**self._columns))

    def _index_count(self, part: str, *, limit: int) -> int:
        """How many entries the index finds, up to `limit`; asked of the index alone where the database
        allows it."""
        if connection.vendor == "sqlite" and not self.priced:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM (SELECT rowid FROM portal_catalogue_fts "
                    "WHERE portal_catalogue_fts MATCH %s LIMIT %s)",
                    [_fts5_expression(self.terms, self.facets, kind=self.kind, part=part), limit],
                )
                return cursor.fetchone()[0]
        return _planned(self._matching(part).values("id")[:limit], index_order=False, count=True)

    def _matches_up_to(self, limit: int) -> int:
        if not self.terms and (not self._beyond_kind or connection.vendor == "postgresql"):
            return self._by_columns().values("id")[:limit].count()
        return self._index_count("all", limit=limit)

    def _postgres_best_match_counts(self) -> None:
        """Count the title part and the whole result up to COUNT_LIMIT + 1 in one statement. A title
        part beyond the limit already makes the whole result "more than the limit", so the whole
        result is counted only otherwise (PostgreSQL runs the CASE's sub-query only when it is read):
        for a broad word that count was the larger half of the search."""
        (title_sql, title_parameters), (all_sql, all_parameters) = (
            self._matching(part).values("id")[: COUNT_LIMIT + 1].query.sql_with_params()
            for part in ("title", "all")
        )
        ((title, everything),) = _postgres_planned(
            f"SELECT title_count, CASE WHEN title_count > %s THEN title_count "
            f"ELSE (SELECT count(*) FROM ({all_sql}) AS all_part) END "
            f"FROM (SELECT count(*) AS title_count FROM ({title_sql}) AS title_part) AS counted",
            [COUNT_LIMIT, *all_parameters, *title_parameters],
            index_order=False,
        )
        self._part_counts.update(title=title, all=everything)
        if title == 0 or everything <= COUNT_LIMIT:
            # The rest of the result is the body part: exactly, when both counts are below their cap;
            # with an empty title part, the whole count is the body's (capped alike).
            self._part_counts["body"] = everything - title

    def count(self) -> int:
        """How many entries match, at most `COUNT_LIMIT`: the results page through that many."""
        if self._count is None:
            if connection.vendor == "postgresql" and self.terms and self.sort == "relevance":
                # Best match needs the title part's count as well.
                self._postgres_best_match_counts()
                found = self._part_counts["all"]
            else:
                found = self._matches_up_to(COUNT_LIMIT + 1)
            self.more = found > COUNT_LIMIT
            self._count = min(found, COUNT_LIMIT)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _ids(self, entries: QuerySet, order: list, window: slice) -> list[int]:
        return list(entries.order_by(*order).values_list("id", flat=True)[window])

    def _text_match_ids(self, entries: QuerySet, order: list, window: slice, *, many: bool) -> list[int]:
        return _planned(entries.order_by(*order).values_list("id")[window], index_order=many)

    def _part_count(self, part: str) -> int:
        """How many entries one part of the best match holds, up to COUNT_LIMIT + 1 (more than the limit)."""
        if part not in self._part_counts:
            self._part_counts[part] = self._index_count(part, limit=COUNT_LIMIT + 1)
        return self._part_counts[part]

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
        many = self._part_count(part) > COUNT_LIMIT
        return self._text_match_ids(self._matching(part), ["-id"], window, many=many)

    def _best_match_ids(self, window: slice) -> list[int]:
        start, stop = window.start or 0, window.stop
        # Counted first (cheaply, up to the limit), so that an empty or short title part is never
        # looked for row by row.
        title_count = self._part_count("title")
        ids = self._newest_ids("title", slice(start, min(stop, title_count))) if start < title_count else []
        if stop <= title_count:
            return ids
        return ids + self._newest_ids("body", slice(max(0, start - title_count), stop - title_count))

    def _page_ids(self, window: slice) -> list[int]:
        if self.sort == "relevance":
            return self._best_match_ids(window)
        if self.terms:
            entries = self._matching()
            return self._text_match_ids(entries, _order(self.sort), window, many=self.more)
        # PostgreSQL reads filters without words from the columns' indexes, as SQLite does when
        # the matches are dense.
        by_columns = (
            connection.vendor == "postgresql"
            or not self._beyond_kind
            or self._matches_up_to(DENSE_MATCHES) >= DENSE_MATCHES
        )
        entries = self._by_columns() if by_columns else self._matching()
        return self._ids(entries, _order(self.sort), window)

    def __getitem__(self, window: slice) -> list[CatalogueEntry]:
        if not isinstance(window, slice):
            raise TypeError("CatalogueResults are read a page (a slice) at a time.")
        if self.count() == 0:
            return []
        ids = self._page_ids(slice(window.start or 0, min(window.stop, self.count())))
        rows = (
            CatalogueEntry.objects.select_related("region", "district", "product", "enterprise")
            .only(*CARD_FIELDS)
            .in_bulk(ids)
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
