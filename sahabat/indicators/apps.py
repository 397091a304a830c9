from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can(permission: str):
    def visible(request) -> bool:
        region = request.region if request.user.is_authenticated else None
        return region is not None and request.actor.has_perm(permission, region.pk)

    return visible


class IndicatorsConfig(AppConfig):
    name = "sahabat.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.accounts.permissions import Perm
        from sahabat.core.navigation import MenuItem, register
        from sahabat.indicators.models import Indicator, IndicatorTarget, Realisation

        auditlog.register(Indicator)
        auditlog.register(IndicatorTarget)
        auditlog.register(Realisation)
        register(
            MenuItem(
                _("Indicators"), "indicators:indicator_list", visible=_can(Perm.INDICATORS_VIEW), order=500
            )
        )
