"""The Redis cache backend production uses (``CACHE_URL=redis://…``), against the real Redis."""

import os

import pytest
import redis

from portal.redis_cache import RedisCache

# These files share Redis databases (and flush them): under pytest-xdist one worker runs them.
pytestmark = pytest.mark.xdist_group("redis")

REDIS_URL = os.environ.get("TEST_REDIS", "redis://127.0.0.1:6379/14")


@pytest.fixture
def backend():
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.fail(f"Redis unter {REDIS_URL} nicht erreichbar: für diesen Test nötig")
    return RedisCache(REDIS_URL, {"KEY_PREFIX": "test"})


def test_values_written_by_one_instance_are_read_by_another(backend):
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": "test"})
    backend.set("content-version", 1)
    assert other.get("content-version") == 1
    other.set("content-version", 2)
    assert backend.get("content-version") == 2
    assert backend.add("page", ("v", 200, [], b"<html>")) is True
    assert other.get("page") == ("v", 200, [], b"<html>")


def test_one_client_serves_every_operation(backend):
    backend.set("a", 1)
    backend.get("a")
    client = backend._cache.get_client()
    backend.delete("a")
    assert backend._cache.get_client(write=True) is client
    assert backend.get("a") is None
