from django.urls import include, path

from sahabat.registry.views import enterprises, products

app_name = "registry"

urlpatterns = [
    path("register/imports/", include("sahabat.registry.imports.urls")),
    path("register/", enterprises.enterprise_list, name="enterprise_list"),
    path("register/export/", enterprises.enterprise_export, name="enterprise_export"),
    path("register/new/", enterprises.enterprise_create, name="enterprise_create"),
    path("register/villages/", enterprises.village_options, name="village_options"),
    path("register/<int:enterprise_id>/", enterprises.enterprise_detail, name="enterprise_detail"),
    path("register/<int:enterprise_id>/edit/", enterprises.enterprise_edit, name="enterprise_edit"),
    path("register/<int:enterprise_id>/licences/", enterprises.licence_add, name="licence_add"),
    path(
        "register/<int:enterprise_id>/owner-access/",
        enterprises.owner_grant_access,
        name="owner_grant_access",
    ),
    path("register/<int:enterprise_id>/products/new/", products.product_create, name="product_create"),
    path("register/licences/<int:licence_id>/remove/", enterprises.licence_remove, name="licence_remove"),
    path("register/owners/<int:owner_id>/nik/", enterprises.owner_reveal_nik, name="owner_reveal_nik"),
    path("register/products/<int:product_id>/edit/", products.product_edit, name="product_edit"),
    path("register/products/<int:product_id>/delete/", products.product_delete, name="product_delete"),
    path("my-business/", enterprises.my_enterprises, name="my_enterprises"),
]
