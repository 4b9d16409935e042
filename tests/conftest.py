"""Shared test fixtures: the real reference data and small factories."""

import pytest
from django.core.management import call_command


@pytest.fixture
def reference_data(db):
    """The real fixtures from ``fixtures/``, as ``make run`` loads them."""
    call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages cached by one test never leak into the next."""
    from django.core.cache import cache

    cache.clear()
