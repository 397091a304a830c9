"""Keep the catalogue in step with the register: any saved enterprise, product or licence refreshes it."""

from django.db.models.signals import post_delete, post_save


def _enterprise_saved(sender, instance, **kwargs):
    from sahabat.portal.services import catalogue_refresh

    catalogue_refresh(enterprise_ids=[instance.pk])


def _child_changed(sender, instance, **kwargs):
    from sahabat.portal.services import catalogue_refresh

    catalogue_refresh(enterprise_ids=[instance.enterprise_id])


def connect() -> None:
    from sahabat.registry.models import Enterprise, Licence, Product

    post_save.connect(_enterprise_saved, sender=Enterprise, dispatch_uid="portal.enterprise_saved")
    for model in (Product, Licence):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"portal.{model.__name__}_saved")
        post_delete.connect(_child_changed, sender=model, dispatch_uid=f"portal.{model.__name__}_deleted")
