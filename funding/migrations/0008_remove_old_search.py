"""Remove the programme search of before the site-wide index (``portal.search_index``).

``search_text`` (the SQLite fallback) and ``search_vector`` (PostgreSQL's tsvector, filled by
the trigger of 0002) are read by nothing any more. On PostgreSQL, the trigger, its functions
and the GIN index go first: the trigger writes the column. Going back adds the empty columns
again but not the trigger; nothing reads them.
"""

from django.db import migrations

DROP = """
DROP INDEX IF EXISTS funding_programme_search_vector_gin;
DROP TRIGGER IF EXISTS funding_programme_search_vector_update ON funding_fundingprogramme;
DROP FUNCTION IF EXISTS funding_programme_search_vector();
DROP FUNCTION IF EXISTS afs_transliterate(text);
"""


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("funding", "0007_programme_rules")]

    operations = [
        migrations.RunPython(drop_trigger, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="fundingprogramme", name="search_text"),
        migrations.RemoveField(model_name="fundingprogramme", name="search_vector"),
    ]
