from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can(permission: str):
    def visible(request) -> bool:
        region = request.region if request.user.is_authenticated else None
        return region is not None and request.actor.has_perm(permission, region.pk)

    return visible


class CooperationConfig(AppConfig):
    name = "sahabat.cooperation"
    label = "cooperation"
    verbose_name = _("Inter-regional cooperation")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.accounts.permissions import Perm
        from sahabat.accounts.scoping import PARTNER_ACCESS_PROVIDERS
        from sahabat.cooperation import models
        from sahabat.cooperation.selectors import partner_regions
        from sahabat.core.navigation import MenuItem, register

        for model in (
            models.Agreement,
            models.AgreementParty,
            models.AgreementDocument,
            models.ActionItem,
            models.ActionEvidence,
            models.Practice,
            models.PracticeDocument,
            models.Adoption,
            models.AdoptionMilestone,
        ):
            auditlog.register(model)
        # A report's snapshot is a large copy of figures that live elsewhere; the trail keeps the words.
        auditlog.register(models.MonitoringReport, exclude_fields=["snapshot"])
        if partner_regions not in PARTNER_ACCESS_PROVIDERS:
            PARTNER_ACCESS_PROVIDERS.append(partner_regions)
        register(
            MenuItem(
                _("Cooperation"), "cooperation:agreement_list", visible=_can(Perm.COOPERATION_VIEW), order=400
            )
        )
        register(
            MenuItem(
                _("Partner dashboard"),
                "cooperation:partner_list",
                visible=_can(Perm.COOPERATION_VIEW),
                order=410,
            )
        )
        register(
            MenuItem(
                _("Good practices"),
                "cooperation:practice_list",
                visible=_can(Perm.COOPERATION_VIEW),
                order=420,
            )
        )
