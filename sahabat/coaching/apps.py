from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can(permission: str):
    def visible(request) -> bool:
        region = request.region if request.user.is_authenticated else None
        return region is not None and request.actor.has_perm(permission, region.pk)

    return visible


class CoachingConfig(AppConfig):
    name = "sahabat.coaching"
    label = "coaching"
    verbose_name = _("Coaching")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.accounts.permissions import Perm
        from sahabat.coaching.models import Outcome, Participant, Programme, Session
        from sahabat.core.navigation import MenuItem, register

        auditlog.register(Programme)
        auditlog.register(Session)
        auditlog.register(Participant)
        auditlog.register(Outcome)
        register(
            MenuItem(_("Coaching"), "coaching:programme_list", visible=_can(Perm.COACHING_VIEW), order=250)
        )
