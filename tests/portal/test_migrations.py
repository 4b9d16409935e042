"""Migrations on PostgreSQL: from an empty database, back and forth, and from the previous release.

"The previous release" is the newest git tag ``release-*`` that is an ancestor of ``HEAD`` (and
not ``HEAD`` itself). Until the first release is tagged it is the foundation commit on ``main``,
``44d74d1``, the state the portal started from. ``PREVIOUS_RELEASE`` overrides both. The test
checks out that release's code into a temporary folder, lets *its* code create the schema and a
published programme, then migrates with today's code and serves the old data.
"""

import io
import os
import subprocess
import sys
import tarfile

import psycopg
import pytest
from django.conf import settings

from tests.portal.servers import Server, fresh_postgres_database, manage

pytestmark = pytest.mark.system

OUR_APPS = ["portal", "network", "funding", "coordinators"]
FOUNDATION_COMMIT = "44d74d1"

OLD_DATA = """
import django
django.setup()
from tests import factories
stage = factories.career_stage(name="Studium", slug="studium")
district = factories.district(name="Görlitz", ags="14626")
programme = factories.programme(
    title="Programm aus der Vorversion", career_stages=[stage], districts=[district]
)
print(programme.get_absolute_url())
"""


@pytest.fixture(scope="module")
def empty_postgres():
    with fresh_postgres_database() as url:
        yield url


def git(*args):
    return subprocess.run(
        ["git", *args], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout.strip()


def previous_release():
    """The commit to upgrade from (see the module docstring)."""
    if os.environ.get("PREVIOUS_RELEASE"):
        return os.environ["PREVIOUS_RELEASE"]
    head = git("rev-parse", "HEAD")
    for tag in git("tag", "--list", "release-*", "--sort=-creatordate").split():
        commit = git("rev-list", "-n", "1", tag)
        reachable = subprocess.run(
            ["git", "merge-base", "--is-ancestor", commit, head], cwd=settings.BASE_DIR
        )
        if commit != head and reachable.returncode == 0:
            return tag
    return FOUNDATION_COMMIT


@pytest.fixture(scope="module")
def previous_release_code(tmp_path_factory):
    """The previous release's source tree, exported from git (read-only for the repository)."""
    release = previous_release()
    folder = tmp_path_factory.mktemp("vorversion")
    archive = subprocess.run(
        ["git", "archive", "--format=tar", release],
        cwd=settings.BASE_DIR,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def run_in(folder, code_or_args, database_url):
    """Run Python code (a string) or manage.py (a list) with the code in ``folder``."""
    args = ["manage.py", *code_or_args] if isinstance(code_or_args, list) else ["-c", code_or_args]
    # Releases before the floors moved them (see README, „Aufbau“) kept the settings in portal/.
    moved = (folder / "config" / "settings.py").exists()
    return subprocess.run(
        [sys.executable, *args],
        cwd=folder,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings" if moved else "portal.settings",
            "PYTHONPATH": str(folder),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def applied_by_app(url):
    """App → [True/False per migration] from ``showmigrations`` for our apps."""
    result = manage("showmigrations", *OUR_APPS, database_url=url)
    assert result.returncode == 0, result.stderr
    state = {}
    for line in result.stdout.splitlines():
        if not line.startswith(" "):
            app = line.strip()
            state[app] = []
        else:
            state[app].append(line.strip().startswith("[X]"))
    return state


def all_applied(url):
    return all(flags and all(flags) for flags in applied_by_app(url).values())


def test_migrations_run_forward_from_an_empty_database(empty_postgres):
    result = manage("migrate", "--noinput", database_url=empty_postgres)

    assert result.returncode == 0, result.stderr
    assert all_applied(empty_postgres)


def test_our_apps_migrate_to_zero_and_forward_again(empty_postgres):
    assert manage("migrate", "--noinput", database_url=empty_postgres).returncode == 0

    # The base app first: unapplying it unapplies everything that depends on it.
    back = manage("migrate", "portal", "zero", "--noinput", database_url=empty_postgres)
    assert back.returncode == 0, back.stderr
    assert {
        app: any(flags) for app, flags in applied_by_app(empty_postgres).items()
    } == dict.fromkeys(OUR_APPS, False)

    forward = manage("migrate", "--noinput", database_url=empty_postgres)
    assert forward.returncode == 0, forward.stderr
    assert all_applied(empty_postgres)


def test_previous_release_upgrades_and_keeps_its_data(previous_release_code):
    with fresh_postgres_database() as url:
        old_schema = run_in(previous_release_code, ["migrate", "--noinput"], url)
        assert old_schema.returncode == 0, old_schema.stderr
        old_data = run_in(previous_release_code, OLD_DATA, url)
        assert old_data.returncode == 0, old_data.stderr
        programme_path = old_data.stdout.strip().splitlines()[-1]

        upgrade = manage("migrate", "--noinput", database_url=url)

        assert upgrade.returncode == 0, upgrade.stderr
        assert all_applied(url)
        server = Server(url)
        try:
            status, _, body = server.get(programme_path)
        finally:
            server.stop()
        assert status == 200
        assert "Programm aus der Vorversion" in body
        assert "Görlitz" in body


def test_the_old_programme_search_trigger_and_columns_are_gone(empty_postgres):
    assert manage("migrate", "--noinput", database_url=empty_postgres).returncode == 0
    with psycopg.connect(empty_postgres) as connection:
        triggers = connection.execute(
            "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'funding_programme_search%'"
        ).fetchall()
        columns = connection.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'funding_fundingprogramme' AND column_name LIKE 'search%'"
        ).fetchall()
    assert triggers == []
    assert columns == []
