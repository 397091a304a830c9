from django.urls import path

from sahabat.coaching import views

app_name = "coaching"

urlpatterns = [
    path("coaching/", views.programme_list, name="programme_list"),
    path("coaching/new/", views.programme_create, name="programme_create"),
    path("coaching/<int:programme_id>/", views.programme_detail, name="programme_detail"),
    path("coaching/<int:programme_id>/edit/", views.programme_edit, name="programme_edit"),
    path("coaching/<int:programme_id>/delete/", views.programme_delete, name="programme_delete"),
    path("coaching/<int:programme_id>/sessions/new/", views.session_create, name="session_create"),
    path("coaching/<int:programme_id>/participants/add/", views.participant_add, name="participant_add"),
    path("coaching/sessions/<int:session_id>/edit/", views.session_edit, name="session_edit"),
    path("coaching/sessions/<int:session_id>/delete/", views.session_delete, name="session_delete"),
    path(
        "coaching/participants/<int:participant_id>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
    path(
        "coaching/participants/<int:participant_id>/outcomes/new/",
        views.outcome_create,
        name="outcome_create",
    ),
    path("coaching/outcomes/<int:outcome_id>/delete/", views.outcome_delete, name="outcome_delete"),
]
