from django.urls import path

from sahabat.dedupe import views

app_name = "dedupe"

urlpatterns = [
    path("register/duplicates/", views.group_list, name="group_list"),
    path("register/duplicates/<int:group_id>/", views.group_detail, name="group_detail"),
    path("register/duplicates/<int:group_id>/decide/", views.group_decide, name="group_decide"),
    path("register/duplicates/bulk-accept/", views.bulk_accept, name="bulk_accept"),
    path("register/duplicates/runs/", views.run_start, name="run_start"),
    path("register/duplicates/runs/<int:run_id>/progress/", views.run_progress, name="run_progress"),
    path("register/duplicates/merges/", views.merge_list, name="merge_list"),
    path("register/duplicates/merges/<int:merge_id>/undo/", views.merge_undo, name="merge_undo"),
]
