"""A lean bulk insert for the import's hot path: many rows per INSERT … RETURNING id.

Django's bulk_create prepares every value through several method calls per field and, on SQLite, sends
at most 999 parameters per statement; for 100,000 enterprises of 35 columns that dominates an import.
Here the columns that need conversion (encrypted text, JSON, dates, decimals) still go through the field's
own `get_db_prep_save`, so values are stored exactly as bulk_create would store them; plain columns
(text, numbers, booleans, foreign keys) are passed as they are. Like bulk_create, it sends no signals.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, models

from sahabat.core.crypto import EncryptedTextField

# SQLite accepts 32,766 parameters per statement (since 3.32); PostgreSQL 65,535.
MAX_PARAMETERS = 30_000

# Columns whose Python value is already what the database stores. Subclasses such as EncryptedTextField
# are not in this list on purpose: their own preparation (encryption) must run.
_PLAIN = frozenset(
    {
        models.CharField,
        models.TextField,
        models.IntegerField,
        models.BigIntegerField,
        models.SmallIntegerField,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.BooleanField,
        models.ForeignKey,
    }
)


_UNSET = object()


def _converter(field: models.Field) -> Callable[[object], object] | None:
    if type(field) in _PLAIN:
        return None
    if isinstance(field, EncryptedTextField):
        # Every value is encrypted anew (fresh IV), so equal values never show as equal ciphertexts.
        return lambda value: field.get_db_prep_save(value, connection)
    last: list = [_UNSET, None]

    def convert(value):
        # A batch shares its timestamps (one `now`) and its empty values: convert each object once.
        if value is not last[0]:
            last[0], last[1] = value, field.get_db_prep_save(value, connection)
        return last[1]

    return convert


def instantiate(model: type[models.Model], **values) -> models.Model:
    """An unsaved instance without Model.__init__, whose per-field work costs more than the insert.

    Every concrete field gets its default, then `values` (by attribute name: `region_id`, not
    `region`); the instance is otherwise an ordinary one (its methods and properties work).
    """
    instance = model.__new__(model)
    instance.__dict__.update({field.attname: field.get_default() for field in model._meta.concrete_fields})
    instance.__dict__.update(values)
    instance._state = models.base.ModelState()
    return instance


def insert(model: type[models.Model], objects: list[models.Model]) -> None:
    """Insert unsaved instances and set their primary keys; the caller holds the transaction."""
    if not objects:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    converters = [_converter(field) for field in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row_placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    batch = max(1, MAX_PARAMETERS // len(fields))
    attributes = [field.attname for field in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(objects), batch):
            chunk = objects[start : start + batch]
            parameters = []
            for instance in chunk:
                for attribute, convert in zip(attributes, converters, strict=True):
                    value = getattr(instance, attribute)
                    parameters.append(value if convert is None else convert(value))
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "
                f"{', '.join([row_placeholder] * len(chunk))} RETURNING {quote(model._meta.pk.column)}",
                parameters,
            )
            for instance, (primary_key,) in zip(chunk, cursor.fetchall(), strict=True):
                instance.pk = primary_key
                instance._state.adding = False
                instance._state.db = connection.alias
