"""The public portal in Chromium: catalogue, an enterprise page and open data, on a desktop and a phone."""

import pytest

from sahabat.registry.models import Product
from tests.portal.world import product_of, public_enterprise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GOODS = [
    (
        "Sanggar Batik Sekar Jagad",
        "fashion",
        [("Batik Tulis Jember Motif Tembakau", 450000, "fashion", False)],
    ),
    ("Kopi Lestari Sarolangun", "food", [("Kopi Robusta Sarolangun 250 g", 45000, "beverage", True)]),
    (
        "Dapur Bu Sri",
        "food",
        [
            ("Kripik Tempe Pedas", 15000, "food", True),
            ("Prol Tape Keju", 40000, "food", True),
            ("Suwar-Suwir Aneka Rasa", 25000, "food", True),
        ],
    ),
    ("Anyaman Pandan Wuluhan", "craft", [("Tas Anyaman Pandan", 85000, "craft", False)]),
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Open data is cached; each page starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def catalogue(jember, sarolangun):
    shops = []
    for name, sector, products in GOODS:
        region = sarolangun if "Sarolangun" in name else jember
        shop = public_enterprise(
            region,
            name=name,
            sector=sector,
            whatsapp=True,
            business_phone="081234567890",
            description="Usaha keluarga sejak 2009, bahan dari petani sekitar.",
            founding_year=2009,
        )
        for product, price, category, halal in products:
            product_of(shop, name=product, price=price, category=category, is_halal=halal)
        shops.append(shop)
    return shops


def test_search_on_a_desktop(live_server, page, screenshot, catalogue):
    page.goto(f"{live_server.url}/catalogue/")
    page.fill("input[name=q]", "keripik")
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state()
    assert page.locator(".catalogue-card h2").first.inner_text() == "Kripik Tempe Pedas"
    assert page.title().startswith("“keripik” di Katalog UMKM")
    page.get_by_role("radio", name="Usaha", exact=True).check()
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state()
    assert page.locator(".catalogue-card h2").first.inner_text() == "Dapur Bu Sri"
    page.goto(f"{live_server.url}/catalogue/")
    screenshot(page, "portal-catalogue")


def test_catalogue_on_a_phone(live_server, phone_page, screenshot, catalogue):
    phone_page.goto(f"{live_server.url}/catalogue/?q=batik")
    assert phone_page.locator(".catalogue-card").count() == 1
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone_page, "portal-catalogue-phone")


def test_enterprise_page_with_its_whatsapp_button(live_server, page, screenshot, catalogue):
    shop = catalogue[2]
    page.goto(f"{live_server.url}/catalogue/umkm/{shop.pk}/")
    link = page.get_by_role("link", name="Hubungi lewat WhatsApp")
    assert link.get_attribute("href").startswith("https://wa.me/6281234567890")
    assert page.locator(".catalogue-card").count() == Product.unscoped.filter(enterprise=shop).count()
    screenshot(page, "portal-enterprise")


def test_open_data_page(live_server, page, screenshot, catalogue):
    page.goto(f"{live_server.url}/open-data/")
    page.locator(".dataset details summary").first.click()
    assert page.get_by_role("cell", name="region_code").first.is_visible()
    assert page.get_by_role("link", name="CC BY 4.0").is_visible()
    screenshot(page, "portal-open-data")
