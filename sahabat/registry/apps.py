from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "sahabat.registry"
    label = "registry"
    verbose_name = _("UMKM register")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.registry.models import Enterprise, ImportJob, Licence, Owner, Product

        auditlog.register(Enterprise)
        auditlog.register(Licence)
        auditlog.register(Product)
        # Personal values are encrypted; the trail records that they changed, never what they were.
        auditlog.register(
            Owner, mask_fields=["nik", "phone", "email", "address"], exclude_fields=["nik_index", "phone_index"]
        )
        auditlog.register(ImportJob, include_fields=["status", "mode", "created_count", "updated_count"])
