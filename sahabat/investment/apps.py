from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can(permission: str):
    def visible(request) -> bool:
        region = request.region if request.user.is_authenticated else None
        return region is not None and request.actor.has_perm(permission, region.pk)

    return visible


class InvestmentConfig(AppConfig):
    name = "sahabat.investment"
    label = "investment"
    verbose_name = _("Investment")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.accounts.permissions import Perm
        from sahabat.core.navigation import MenuItem, register
        from sahabat.investment.models import (
            InvestmentProject,
            Investor,
            InvestorGathering,
            Lead,
            ProjectDocument,
            ProjectPhoto,
        )

        auditlog.register(InvestmentProject)
        auditlog.register(ProjectDocument)
        auditlog.register(ProjectPhoto)
        auditlog.register(Investor)
        auditlog.register(Lead)
        auditlog.register(InvestorGathering, m2m_fields={"invitees"})
        register(
            MenuItem(
                _("Investment"), "investment:project_list", visible=_can(Perm.INVESTMENT_VIEW), order=400
            )
        )
