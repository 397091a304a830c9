"""Database backups: SQLite through its online backup API, PostgreSQL through pg_dump and pg_restore.

A backup is one file: a SQLite database file, or a pg_dump archive in the custom format (`-Fc`).
Both are taken from a live database without stopping the site. Restoring replaces everything in the
configured database with the file's content. The encryption key (FIELD_ENCRYPTION_KEY, by default
`var/field_encryption_key`) and the uploaded files (MEDIA_ROOT) are not in the database: back them up
apart (see docs/deploy.md); without the key the encrypted NIK/NIP columns of a backup are unreadable.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import connections
from django.utils.translation import gettext as _

from sahabat.core.errors import DomainError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class DatabaseSummary:
    """What a backup and its restore must agree on: rows per table and a checksum of the sales ledger."""

    rows: dict[str, int]
    sales_count: int
    sales_amount: int
    sales_uuid_digest: str


def database_vendor(using: str = "default") -> str:
    return connections[using].vendor


def database_summary(*, using: str = "default") -> DatabaseSummary:
    """Rows of every table of the project's models, and count, sum and a hash of the client UUIDs of the
    sales ledger (sorted, so that the hash does not depend on the order the database returns them in)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    tables = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from introspection)
            rows[table] = cursor.fetchone()[0]
    sale = apps.get_model("events", "Sale")
    ledger = sale._default_manager.using(using)
    digest = hashlib.sha256()
    amount = 0
    uuids = []
    for client_uuid, value in ledger.values_list("client_uuid", "amount").iterator(chunk_size=10_000):
        uuids.append(str(client_uuid))
        amount += value
    for client_uuid in sorted(uuids):
        digest.update(client_uuid.encode())
    return DatabaseSummary(
        rows=rows, sales_count=len(uuids), sales_amount=amount, sales_uuid_digest=digest.hexdigest()
    )


def database_backup(*, target: Path, using: str = "default") -> None:
    """Write a consistent copy of the live database to `target` (replacing it, only once complete)."""
    target = Path(target)
    if target.is_dir():
        raise DomainError(
            "backup.target_is_folder",
            _("%(path)s is a folder; name a file.") % {"path": target},
            field="file",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")[1])
    try:
        if database_vendor(using) == "sqlite":
            _sqlite_backup(partial, using)
        else:
            _pg_dump(partial, using)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def database_restore(*, source: Path, using: str = "default") -> None:
    """Replace the whole content of the database with that of the backup `source`."""
    source = Path(source)
    if not source.is_file():
        raise DomainError(
            "backup.missing", _("There is no backup file %(path)s.") % {"path": source}, field="file"
        )
    with source.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    vendor = database_vendor(using)
    expected = SQLITE_MAGIC if vendor == "sqlite" else PG_DUMP_MAGIC
    if not head.startswith(expected):
        message = (
            _("%(path)s is not a SQLite database, which this database needs.")
            if vendor == "sqlite"
            else _("%(path)s is not a pg_dump archive (-Fc), which this database needs.")
        )
        raise DomainError("backup.wrong_format", message % {"path": source}, field="file")
    if vendor == "sqlite":
        _sqlite_restore(source, using)
    else:
        _pg_restore(source, using)


def _sqlite_backup(target: Path, using: str) -> None:
    connection = connections[using]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent snapshot while the site keeps reading and writing.
        connection.connection.backup(destination)
    finally:
        destination.close()


def _sqlite_restore(source: Path, using: str) -> None:
    connection = connections[using]
    if connection.in_atomic_block:
        raise DomainError("backup.in_transaction", _("A restore cannot run inside a transaction."))
    connection.ensure_connection()
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        # Copying into the live connection replaces the database for every other connection as well
        # (SQLite takes the write lock for the copy), the WAL included.
        backup.backup(connection.connection)
    finally:
        backup.close()
    connection.close()


def _pg_environment(using: str) -> tuple[list[str], dict[str, str]]:
    settings = connections[using].settings_dict
    arguments = []
    if settings.get("HOST"):
        arguments += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        arguments += ["--username", str(settings["USER"])]
    environment = {**os.environ}
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings["PASSWORD"])
    return arguments, environment


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DomainError(
            "backup.tool_missing",
            _("%(tool)s is not installed; install the PostgreSQL client (Debian: postgresql-client).")
            % {"tool": name},
        )
    return found


def _run(command: list[str], environment: dict[str, str]) -> None:
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if finished.returncode:
        raise DomainError(
            "backup.failed",
            _("%(tool)s failed: %(output)s")
            % {"tool": Path(command[0]).name, "output": finished.stderr.strip()[-2000:]},
        )


def _pg_dump(target: Path, using: str) -> None:
    arguments, environment = _pg_environment(using)
    name = connections[using].settings_dict["NAME"]
    _run([_pg_tool("pg_dump"), "--format=custom", *arguments, "--file", str(target), name], environment)


def _pg_restore(source: Path, using: str) -> None:
    connection = connections[using]
    if connection.in_atomic_block:
        raise DomainError("backup.in_transaction", _("A restore cannot run inside a transaction."))
    # Our own idle connection would hold no locks, but closing it lets the restore drop every table.
    connection.close()
    arguments, environment = _pg_environment(using)
    name = connection.settings_dict["NAME"]
    _run(
        [
            _pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
            "--exit-on-error", *arguments, "--dbname", name, str(source),
        ],
        environment,
    )  # fmt: skip
