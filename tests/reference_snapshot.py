"""The real reference data for a test in a fraction of a second.

``load_reference_data`` parses every fixture file, resolves natural keys row by row and builds
the search index: ~4 s per test, for more than a hundred tests. It runs for real the first
time for a given database state; the rows it added are kept and written back directly for every
later test that starts from the same state. A test that changed the database before asking for
the data gets the real command again, so no test depends on the shortcut being right.
"""

import hashlib
import json

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

_snapshots = {}  # (vendor, fingerprint of the rows before) → {table: rows the load added}


def load():
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    before = _rows(tables)
    key = (connection.vendor, _fingerprint(before))
    added = _snapshots.get(key)
    if added is None:
        call_command("load_reference_data", verbosity=0)
        after = _rows(tables)
        added = {}
        for table in tables:
            kept = set(before[table])
            if not kept <= set(after[table]):
                return  # the load changed rows that were there: only the real command will do
            added[table] = [row for row in after[table] if row not in kept]
        _snapshots[key] = {table: rows for table, rows in added.items() if rows}
        return
    _write(_snapshots[key])


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
