from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can(permission: str):
    def visible(request) -> bool:
        region = request.region if request.user.is_authenticated else None
        return region is not None and request.actor.has_perm(permission, region.pk)

    return visible


class ReportsConfig(AppConfig):
    name = "sahabat.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.accounts.permissions import Perm
        from sahabat.core.navigation import MenuItem, register
        from sahabat.reports.models import Letterhead, Schedule

        auditlog.register(Letterhead)
        auditlog.register(Schedule)
        register(MenuItem(_("Reports"), "reports:index", visible=_can(Perm.REPORTS_VIEW), order=600))
