"""Readiness checks behind /healthz."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


def database_status() -> tuple[bool, dict]:
    """Is the database reachable, and are all migrations applied?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return False, {"database": "unreachable", "detail": error.__class__.__name__}
    if pending:
        return False, {"database": "ok", "migrations": "pending", "pending": len(pending)}
    return True, {"database": "ok", "migrations": "applied"}
