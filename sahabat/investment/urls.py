from django.urls import path

from sahabat.investment import views

app_name = "investment"

urlpatterns = [
    path("investment/", views.project_list, name="project_list"),
    path("investment/projects/new/", views.project_create, name="project_create"),
    path("investment/projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("investment/projects/<int:project_id>/edit/", views.project_edit, name="project_edit"),
    path("investment/projects/<int:project_id>/delete/", views.project_delete, name="project_delete"),
    path("investment/projects/<int:project_id>/documents/", views.document_add, name="document_add"),
    path("investment/projects/<int:project_id>/photos/", views.photo_add, name="photo_add"),
    path("investment/documents/<int:document_id>/delete/", views.document_delete, name="document_delete"),
    path("investment/photos/<int:photo_id>/delete/", views.photo_delete, name="photo_delete"),
    path("investment/pipeline/", views.pipeline, name="pipeline"),
    path("investment/leads/new/", views.lead_create, name="lead_create"),
    path("investment/leads/<int:lead_id>/edit/", views.lead_edit, name="lead_edit"),
    path("investment/leads/<int:lead_id>/move/", views.lead_move, name="lead_move"),
    path("investment/investors/", views.investor_list, name="investor_list"),
    path("investment/investors/new/", views.investor_create, name="investor_create"),
    path("investment/investors/<int:investor_id>/", views.investor_detail, name="investor_detail"),
    path("investment/investors/<int:investor_id>/edit/", views.investor_edit, name="investor_edit"),
    path("investment/gatherings/", views.gathering_list, name="gathering_list"),
    path("investment/gatherings/new/", views.gathering_create, name="gathering_create"),
    path("investment/gatherings/<int:gathering_id>/", views.gathering_detail, name="gathering_detail"),
    path("investment/gatherings/<int:gathering_id>/edit/", views.gathering_edit, name="gathering_edit"),
]
