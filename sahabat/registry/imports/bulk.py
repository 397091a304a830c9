"""A lean bulk insert for the import's hot path: many rows per INSERT … RETURNING id.

Django's bulk_create prepares every value through several method calls per field and, on SQLite, sends
at most 999 parameters per statement; for 100,000 enterprises of 35 columns that dominates an import.
Here an instance's column values are read from its `__dict__` in one step, and only the columns that need
conversion go through a converter: encrypted text through `crypto.encrypt` (what the field's
`get_prep_value` calls), JSON, dates and decimals through the field's own `get_db_prep_save` (once per
distinct value), so values are stored exactly as bulk_create would store them. Plain columns (text,
numbers, booleans, foreign keys) are passed as they are. Like bulk_create, it sends no signals.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from operator import itemgetter

from django.db import DEFAULT_DB_ALIAS, connections, models

from sahabat.core.crypto import EncryptedTextField, encrypt

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


def _encrypted(value):
    # What EncryptedTextField.get_prep_value does, without its chain of calls: empty stays empty, anything
    # else is encrypted as text, anew each time (fresh nonce), so equal values never give equal ciphertexts.
    if value is None or value == "":
        return value
    return encrypt(value if isinstance(value, str) else str(value))


def _converter(field: models.Field, db) -> Callable[[object], object] | None:
    if type(field) in _PLAIN:
        return None
    if isinstance(field, EncryptedTextField):
        return _encrypted
    prepare = field.get_db_prep_save
    if isinstance(field, models.JSONField):
        empty: dict = {}

        def convert_json(value):
            # Most rows hold an empty list or dict: each empty shape is prepared once per batch.
            if value is None or value == [] or value == {}:
                key = type(value)
                if key not in empty:
                    empty[key] = prepare(value, db)
                return empty[key]
            return prepare(value, db)

        return convert_json
    seen: dict = {}

    def convert(value):
        # Timestamps (one `now` per batch), dates of birth and empty values repeat: prepare each once.
        try:
            return seen[value]
        except KeyError:
            prepared = seen[value] = prepare(value, db)
            return prepared
        except TypeError:  # not hashable
            return prepare(value, db)

    return convert


@cache
def _defaults(model: type[models.Model]) -> tuple[dict, tuple]:
    """The model's constant defaults by attribute name, and the fields whose default is computed."""
    constant, computed = {}, []
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default):
            computed.append(field)
        else:
            constant[field.attname] = field.get_default()
    return constant, tuple(computed)


def instantiate(model: type[models.Model], **values) -> models.Model:
    """An unsaved instance without Model.__init__, whose per-field work costs more than the insert.

    Every concrete field gets its default, then `values` (by attribute name: `region_id`, not
    `region`); the instance is otherwise an ordinary one (its methods and properties work).
    """
    constant, computed = _defaults(model)
    instance = model.__new__(model)
    state = instance.__dict__
    state.update(constant)
    for field in computed:
        if field.attname not in values:
            state[field.attname] = field.get_default()
    state.update(values)
    instance._state = models.base.ModelState()
    return instance


def _executor(db, cursor) -> tuple[Callable[[str, list], None], str]:
    """How to run one INSERT, and its placeholder.

    On SQLite, Django's cursor rewrites every ``%s`` of a statement to ``?`` with a regular expression, which
    for 30,000 parameters costs about as much as SQLite's own work; the statement is written with ``?`` and
    given to the sqlite3 cursor directly, with Django's translation of database errors kept.
    """
    if db.vendor != "sqlite":
        return cursor.execute, "%s"
    raw = cursor.cursor

    def execute(statement: str, parameters: list) -> None:
        with db.wrap_database_errors:
            sqlite3.Cursor.execute(raw, statement, parameters)

    return execute, "?"


def _statement(db, model: type[models.Model], fields: list, rows: int, placeholder: str) -> str:
    quote = db.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row_placeholder = "(" + ", ".join([placeholder] * len(fields)) + ")"
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "
        f"{', '.join([row_placeholder] * rows)} RETURNING {quote(model._meta.pk.column)}"
    )


def insert(model: type[models.Model], objects: list[models.Model]) -> None:
    """Insert unsaved instances and set their primary keys; the caller holds the transaction."""
    if not objects:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    # The connection itself, not the `connection` proxy, which looks the connection up on every use.
    db = connections[DEFAULT_DB_ALIAS]
    converting = [(position, _converter(field, db)) for position, field in enumerate(fields)]
    converting = [(position, convert) for position, convert in converting if convert is not None]
    values_of = itemgetter(*(field.attname for field in fields))
    batch = max(1, MAX_PARAMETERS // len(fields))
    statements: dict[int, str] = {}
    with db.cursor() as cursor:
        execute, placeholder = _executor(db, cursor)
        for start in range(0, len(objects), batch):
            chunk = objects[start : start + batch]
            parameters = []
            for instance in chunk:
                row = list(values_of(instance.__dict__))
                for position, convert in converting:
                    row[position] = convert(row[position])
                parameters += row
            if len(chunk) not in statements:
                statements[len(chunk)] = _statement(db, model, fields, len(chunk), placeholder)
            execute(statements[len(chunk)], parameters)
            for instance, (primary_key,) in zip(chunk, cursor.fetchall(), strict=True):
                state = instance.__dict__
                state[model._meta.pk.attname] = primary_key
                instance._state.adding = False
                instance._state.db = db.alias
