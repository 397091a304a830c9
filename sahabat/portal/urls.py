from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from sahabat.portal import views
from sahabat.portal.sitemaps import SITEMAPS

app_name = "portal"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/umkm/<int:enterprise_id>/", views.enterprise, name="enterprise"),
    path("catalogue/products/<int:product_id>/", views.product, name="product"),
    path("public/events/", views.events, name="events"),
    path("public/investment/", views.investment, name="investment"),
    path("public/investment/<int:project_id>/", views.investment_detail, name="investment_detail"),
    path("public/practices/", views.practices, name="practices"),
    path("public/practices/<int:practice_id>/", views.practice_detail, name="practice_detail"),
    path("open-data/", views.open_data, name="open_data"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]
