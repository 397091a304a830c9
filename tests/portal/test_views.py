"""Public pages: open to anyone, showing only what the owner made public."""

import pytest
from django.urls import reverse

from sahabat.accounts.actor import Actor
from sahabat.portal import selectors
from sahabat.registry.models import Product
from sahabat.registry.services import OwnerData, enterprise_create
from tests.portal.world import make_public, product_of, public_enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(jember):
    enterprise = enterprise_create(
        actor=Actor.system(),
        region=jember,
        name="Batik Sekar Jagad",
        address="Jl. Mawar 12",
        business_phone="081234567890",
        owner=OwnerData(
            name="Sri Wahyuni", nik="3509015708900012", phone="081398765432", address="Jl. Melati 7, Patrang"
        ),
    )
    make_public(enterprise, whatsapp=True)
    product_of(enterprise, name="Batik Tulis Jember", price=350000)
    return enterprise


def test_the_catalogue_lists_public_products(client, shop):
    response = client.get(reverse("portal:catalogue"), {"q": "batik"})
    assert "Batik Tulis Jember" in response.content.decode()


def test_the_catalogue_page_has_a_title_and_description(client, shop):
    page = client.get(reverse("portal:catalogue")).content.decode()
    assert "<title>Katalog UMKM" in page
    assert '<meta name="description" content="Produk' in page


def test_an_unknown_filter_value_is_ignored(client, shop):
    response = client.get(reverse("portal:catalogue"), {"region": "99.99", "sort": "nonsense"})
    assert "Batik Tulis Jember" in response.content.decode()


def test_a_price_that_is_not_money_is_explained(client, shop):
    response = client.get(reverse("portal:catalogue"), {"price_min": "banyak"})
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()


def test_the_enterprise_page_never_shows_the_owner(client, shop):
    page = client.get(reverse("portal:enterprise", args=[shop.pk])).content.decode()
    assert "Sri Wahyuni" not in page
    assert "3509" not in page
    assert "081398765432" not in page and "6281398765432" not in page
    assert "Melati" not in page


def test_the_enterprise_page_shows_no_street_address(client, shop):
    assert "Mawar" not in client.get(reverse("portal:enterprise", args=[shop.pk])).content.decode()


def test_whatsapp_button_when_the_owner_agreed(client, shop):
    page = client.get(reverse("portal:enterprise", args=[shop.pk])).content.decode()
    assert "https://wa.me/6281234567890" in page


def test_no_whatsapp_button_without_consent(client, shop):
    shop.whatsapp_public = False
    shop.save()
    page = client.get(reverse("portal:enterprise", args=[shop.pk])).content.decode()
    assert "wa.me" not in page
    assert "6281234567890" not in page


def test_an_enterprise_without_consent_answers_404(client, jember):
    enterprise = enterprise_create(actor=Actor.system(), region=jember, name="Toko Tertutup")
    assert client.get(reverse("portal:enterprise", args=[enterprise.pk])).status_code == 404


def test_an_inactive_product_answers_404(client, shop):
    product = Product.unscoped.get(enterprise=shop)
    product.is_active = False
    product.save()
    assert client.get(reverse("portal:product", args=[product.pk])).status_code == 404


def test_the_product_page_names_the_seller(client, shop):
    product = Product.unscoped.get(enterprise=shop)
    page = client.get(reverse("portal:product", args=[product.pk])).content.decode()
    assert "Batik Sekar Jagad" in page and "Rp350.000" in page


def test_the_sitemap_lists_public_pages_only(client, shop, jember):
    public_enterprise(jember, name="Madu Hutan")
    hidden = enterprise_create(actor=Actor.system(), region=jember, name="Rahasia")
    xml = client.get(reverse("portal:sitemap_section", args=["enterprises"])).content.decode()
    assert reverse("portal:enterprise", args=[shop.pk]) in xml
    assert reverse("portal:enterprise", args=[hidden.pk]) not in xml


def test_the_sitemap_index_names_its_sections(client):
    xml = client.get(reverse("portal:sitemap")).content.decode()
    assert "sitemap-products.xml" in xml


def test_the_events_page_links_the_public_board(client, jember):
    from datetime import date

    from sahabat.events.services.setup import event_create

    event = event_create(
        actor=Actor.system(),
        region=jember,
        name="Jember Fashion Carnaval",
        main_start=date(2023, 8, 4),
        main_end=date(2023, 8, 6),
        window_start=date(2023, 7, 28),
        window_end=date(2023, 8, 13),
        status="published",
    )
    assert reverse("events:board", args=[event.pk]) in client.get(reverse("portal:events")).content.decode()


def test_an_investment_idea_is_not_public(client, jember):
    from tests.investment.factories import ProjectFactory

    idea = ProjectFactory(region=jember, status="idea")
    assert client.get(reverse("portal:investment_detail", args=[idea.pk])).status_code == 404


def test_an_investment_offer_is_public(client, jember):
    from tests.investment.factories import ProjectFactory

    offer = ProjectFactory(region=jember, title="Kawasan Agroindustri Kopi")
    assert "Kawasan Agroindustri Kopi" in client.get(reverse("portal:investment")).content.decode()
    assert client.get(reverse("portal:investment_detail", args=[offer.pk])).status_code == 200


def test_the_open_data_page_states_the_licence(client):
    page = client.get(reverse("portal:open_data")).content.decode()
    assert "CC BY 4.0" in page and "/api/public/datasets/umkm-by-region.csv" in page


def test_the_catalogue_page_drops_an_entry_whose_enterprise_was_merged_in_bulk(client, shop):
    from sahabat.registry.models import Enterprise

    Enterprise.unscoped.filter(pk=shop.pk).update(status=Enterprise.Status.MERGED)
    assert "Batik Tulis Jember" not in client.get(reverse("portal:catalogue")).content.decode()


def test_a_broad_search_says_there_are_more_than_the_limit(client, shop, monkeypatch):
    product_of(shop, name="Batik Cap Jember")
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 1)
    response = client.get(reverse("portal:catalogue"), {"q": "batik"})
    assert "Lebih dari 1 hasil" in response.content.decode()
