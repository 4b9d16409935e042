"""Two gunicorn instances sharing PostgreSQL and Redis show a change on the very next request."""

import os
import subprocess
import sys

import pytest
import redis
from django.conf import settings

from bench import scaleout
from tests.portal.servers import fresh_postgres_database

# These files share Redis databases (and flush them): under pytest-xdist one worker runs them.
pytestmark = [pytest.mark.system, pytest.mark.xdist_group("redis")]

REDIS_URL = os.environ.get("SCALEOUT_REDIS", scaleout.REDIS)


def test_both_instances_show_a_change_made_through_either_path_at_once():
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.fail(f"Redis unter {REDIS_URL} nicht erreichbar: für diesen Test nötig")
    lines = []
    with fresh_postgres_database() as database_url:
        env = scaleout.environment(database_url)
        for args in (
            # Production settings serve hashed static files: a fresh checkout has none yet.
            ["collectstatic", "--noinput", "-v0"],
            ["migrate", "--noinput", "-v0"],
            ["load_reference_data", "-v0"],
            ["seed_demo", "--programmes=30", "--partners=5", "-v0"],
        ):
            subprocess.run(
                [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, check=True
            )
        ok = scaleout.run(database_url, log=lines.append)
    report = "\n".join(lines)
    assert ok, report
    assert "Beide Instanzen antworten aus dem Cache: ja" in report
    assert report.count(": neu (") == 8
