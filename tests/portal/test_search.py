"""The catalogue search: what it finds, what it never shows, and its order (the same on both databases)."""

import pytest
from django.db import connection, transaction

from sahabat.portal import selectors
from sahabat.portal.models import CatalogueEntry
from sahabat.portal.selectors import CatalogueFilters, catalogue_search, still_public
from sahabat.portal.services import catalogue_rebuild
from sahabat.registry.models import Enterprise, Product
from tests.portal.world import make_public, product_of, public_enterprise

pytestmark = pytest.mark.django_db


def _names(**filters) -> list[str]:
    return [entry.name for entry in catalogue_search(CatalogueFilters(**filters))]


@pytest.fixture
def shops(jember, sarolangun):
    batik = public_enterprise(jember, name="Sanggar Batik Sekar", description="Batik tulis khas Jember")
    kopi = public_enterprise(sarolangun, name="Kopi Lestari", whatsapp=True, business_phone="081234567890")
    kripik = public_enterprise(jember, name="Dapur Bu Sri")
    product_of(batik, name="Batik Tulis Jember", price=350000, category=Product.Category.FASHION)
    product_of(
        kopi, name="Kopi Robusta Sarolangun", price=60000, category=Product.Category.BEVERAGE, is_halal=True
    )
    product_of(kripik, name="Kripik Tempe Pedas", price=15000, category=Product.Category.FOOD, is_halal=True)
    product_of(
        kripik, name="Prol Tape", price=40000, category=Product.Category.FOOD, description="Keripik bukan"
    )
    return {"batik": batik, "kopi": kopi, "kripik": kripik}


def test_batik_finds_batik_tulis_jember(shops):
    assert _names(query="batik") == ["Batik Tulis Jember"]


def test_kopi_finds_kopi_robusta_sarolangun(shops):
    assert _names(query="kopi") == ["Kopi Robusta Sarolangun"]


def test_keripik_finds_kripik(shops):
    assert _names(query="keripik")[0] == "Kripik Tempe Pedas"


def test_a_title_match_comes_before_a_description_match(shops):
    assert _names(query="keripik") == ["Kripik Tempe Pedas", "Prol Tape"]


def test_every_word_must_match(shops):
    assert _names(query="kopi jember") == []


def test_a_word_matches_as_a_prefix(shops):
    assert _names(query="robu") == ["Kopi Robusta Sarolangun"]


def test_the_region_name_is_searchable(shops):
    assert _names(query="sarolangun kopi") == ["Kopi Robusta Sarolangun"]


def test_an_enterprise_is_found_by_its_products(shops):
    assert _names(query="tempe", kind=CatalogueEntry.Kind.ENTERPRISE) == ["Dapur Bu Sri"]


def test_businesses_are_listed_by_name(shops):
    assert _names(kind=CatalogueEntry.Kind.ENTERPRISE) == [
        "Dapur Bu Sri",
        "Kopi Lestari",
        "Sanggar Batik Sekar",
    ]


def test_district_filter(shops, jember):
    from sahabat.regions.models import Region

    district = Region.objects.filter(parent=jember).order_by("code").first()
    shops["kripik"].district = district
    shops["kripik"].save()
    assert _names(district=district.pk) == ["Kripik Tempe Pedas", "Prol Tape"]


def test_category_filter(shops):
    assert _names(category=Product.Category.BEVERAGE) == ["Kopi Robusta Sarolangun"]


def test_filters_combine(shops, jember):
    assert _names(region=jember.code, halal=True) == ["Kripik Tempe Pedas"]


def test_price_range_is_inclusive(shops):
    assert _names(price_min=15000, price_max=60000, sort="price") == [
        "Kripik Tempe Pedas",
        "Prol Tape",
        "Kopi Robusta Sarolangun",
    ]


def test_sorting_by_highest_price(shops):
    assert _names(sort="-price")[0] == "Batik Tulis Jember"


def test_without_a_query_the_order_is_by_name(shops):
    assert _names() == ["Batik Tulis Jember", "Kopi Robusta Sarolangun", "Kripik Tempe Pedas", "Prol Tape"]


def test_an_enterprise_without_consent_is_not_listed(jember):
    hidden = public_enterprise(jember, name="Batik Rahasia")
    product_of(hidden, name="Batik Rahasia")
    hidden.is_public = False
    hidden.save()
    assert _names(query="batik") == []


def test_a_closed_enterprise_is_not_listed(shops):
    shops["batik"].status = Enterprise.Status.CLOSED
    shops["batik"].save()
    assert _names(query="batik") == []


def test_a_merged_enterprise_is_hidden_even_when_the_index_missed_the_change(shops):
    # A bulk update sends no signal: the page shown is checked against the register once more.
    Enterprise.unscoped.filter(pk=shops["batik"].pk).update(status=Enterprise.Status.MERGED)
    assert still_public(catalogue_search(CatalogueFilters(query="batik"))) == []


def test_an_inactive_product_is_not_listed(shops):
    product = Product.unscoped.get(name="Prol Tape")
    product.is_active = False
    product.save()
    assert "Prol Tape" not in _names()


def test_a_renamed_product_is_found_under_its_new_name(shops):
    product = Product.unscoped.get(name="Prol Tape")
    product.name = "Suwar-Suwir"
    product.save()
    assert _names(query="suwir") == ["Suwar-Suwir"]


def test_a_deleted_product_leaves_the_catalogue(shops):
    Product.unscoped.get(name="Prol Tape").delete()
    assert "Prol Tape" not in _names()


def test_reindex_rebuilds_what_a_bulk_update_changed(shops):
    Enterprise.unscoped.filter(pk=shops["kopi"].pk).update(name="Kedai Kopi Lestari")
    catalogue_rebuild()
    assert _names(query="kedai", kind=CatalogueEntry.Kind.ENTERPRISE) == ["Kedai Kopi Lestari"]


def test_consent_given_later_adds_the_enterprise(jember):
    enterprise = public_enterprise(jember, name="Madu Hutan Raya")
    enterprise.is_public = False
    enterprise.save()
    make_public(enterprise)
    assert _names(query="madu", kind=CatalogueEntry.Kind.ENTERPRISE) == ["Madu Hutan Raya"]


def test_a_query_of_punctuation_only_lists_everything(shops):
    assert len(_names(query='"*:()')) == 4


@pytest.fixture
def honey_shop(jember):
    shop = public_enterprise(jember, name="Toko Serba Ada")
    for name in ("Madu Hutan", "Madu Klanceng", "Madu Randu"):
        product_of(shop, name=name)
    for name in ("Propolis", "Lilin Lebah"):
        product_of(shop, name=name, description="Dari peternak madu")
    return shop


def test_a_page_across_the_title_and_text_parts_keeps_the_order(honey_shop):
    results = catalogue_search(CatalogueFilters(query="madu"))
    everything = [entry.name for entry in results[0:5]]
    assert everything == ["Madu Randu", "Madu Klanceng", "Madu Hutan", "Lilin Lebah", "Propolis"]
    assert [entry.name for entry in results[2:4]] == everything[2:4]
    assert [entry.name for entry in catalogue_search(CatalogueFilters(query="madu"))[4:5]] == ["Propolis"]


def test_the_count_stops_at_the_limit(honey_shop, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 3)
    results = catalogue_search(CatalogueFilters(query="madu"))
    assert (results.count(), results.more) == (3, True)


def test_a_title_part_beyond_the_limit_is_enough_to_say_more(honey_shop, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 2)
    results = catalogue_search(CatalogueFilters(query="madu"))
    assert ([entry.name for entry in results], results.more) == (["Madu Randu", "Madu Klanceng"], True)


def test_words_found_only_in_descriptions_page_beyond_the_limit(honey_shop, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 1)
    results = catalogue_search(CatalogueFilters(query="peternak"))
    assert ([entry.name for entry in results], results.more) == (["Lilin Lebah"], True)


def test_a_count_within_the_limit_is_exact(honey_shop):
    results = catalogue_search(CatalogueFilters(query="madu"))
    assert (results.count(), results.more) == (5, False)


def test_beyond_the_limit_the_first_entries_are_paged_in_order(honey_shop, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 4)
    results = catalogue_search(CatalogueFilters(query="madu"))
    assert [entry.name for entry in results] == ["Madu Randu", "Madu Klanceng", "Madu Hutan", "Lilin Lebah"]


def test_many_matches_sorted_by_price_walk_the_price_order(honey_shop, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 1)
    Product.unscoped.filter(name="Madu Klanceng").update(price=1000)
    catalogue_rebuild()
    assert _names(query="madu", sort="price")[:1] == ["Madu Klanceng"]


def test_a_prefix_of_many_words_still_finds_them_all(jember, monkeypatch):
    monkeypatch.setattr(selectors, "PREFIX_WORDS", 1)
    shop = public_enterprise(jember, name="Toko Serba Ada")
    product_of(shop, name="Kopi Luwak")
    product_of(shop, name="Kopiah Hitam")
    assert sorted(_names(query="kop")) == ["Kopi Luwak", "Kopiah Hitam"]


def test_a_word_given_in_a_later_edit_is_found_by_its_prefix(jember):
    shop = public_enterprise(jember, name="Toko Serba Ada")
    product = product_of(shop, name="Keranjang")
    product.name = "Anyaman Pandan"
    product.save()
    assert _names(query="pand") == ["Anyaman Pandan"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner settings exist on PostgreSQL only")
def test_a_search_inside_a_transaction_leaves_the_planner_as_it_was(honey_shop):
    with transaction.atomic(), connection.cursor() as cursor:
        _names(query="madu")
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner settings exist on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_search_outside_a_transaction_leaves_the_planner_as_it_was(honey_shop):
    _names(query="madu")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
