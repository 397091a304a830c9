from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can(permission: str):
    def visible(request) -> bool:
        region = request.region if request.user.is_authenticated else None
        return region is not None and request.actor.has_perm(permission, region.pk)

    return visible


class EventsConfig(AppConfig):
    name = "sahabat.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.accounts.permissions import Perm
        from sahabat.core.navigation import MenuItem, register
        from sahabat.events.models import Booth, Event, Participation, Zone

        # The set-up has a row history; the sales ledger and its rollups need none: the ledger is
        # append-only, a correction is a reversing entry, and the rollups are derived from it.
        auditlog.register(Event)
        auditlog.register(Zone)
        auditlog.register(Booth)
        auditlog.register(Participation)
        register(MenuItem(_("Events"), "events:event_list", visible=_can(Perm.EVENTS_VIEW), order=200))
