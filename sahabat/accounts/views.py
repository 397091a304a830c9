"""Pages for signing in and for region admins: members, tokens and the audit trail."""

from auditlog.registry import auditlog
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sahabat.accounts import selectors, services
from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.forms import AuditFilterForm, InviteForm, RoleForm, TokenForm
from sahabat.accounts.middleware import SESSION_REGION_KEY
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.forms import apply_domain_error
from sahabat.core.pagination import paginate


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or fallback
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def switch_region(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    code = request.POST.get("region", "")
    if selectors.regions_of(request.actor).filter(code=code).exists():
        request.session[SESSION_REGION_KEY] = code
    else:
        messages.error(request, _("You are not a member of that region."))
    return redirect(_safe_next(request, reverse("core:home")))


def _members_crumbs():
    return [{"label": gettext_lazy("Members"), "url": reverse("accounts:members")}]


@region_permission_required(Perm.MEMBERS_MANAGE)
def members(request):
    region, actor = request.region, request.actor
    form = InviteForm(request.POST or None, actor=actor, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.user_invite(
                actor=actor,
                region=region,
                invite_url_base=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been invited as %(role)s.")
                % {"name": membership.user.get_full_name(), "role": membership.get_role_display()},
            )
            return redirect("accounts:members")
    search = request.GET.get("q", "").strip()
    context = {
        "form": form,
        "search": search,
        "role_form": RoleForm(actor=actor, region=region),
        "breadcrumbs": _members_crumbs(),
        **paginate(request, selectors.membership_list(actor=actor, region=region, search=search)),
    }
    return render(request, "accounts/members.html", context)


@require_POST
@region_permission_required(Perm.MEMBERS_MANAGE)
def member_role(request, membership_id: int):
    form = RoleForm(request.POST, actor=request.actor, region=request.region)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect("accounts:members")
    try:
        membership = services.membership_change_role(
            actor=request.actor, membership_id=membership_id, role=form.cleaned_data["role"]
        )
    except NotFound as error:
        raise Http404(error.errors[0].message) from error
    except DomainError as error:
        messages.error(request, error.errors[0].message)
    else:
        messages.success(
            request,
            _("The role of %(name)s is now: %(role)s.")
            % {"name": membership.user.get_full_name(), "role": membership.get_role_display()},
        )
    return redirect("accounts:members")


@require_POST
@region_permission_required(Perm.MEMBERS_MANAGE)
def member_deactivate(request, membership_id: int):
    try:
        membership = services.membership_deactivate(actor=request.actor, membership_id=membership_id)
    except NotFound as error:
        raise Http404(error.errors[0].message) from error
    except DomainError as error:
        messages.error(request, error.errors[0].message)
    else:
        messages.success(
            request,
            _("%(name)s no longer has access to this region.") % {"name": membership.user.get_full_name()},
        )
    return redirect("accounts:members")


@region_permission_required(Perm.TOKENS_MANAGE)
def tokens(request):
    region, actor = request.region, request.actor
    form = TokenForm(request.POST or None, actor=actor, region=region)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.api_token_create(actor=actor, region=region, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            form = TokenForm(actor=actor, region=region)
    context = {
        "form": form,
        "issued": issued,
        "breadcrumbs": [{"label": gettext_lazy("API tokens"), "url": reverse("accounts:tokens")}],
        **paginate(request, selectors.api_token_list(actor=actor, region=region)),
    }
    return render(request, "accounts/tokens.html", context)


@require_POST
@region_permission_required(Perm.TOKENS_MANAGE)
def token_revoke(request, token_id: int):
    try:
        token = services.api_token_revoke(actor=request.actor, token_id=token_id)
    except NotFound as error:
        raise Http404(error.errors[0].message) from error
    except DomainError as error:
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("Token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


@region_permission_required(Perm.AUDIT_VIEW)
def audit(request):
    region, actor = request.region, request.actor
    model_choices = sorted(
        (model._meta.model_name, str(model._meta.verbose_name).capitalize())
        for model in auditlog.get_models()
    )
    form = AuditFilterForm(
        request.GET or None, model_choices=model_choices, users=selectors.audit_users(region=region)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entry_list(
        actor=actor,
        region=region,
        model=filters.get("model") or "",
        user_id=int(filters["user"]) if filters.get("user") else None,
        action=filters.get("action"),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    context = {
        "form": form,
        "tab": "changes",
        "breadcrumbs": [{"label": gettext_lazy("Audit trail"), "url": reverse("accounts:audit")}],
        **paginate(request, entries),
    }
    return render(request, "accounts/audit.html", context)


@region_permission_required(Perm.AUDIT_VIEW)
def access_log(request):
    context = {
        "tab": "access",
        "breadcrumbs": [{"label": gettext_lazy("Audit trail"), "url": reverse("accounts:audit")}],
        **paginate(request, selectors.access_log_list(actor=request.actor, region=request.region)),
    }
    return render(request, "accounts/access_log.html", context)
