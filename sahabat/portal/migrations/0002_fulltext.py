"""The catalogue's full-text index, one per database, over the already normalised text.

SQLite: an FTS5 table reading its text from portal_catalogueentry (external content), kept in step by
triggers, with prefix indexes for 3- and 4-letter prefixes and no word positions (`detail=column`:
no phrase queries are needed, and a smaller index is read faster). PostgreSQL: generated tsvector columns
(all the text and filter terms; the title alone) with GIN indexes, plus a name index in the "C" collation
the catalogue sorts with. Both tokenise the same [a-z0-9] words, so they find the same rows.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE portal_catalogue_fts USING fts5(
        search_title, search_body, search_facets, content='portal_catalogueentry', content_rowid='id',
        tokenize='unicode61', prefix='3 4', detail='column')""",
    """CREATE TRIGGER portal_catalogue_fts_insert AFTER INSERT ON portal_catalogueentry BEGIN
        INSERT INTO portal_catalogue_fts(rowid, search_title, search_body, search_facets)
        VALUES (new.id, new.search_title, new.search_body, new.search_facets);
    END""",
    """CREATE TRIGGER portal_catalogue_fts_delete AFTER DELETE ON portal_catalogueentry BEGIN
        INSERT INTO portal_catalogue_fts(portal_catalogue_fts, rowid, search_title, search_body, search_facets)
        VALUES ('delete', old.id, old.search_title, old.search_body, old.search_facets);
    END""",
    """CREATE TRIGGER portal_catalogue_fts_update AFTER UPDATE ON portal_catalogueentry BEGIN
        INSERT INTO portal_catalogue_fts(portal_catalogue_fts, rowid, search_title, search_body, search_facets)
        VALUES ('delete', old.id, old.search_title, old.search_body, old.search_facets);
        INSERT INTO portal_catalogue_fts(rowid, search_title, search_body, search_facets)
        VALUES (new.id, new.search_title, new.search_body, new.search_facets);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS portal_catalogue_fts_update",
    "DROP TRIGGER IF EXISTS portal_catalogue_fts_delete",
    "DROP TRIGGER IF EXISTS portal_catalogue_fts_insert",
    "DROP TABLE IF EXISTS portal_catalogue_fts",
]
POSTGRESQL = [
    # No weights: a weighted query makes PostgreSQL re-read every candidate row's tsvector from the
    # table (the GIN index does not keep weights). The title gets a vector of its own instead.
    """ALTER TABLE portal_catalogueentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', search_title || ' ' || search_body || ' ' || search_facets)
    ) STORED""",
    """ALTER TABLE portal_catalogueentry ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', search_title)
    ) STORED""",
    "CREATE INDEX portal_catalogue_search ON portal_catalogueentry USING gin (search_vector)",
    "CREATE INDEX portal_catalogue_title ON portal_catalogueentry USING gin (title_vector)",
    """CREATE INDEX portal_catalogue_sort_c ON portal_catalogueentry (kind, sort_name COLLATE "C", id)""",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS portal_catalogue_sort_c",
    "DROP INDEX IF EXISTS portal_catalogue_title",
    "DROP INDEX IF EXISTS portal_catalogue_search",
    "ALTER TABLE portal_catalogueentry DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE portal_catalogueentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
