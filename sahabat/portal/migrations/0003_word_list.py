"""PostgreSQL: the list of every word in the catalogue's text index, kept in step by triggers.

A prefix search ("kop" finds "kopi") costs GIN a walk over every posting of every word with that
prefix and none of the shortcuts it takes for whole words. With this list, the search turns a prefix
into the few whole words it stands for and asks GIN for those. Words are only added (a word no entry
holds any more simply matches nothing); statement triggers read the new rows once per statement, so
a rebuild in bulk pays a single insert per batch. SQLite's FTS5 keeps prefix indexes of its own.
"""

from django.db import migrations

POSTGRESQL = [
    """CREATE TABLE portal_catalogue_word (word text COLLATE "C" PRIMARY KEY)""",
    """CREATE FUNCTION portal_catalogue_word_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO portal_catalogue_word (word)
        SELECT DISTINCT lexeme FROM new_rows, unnest(new_rows.search_vector)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER portal_catalogue_word_insert AFTER INSERT ON portal_catalogueentry
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_catalogue_word_add()""",
    """CREATE TRIGGER portal_catalogue_word_update AFTER UPDATE ON portal_catalogueentry
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_catalogue_word_add()""",
    """INSERT INTO portal_catalogue_word (word)
        SELECT DISTINCT lexeme FROM portal_catalogueentry, unnest(search_vector) ON CONFLICT DO NOTHING""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS portal_catalogue_word_update ON portal_catalogueentry",
    "DROP TRIGGER IF EXISTS portal_catalogue_word_insert ON portal_catalogueentry",
    "DROP FUNCTION IF EXISTS portal_catalogue_word_add()",
    "DROP TABLE IF EXISTS portal_catalogue_word",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_fulltext")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE))]
