from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurchasingConfig(AppConfig):
    name = "sahabat.purchasing"
    label = "purchasing"
    verbose_name = _("ASN purchases and procurement")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.purchasing.models import Agency, ProcurementBudget, ProcurementPackage, Purchase

        auditlog.register(Agency)
        auditlog.register(ProcurementBudget)
        auditlog.register(ProcurementPackage)
        auditlog.register(Purchase, mask_fields=["buyer_nip"], exclude_fields=["buyer_nip_index"])
