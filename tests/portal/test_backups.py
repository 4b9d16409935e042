"""The nightly backup (deploy/afs-backup.sh): it restores every table, keeps 14 + 8 dumps, and
the work list says when the last one is overdue (attack of 07.12.2026, H1: no backup at all)."""

import datetime
import os
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.urls import reverse

from tests.portal.servers import fresh_postgres_database, manage, postgres_server_url

SCRIPT = Path(settings.BASE_DIR) / "deploy" / "afs-backup.sh"
FINGERPRINT = (
    "SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '')) "
    'FROM "{table}" t'
)


def backup(database_url, backup_dir):
    environment = os.environ | {"DATABASE_URL": database_url, "BACKUP_DIR": str(backup_dir)}
    result = subprocess.run(
        [SCRIPT], env=environment, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return result


def fingerprints(database_url):
    """{table: (rows, md5 over all rows in order)} for every table of the public schema."""
    with psycopg.connect(database_url) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            table: connection.execute(FINGERPRINT.format(table=table)).fetchone()
            for table in tables
        }


@pytest.fixture(scope="module")
def filled_database():
    with fresh_postgres_database() as url:
        for command in (("migrate", "--noinput"), ("load_reference_data",)):
            result = manage(*command, database_url=url)
            assert result.returncode == 0, result.stderr
        yield url


def recreate(database_url):
    name = database_url.rsplit("/", 1)[1]
    maintenance = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def test_a_backup_restores_every_table_after_the_database_is_dropped(filled_database, tmp_path):
    before = fingerprints(filled_database)
    assert sum(rows for rows, _md5 in before.values()) > 100

    backup(filled_database, tmp_path)
    (dump,) = (tmp_path / "daily").glob("afs-*.dump")
    recreate(filled_database)
    assert fingerprints(filled_database) == {}
    # The restore procedure of the README, „Betrieb“.
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={filled_database}",
            dump,
        ],
        check=True,
        timeout=120,
    )

    assert fingerprints(filled_database) == before
    assert len(before) > 40


def test_it_keeps_fourteen_daily_and_eight_weekly_dumps(filled_database, tmp_path):
    old = time.time() - 30 * 86400
    for folder, count in (("daily", 20), ("weekly", 10)):
        (tmp_path / folder).mkdir()
        for number in range(count):
            path = tmp_path / folder / f"afs-2026-10-{number + 1:02d}-023000.dump"
            path.write_bytes(b"alt")
            os.utime(path, (old + number * 86400, old + number * 86400))

    backup(filled_database, tmp_path)

    daily = sorted(p.name for p in (tmp_path / "daily").glob("afs-*.dump"))
    weekly = sorted(p.name for p in (tmp_path / "weekly").glob("afs-*.dump"))
    assert len(daily) == 14
    assert len(weekly) == 8
    newest = max((tmp_path / "daily").glob("afs-*.dump"), key=lambda p: p.stat().st_mtime)
    assert newest.name in weekly  # no weekly copy within six days: tonight's becomes one
    assert "afs-2026-10-01-023000.dump" not in daily


def test_a_failed_dump_leaves_no_file_that_looks_like_a_backup(tmp_path):
    wrong = postgres_server_url().rsplit("/", 1)[0] + "/gibt_es_nicht"
    environment = os.environ | {"DATABASE_URL": wrong, "BACKUP_DIR": str(tmp_path)}
    result = subprocess.run([SCRIPT], env=environment, capture_output=True, timeout=60, check=False)

    assert result.returncode != 0
    assert list((tmp_path / "daily").iterdir()) == []


@pytest.mark.django_db
def test_the_work_list_names_a_backup_older_than_36_hours(admin_client, settings, tmp_path):
    settings.BACKUP_DIR = str(tmp_path)
    (tmp_path / "daily").mkdir()
    dump = tmp_path / "daily" / "afs-2026-12-05-023000.dump"
    dump.write_bytes(b"x")
    two_days_ago = time.time() - 48 * 3600
    os.utime(dump, (two_days_ago, two_days_ago))
    when = datetime.datetime.fromtimestamp(two_days_ago).astimezone()

    page = admin_client.get(reverse("admin:index")).content.decode()

    assert "Datensicherung überfällig" in page
    assert f"Letzte gelungene Sicherung: {when:%d.%m.%Y}" in page

    os.utime(dump)  # tonight's run
    assert "Datensicherung" not in admin_client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
def test_the_work_list_says_when_there_was_never_a_backup(admin_client, settings, tmp_path):
    settings.BACKUP_DIR = str(tmp_path)

    page = admin_client.get(reverse("admin:index")).content.decode()

    assert "Es gibt noch keine gelungene Sicherung" in page
