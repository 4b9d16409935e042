"""PostgreSQL only: keep ``search_vector`` filled by a trigger and index it with GIN.

The vector holds each field twice, as written and with umlauts spelt out (ä → ae, ß → ss), so
that "Ärzte", "Aerzte" and "Arzt" all find the same programmes under German stemming. Weights:
title A, summary B, description C. SQLite uses ``search_text`` instead (see funding.search).
"""

from django.db import migrations

FORWARD = r"""
CREATE OR REPLACE FUNCTION afs_transliterate(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT replace(replace(replace(replace(lower(coalesce(value, '')),
         'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')
$$;

CREATE OR REPLACE FUNCTION funding_programme_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('german', coalesce(NEW.title, '') || ' ' || afs_transliterate(NEW.title)), 'A')
    || setweight(to_tsvector('german', coalesce(NEW.summary, '') || ' ' || afs_transliterate(NEW.summary)), 'B')
    || setweight(to_tsvector('german', coalesce(NEW.description, '') || ' ' || afs_transliterate(NEW.description)), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER funding_programme_search_vector_update
BEFORE INSERT OR UPDATE OF title, summary, description ON funding_fundingprogramme
FOR EACH ROW EXECUTE FUNCTION funding_programme_search_vector();

CREATE INDEX funding_programme_search_vector_gin
ON funding_fundingprogramme USING gin (search_vector);

UPDATE funding_fundingprogramme SET title = title;
"""

BACKWARD = """
DROP INDEX IF EXISTS funding_programme_search_vector_gin;
DROP TRIGGER IF EXISTS funding_programme_search_vector_update ON funding_fundingprogramme;
DROP FUNCTION IF EXISTS funding_programme_search_vector();
DROP FUNCTION IF EXISTS afs_transliterate(text);
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
