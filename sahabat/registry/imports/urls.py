from django.urls import path

from sahabat.registry.imports import views

# Included under "register/imports/" in the registry namespace.
urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("new/", views.import_upload, name="import_upload"),
    path("template.xlsx", views.import_template, name="import_template"),
    path("<int:job_id>/", views.import_detail, name="import_detail"),
    path("<int:job_id>/columns/", views.import_mapping, name="import_mapping"),
    path("<int:job_id>/progress/", views.import_progress, name="import_progress"),
    path("<int:job_id>/apply/", views.import_apply, name="import_apply"),
    path("<int:job_id>/cancel/", views.import_cancel, name="import_cancel"),
    path("<int:job_id>/rejected.xlsx", views.import_rejected, name="import_rejected"),
]
