from django.urls import path

from sahabat.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.agreement_list, name="agreement_list"),
    path("cooperation/new/", views.agreement_create, name="agreement_create"),
    path("cooperation/<int:agreement_id>/", views.agreement_detail, name="agreement_detail"),
    path("cooperation/<int:agreement_id>/edit/", views.agreement_edit, name="agreement_edit"),
    path("cooperation/<int:agreement_id>/sign/", views.agreement_sign, name="agreement_sign"),
    path("cooperation/<int:agreement_id>/terminate/", views.agreement_terminate, name="agreement_terminate"),
    path(
        "cooperation/<int:agreement_id>/documents/",
        views.agreement_document_add,
        name="agreement_document_add",
    ),
    path("cooperation/documents/<int:document_id>/", views.agreement_document, name="agreement_document"),
    path("cooperation/<int:agreement_id>/actions/new/", views.action_create, name="action_create"),
    path("cooperation/actions/<int:action_item_id>/", views.action_detail, name="action_detail"),
    path("cooperation/actions/<int:action_item_id>/edit/", views.action_edit, name="action_edit"),
    path(
        "cooperation/actions/<int:action_item_id>/evidence/",
        views.action_evidence_add,
        name="action_evidence_add",
    ),
    path("cooperation/evidence/<int:evidence_id>/", views.action_evidence, name="action_evidence"),
    path(
        "cooperation/actions/<int:action_item_id>/comments/",
        views.action_comment_add,
        name="action_comment_add",
    ),
    path("cooperation/<int:agreement_id>/reports/new/", views.report_create, name="report_create"),
    path("cooperation/reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("cooperation/reports/<int:report_id>/edit/", views.report_edit, name="report_edit"),
    path("cooperation/reports/<int:report_id>/finalise/", views.report_finalise, name="report_finalise"),
    path("cooperation/reports/<int:report_id>/pdf/", views.report_pdf, name="report_pdf"),
    path("cooperation/practices/", views.practice_list, name="practice_list"),
    path("cooperation/practices/new/", views.practice_create, name="practice_create"),
    path("cooperation/practices/<int:practice_id>/", views.practice_detail, name="practice_detail"),
    path("cooperation/practices/<int:practice_id>/edit/", views.practice_edit, name="practice_edit"),
    path(
        "cooperation/practices/<int:practice_id>/documents/",
        views.practice_document_add,
        name="practice_document_add",
    ),
    path(
        "cooperation/practice-documents/<int:document_id>/", views.practice_document, name="practice_document"
    ),
    path("cooperation/practices/<int:practice_id>/adopt/", views.adoption_create, name="adoption_create"),
    path("cooperation/adoptions/<int:adoption_id>/", views.adoption_detail, name="adoption_detail"),
    path("cooperation/adoptions/<int:adoption_id>/milestones/", views.milestone_add, name="milestone_add"),
    path("cooperation/milestones/<int:milestone_id>/done/", views.milestone_done, name="milestone_done"),
    path("cooperation/partners/", views.partner_list, name="partner_list"),
    path("cooperation/partners/<str:code>/", views.partner_dashboard, name="partner_dashboard"),
    path("notifications/", views.notification_list, name="notification_list"),
]
