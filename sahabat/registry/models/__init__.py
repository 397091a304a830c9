from sahabat.registry.models.enterprises import Enterprise, Licence, Owner, Product, Sector
from sahabat.registry.models.idempotency import ApiIdempotencyKey
from sahabat.registry.models.imports import ImportJob, ImportRow

__all__ = (
    "ApiIdempotencyKey",
    "Enterprise",
    "ImportJob",
    "ImportRow",
    "Licence",
    "Owner",
    "Product",
    "Sector",
)
