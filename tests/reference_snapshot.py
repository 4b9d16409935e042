"""The real reference data for a test in a fraction of a second.

``load_reference_data`` parses every fixture file, resolves natural keys row by row and builds
the search index: ~4 s per test, for more than a hundred tests. It runs for real the first
time; the rows it added are kept and written back directly for every later test in which the
tables those rows go into and point at are as they were before that first load. A test that
changed them before asking for the data gets the real command again.
``tests/portal/test_reference_snapshot.py`` holds the kept rows equal to the command's.
"""

import hashlib
import json

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# Per database vendor: (tables the snapshot depends on, their fingerprint before the load,
# {table: rows the load added}).
_snapshots = {}


def load():
    for tables, fingerprint, added in _snapshots.get(connection.vendor, []):
        if _fingerprint(_rows(tables)) == fingerprint:
            _write(added)
            return
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    before = _rows(tables)
    call_command("load_reference_data", verbosity=0)
    after = _rows(tables)
    added = {}
    for table in tables:
        kept = set(before[table])
        if not kept <= set(after[table]):
            return  # the load changed rows that were there: only the real command will do
        if rows := [row for row in after[table] if row not in kept]:
            added[table] = rows
    # What the kept rows depend on: the tables they go into and the tables they point at.
    # (Others, such as permissions that a flush recreates with new ids, may differ.)
    depends = sorted(set(added) | _pointed_at(added))
    fingerprint = _fingerprint({table: before[table] for table in depends})
    _snapshots.setdefault(connection.vendor, []).append((depends, fingerprint, added))


def _pointed_at(tables):
    pointed = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in tables:
            for field in model._meta.concrete_fields:
                if field.is_relation:
                    pointed.add(field.related_model._meta.db_table)
    return pointed


def _rows(tables):
    """Each table's rows as JSON text (PostgreSQL) or value tuples (SQLite), comparable."""
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                cursor.execute(f"SELECT row_to_json(t)::text FROM {quote(table)} t")
                rows[table] = [row[0] for row in cursor.fetchall()]
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")
                columns = tuple(column[0] for column in cursor.description)
                rows[table] = [(columns, row) for row in cursor.fetchall()]
    return rows


def _fingerprint(rows):
    text = json.dumps({table: sorted(map(repr, values)) for table, values in rows.items()})
    return hashlib.sha256(text.encode()).hexdigest()


def _write(added):
    from portal.cache import bump_content_version

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, rows in added.items():
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"INSERT INTO {quote(table)} "
                    f"SELECT * FROM json_populate_recordset(NULL::{quote(table)}, %s::json)",
                    ["[" + ",".join(rows) + "]"],
                )
            else:
                columns = rows[0][0]
                cursor.executemany(
                    f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "
                    f"VALUES ({', '.join(['%s'] * len(columns))})",
                    [values for _columns, values in rows],
                )
        # As loaddata does: the next row created by a test gets an id after the loaded ones.
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)
    bump_content_version()
