"""Migrations on PostgreSQL: forward from an empty database, and all the way back and forward."""

import pytest

from tests.portal.servers import fresh_postgres_database, manage

OUR_APPS = ["portal", "network", "funding", "coordinators"]


@pytest.fixture(scope="module")
def empty_postgres():
    with fresh_postgres_database() as url:
        yield url


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
