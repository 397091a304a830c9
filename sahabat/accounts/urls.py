from django.contrib.auth import views as auth_views
from django.urls import path

from sahabat.accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("accounts/password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("accounts/region/", views.switch_region, name="switch_region"),
    path("region/members/", views.members, name="members"),
    path("region/members/<int:membership_id>/role/", views.member_role, name="member_role"),
    path("region/members/<int:membership_id>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("region/tokens/", views.tokens, name="tokens"),
    path("region/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("region/audit/", views.audit, name="audit"),
    path("region/audit/access/", views.access_log, name="access_log"),
]
