from django.urls import path

from sahabat.reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.index, name="index"),
    path("reports/files/<int:report_file_id>/", views.file_download, name="file_download"),
    path("reports/files/<int:report_file_id>/delete/", views.file_delete, name="file_delete"),
    path("reports/letterhead/", views.letterhead, name="letterhead"),
    path("reports/schedules/", views.schedules, name="schedules"),
    path("reports/schedules/<int:schedule_id>/", views.schedule_edit, name="schedule_edit"),
    path("reports/schedules/<int:schedule_id>/delete/", views.schedule_delete, name="schedule_delete"),
]
