"""The suite's shortcut for the reference data gives the database the real command gives."""

from django.core.management import call_command
from django.db import connection, transaction

from tests import reference_snapshot


def tables():
    return sorted(connection.introspection.django_table_names(only_existing=True))


def loaded(load):
    """The rows after ``load()`` in a transaction that is rolled back afterwards."""
    with transaction.atomic():
        load()
        rows = reference_snapshot._rows(tables())
        transaction.set_rollback(True)
    return rows


# Stamped with the time of writing: the kept rows carry the time of the first load.
CLOCK_COLUMNS = {"history_date", "updated_at"}


def without_clock(rows):
    return {
        table: [
            tuple(
                value
                for column, value in zip(columns, values, strict=True)
                if column not in CLOCK_COLUMNS
            )
            for columns, values in table_rows
        ]
        for table, table_rows in rows.items()
    }


def test_the_kept_rows_equal_what_load_reference_data_writes(db):
    real = loaded(lambda: call_command("load_reference_data", verbosity=0))
    loaded(reference_snapshot.load)  # the real command, unless an earlier test kept its rows
    kept = loaded(reference_snapshot.load)  # now certainly the kept rows

    assert {t: len(rows) for t, rows in kept.items()} == {t: len(rows) for t, rows in real.items()}
    assert sum(map(len, kept.values())) > 1000
    if connection.vendor == "sqlite":
        # A rolled-back transaction also rolls SQLite's id counters back: the same ids again.
        # (PostgreSQL's sequences move on, so the ids differ there.)
        assert without_clock(kept) == without_clock(real)
