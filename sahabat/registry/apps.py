from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def conceal(value: str) -> str:
    """Audit-trail mask for personal fields: that the value changed, not any part of it.

    auditlog's own mask keeps the second half of the value, which would leave eight digits of a NIK
    in the trail.
    """
    # auditlog hands over str(None) for a field that was empty.
    return "••••••" if value not in ("", "None") else ""


def _holds(permission: str, *, through_role: bool = False):
    def visible(request) -> bool:
        region = request.region if request.user.is_authenticated else None
        if region is None:
            return False
        if through_role:
            # Shown to people who hold the role, not to superusers, who have no business of their own.
            return region.pk in request.actor.region_ids_with(permission)
        return request.actor.has_perm(permission, region.pk)

    return visible


class RegistryConfig(AppConfig):
    name = "sahabat.registry"
    label = "registry"
    verbose_name = _("UMKM register")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.accounts.permissions import Perm
        from sahabat.core.navigation import MenuItem, register
        from sahabat.registry.models import Enterprise, ImportJob, Licence, Owner, Product

        auditlog.register(Enterprise)
        auditlog.register(Licence)
        auditlog.register(Product)
        # Personal values are encrypted; the trail records that they changed, never what they were.
        auditlog.register(
            Owner,
            mask_fields=["nik", "phone", "email", "address", "birth_date"],
            mask_callable="sahabat.registry.apps.conceal",
            exclude_fields=["nik_index", "phone_index"],
        )
        auditlog.register(ImportJob, include_fields=["status", "mode", "created_count", "updated_count"])
        # The huey consumer discovers only `<app>.tasks`; the import's tasks live one package down.
        import sahabat.registry.imports.tasks  # noqa: F401

        register(
            MenuItem(
                _("UMKM register"), "registry:enterprise_list", visible=_holds(Perm.REGISTRY_VIEW), order=100
            )
        )
        register(
            MenuItem(
                _("My business"),
                "registry:my_enterprises",
                visible=_holds(Perm.REGISTRY_EDIT_OWN, through_role=True),
                order=110,
            )
        )
