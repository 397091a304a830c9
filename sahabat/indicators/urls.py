from django.urls import path

from sahabat.indicators import views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:indicator_id>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:indicator_id>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:indicator_id>/delete/", views.indicator_delete, name="indicator_delete"),
    path("indicators/<int:indicator_id>/targets/new/", views.target_create, name="target_create"),
    path(
        "indicators/<int:indicator_id>/realisations/new/", views.realisation_create, name="realisation_create"
    ),
    path("indicators/targets/<int:target_id>/edit/", views.target_edit, name="target_edit"),
    path("indicators/targets/<int:target_id>/delete/", views.target_delete, name="target_delete"),
    path(
        "indicators/realisations/<int:realisation_id>/delete/",
        views.realisation_delete,
        name="realisation_delete",
    ),
]
