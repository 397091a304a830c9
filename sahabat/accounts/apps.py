from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can(permission):
    def visible(request) -> bool:
        region = request.region if request.user.is_authenticated else None
        return region is not None and request.actor.has_perm(permission, region.pk)

    return visible


class AccountsConfig(AppConfig):
    name = "sahabat.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.accounts.models import ApiToken, Membership
        from sahabat.accounts.permissions import Perm
        from sahabat.core.navigation import MenuItem, register

        auditlog.register(Membership)
        auditlog.register(ApiToken, exclude_fields=["key_digest", "last_used_at"])
        register(MenuItem(_("Members"), "accounts:members", visible=_can(Perm.MEMBERS_MANAGE), order=900))
        register(MenuItem(_("API tokens"), "accounts:tokens", visible=_can(Perm.TOKENS_MANAGE), order=910))
        register(MenuItem(_("Audit trail"), "accounts:audit", visible=_can(Perm.AUDIT_VIEW), order=920))
