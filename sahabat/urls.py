"""Root URL configuration: each app brings its own urls module."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from sahabat.api import api

urlpatterns = [
    path("", include("sahabat.core.urls")),
    path("", include("sahabat.accounts.urls")),
    path("", include("sahabat.registry.urls")),
    path("", include("sahabat.events.urls")),
    path("", include("sahabat.purchasing.urls")),
    path("", include("sahabat.cooperation.urls")),
    path("", include("sahabat.coaching.urls")),
    path("", include("sahabat.investment.urls")),
    path("", include("sahabat.indicators.urls")),
    path("", include("sahabat.dedupe.urls")),
    path("", include("sahabat.portal.urls")),
    path("", include("sahabat.reports.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "sahabat.core.views.error_403"
handler404 = "sahabat.core.views.error_404"
handler500 = "sahabat.core.views.error_500"
