from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _holds(permission: str, *, without: str = ""):
    def visible(request) -> bool:
        region = request.region if request.user.is_authenticated else None
        # request.region is a lazy object: `is None` would not see a missing region, falsiness does.
        if not region or not request.actor.has_perm(permission, region.pk):
            return False
        return not without or not request.actor.has_perm(without, region.pk)

    return visible


class PurchasingConfig(AppConfig):
    name = "sahabat.purchasing"
    label = "purchasing"
    verbose_name = _("ASN purchases and procurement")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.accounts.permissions import Perm
        from sahabat.core.navigation import MenuItem, register
        from sahabat.purchasing.models import (
            Agency,
            ProcurementBudget,
            ProcurementPackage,
            Purchase,
            PurchasingImport,
        )

        auditlog.register(Agency)
        auditlog.register(ProcurementBudget)
        auditlog.register(ProcurementPackage)
        # auditlog's own mask keeps half of the value; the register's mask keeps none of the NIP.
        auditlog.register(
            Purchase,
            mask_fields=["buyer_nip"],
            mask_callable="sahabat.registry.apps.conceal",
            exclude_fields=["buyer_nip_index"],
        )
        # Imports write with bulk inserts (no per-row entry): the job's status and counts are the trail.
        auditlog.register(
            PurchasingImport, include_fields=["status", "mode", "created_count", "updated_count"]
        )
        register(
            MenuItem(
                _("ASN purchases"), "purchasing:dashboard", visible=_holds(Perm.PURCHASES_VIEW), order=300
            )
        )
        # UMKM owners record their sales to civil servants; they do not see the agencies' figures.
        register(
            MenuItem(
                _("Sales to ASN"),
                "purchasing:purchase_create",
                visible=_holds(Perm.PURCHASES_RECORD, without=Perm.PURCHASES_VIEW),
                order=301,
            )
        )
