"""Shared test fixtures: the real reference data and small factories."""

import pytest


def pytest_configure(config):
    """A fast password hasher for the suite: PBKDF2's 1.2 million rounds cost ~0.3 s per user.

    Production keeps Django's default; tests that start the app in a fresh process (gunicorn,
    ``check --deploy``) read the real settings.
    """
    import tempfile

    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The open-data export's files of this run, apart from every other run on the machine.
    settings.OPEN_DATA_DIR = tempfile.mkdtemp(prefix="afs-test-open-data-")


def pytest_collection_modifyitems(config, items):
    """System tests run once per CI run, in the PostgreSQL pass (``.ci/run``).

    Browsers, nginx, timeouts, scale-out, migrations and settings in fresh processes behave the
    same whichever database the pass uses (the servers they start bring their own), so the
    SQLite pass skips them with a reason; ``.ci/check-report`` requires that they passed there.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="Systemtest: läuft einmal, im PostgreSQL-Durchgang")
    for item in items:
        if item.get_closest_marker("system"):
            item.add_marker(skip)


def pytest_unconfigure(config):
    import shutil

    from django.conf import settings

    if settings.configured and getattr(settings, "OPEN_DATA_DIR", None):
        shutil.rmtree(settings.OPEN_DATA_DIR, ignore_errors=True)


@pytest.fixture
def reference_data(db):
    """The real fixtures from ``fixtures/``, as ``make run`` loads them (see reference_snapshot)."""
    from tests import reference_snapshot

    reference_snapshot.load()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages cached by one test never leak into the next."""
    from django.core.cache import cache

    from portal import database
    from portal.cache import resume_shared_cache
    from portal.limits import local_counts

    cache.clear()
    resume_shared_cache()
    local_counts.clear()
    database.resume()


@pytest.fixture
def partners(db):
    """Two partners with one editor each: alice edits partner A, bob edits partner B.

    Every partner-area test can ask both "alice can" and "bob cannot".
    """
    from types import SimpleNamespace

    from tests import factories

    a = factories.partner(name="Klinikum Alpha", slug="klinikum-alpha")
    b = factories.partner(name="Praxis Beta", slug="praxis-beta")
    return SimpleNamespace(
        a=a, b=b, alice=factories.editor(a, "alice"), bob=factories.editor(b, "bob")
    )


@pytest.fixture(autouse=True)
def _german_by_default():
    """Start every test in German: a request under ``/en/`` leaves English active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def office(db):
    """A client signed in as office staff in the group „Koordinierungsstelle“."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from portal.groups import OFFICE_GROUP
    from tests import factories

    person = factories.user("koordination", is_staff=True)
    person.groups.add(Group.objects.get(name=OFFICE_GROUP))
    client = Client()
    client.force_login(person)
    return client
