from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _visitor(request) -> bool:
    return not request.user.is_authenticated


class PortalConfig(AppConfig):
    name = "sahabat.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from sahabat.core.navigation import MenuItem, register
        from sahabat.portal import signals

        signals.connect()
        register(MenuItem(_("UMKM catalogue"), "portal:catalogue", order=900))
        # Officers reach events and investment through their own pages; visitors through these.
        register(MenuItem(_("Events"), "portal:events", visible=_visitor, order=902))
        register(MenuItem(_("Investment offers"), "portal:investment", visible=_visitor, order=904))
        register(MenuItem(_("Good practices"), "portal:practices", visible=_visitor, order=906))
        register(MenuItem(_("Open data"), "portal:open_data", order=910))
