from django.urls import path

from sahabat.purchasing.views import agencies, dashboard, imports, purchases

app_name = "purchasing"

urlpatterns = [
    path("purchasing/", dashboard.dashboard, name="dashboard"),
    path("purchasing/leaderboard.xlsx", dashboard.leaderboard_export, name="leaderboard_export"),
    path("purchasing/agencies/", agencies.agency_list, name="agency_list"),
    path("purchasing/agencies/new/", agencies.agency_create, name="agency_create"),
    path("purchasing/agencies/<int:agency_id>/", agencies.agency_detail, name="agency_detail"),
    path("purchasing/agencies/<int:agency_id>/edit/", agencies.agency_edit, name="agency_edit"),
    path(
        "purchasing/agencies/<int:agency_id>/focal-points/",
        agencies.focal_point_invite,
        name="focal_point_invite",
    ),
    path("purchasing/agencies/<int:agency_id>/budget/", agencies.budget_set, name="budget_set"),
    path("purchasing/agencies/<int:agency_id>/packages/new/", agencies.package_create, name="package_create"),
    path("purchasing/packages/<int:package_id>/edit/", agencies.package_edit, name="package_edit"),
    path("purchasing/purchases/", purchases.purchase_list, name="purchase_list"),
    path("purchasing/purchases/export.xlsx", purchases.purchase_export, name="purchase_export"),
    path("purchasing/purchases/new/", purchases.purchase_create, name="purchase_create"),
    path("purchasing/enterprises/", purchases.enterprise_options, name="enterprise_options"),
    path(
        "purchasing/enterprises/<int:enterprise_id>/buyers/",
        dashboard.enterprise_buyers,
        name="enterprise_buyers",
    ),
    path("purchasing/imports/", imports.import_list, name="import_list"),
    path("purchasing/imports/new/", imports.import_upload, name="import_upload"),
    path("purchasing/imports/template.xlsx", imports.import_template, name="import_template"),
    path("purchasing/imports/<int:job_id>/", imports.import_detail, name="import_detail"),
    path("purchasing/imports/<int:job_id>/apply/", imports.import_apply, name="import_apply"),
    path("purchasing/imports/<int:job_id>/cancel/", imports.import_cancel, name="import_cancel"),
    path("purchasing/imports/<int:job_id>/rejected.xlsx", imports.import_rejected, name="import_rejected"),
]
