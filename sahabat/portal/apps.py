from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _visitor(request) -> bool:
    return not request.user.is_authenticated


def _signed_in(request) -> bool:
    return request.user.is_authenticated


class PortalConfig(AppConfig):
    name = "sahabat.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from sahabat.core.navigation import ACCOUNT, MenuItem, register
        from sahabat.portal import signals

        signals.connect()
        # Visitors find the portal in the main menu. Officers reach events, investment and good
        # practices through their own pages, and the catalogue and open data in the account menu.
        register(MenuItem(_("UMKM catalogue"), "portal:catalogue", visible=_visitor, order=900))
        register(MenuItem(_("Events"), "portal:events", visible=_visitor, order=902))
        register(MenuItem(_("Investment offers"), "portal:investment", visible=_visitor, order=904))
        register(MenuItem(_("Good practices"), "portal:practices", visible=_visitor, order=906))
        register(MenuItem(_("Open data"), "portal:open_data", visible=_visitor, order=910))
        for label, url_name, order in (
            (_("UMKM catalogue"), "portal:catalogue", 930),
            (_("Open data"), "portal:open_data", 940),
        ):
            register(MenuItem(label, url_name, visible=_signed_in, order=order, place=ACCOUNT))
