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
        from django.contrib.auth.signals import user_login_failed

        from sahabat.accounts.backends import count_login_failure
        from sahabat.accounts.models import ApiToken, Membership
        from sahabat.accounts.permissions import Perm
        from sahabat.core.navigation import ACCOUNT, MenuItem, register

        user_login_failed.connect(count_login_failure, dispatch_uid="login_address_limit")
        auditlog.register(Membership)
        auditlog.register(ApiToken, exclude_fields=["key_digest", "last_used_at"])
        for label, url_name, permission, order in (
            (_("Members"), "accounts:members", Perm.MEMBERS_MANAGE, 900),
            (_("API tokens"), "accounts:tokens", Perm.TOKENS_MANAGE, 910),
            (_("Audit trail"), "accounts:audit", Perm.AUDIT_VIEW, 920),
        ):
            register(MenuItem(label, url_name, visible=_can(permission), order=order, place=ACCOUNT))
