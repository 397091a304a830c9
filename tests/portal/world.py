"""Helpers that give the portal something to show: an owner's consent, set as an officer would."""

from __future__ import annotations

from sahabat.accounts.actor import Actor
from sahabat.registry.models import Enterprise, Product
from sahabat.registry.services import enterprise_create, product_create


def make_public(enterprise: Enterprise, *, whatsapp: bool = False) -> Enterprise:
    """The owner agreed to the catalogue (and to the WhatsApp button when `whatsapp`)."""
    enterprise.is_public = True
    enterprise.whatsapp_public = whatsapp
    enterprise.save()
    return enterprise


def public_enterprise(region, *, name: str, whatsapp: bool = False, **values) -> Enterprise:
    enterprise = enterprise_create(actor=Actor.system(), region=region, name=name, **values)
    return make_public(enterprise, whatsapp=whatsapp)


def product_of(enterprise: Enterprise, *, name: str, price: int = 25000, **values) -> Product:
    return product_create(actor=Actor.system(), enterprise_id=enterprise.pk, name=name, price=price, **values)


def shared(practice):
    """A good practice its region shares (the public portal shows shared practices only)."""
    practice.is_shared = True
    practice.save()
    return practice
