"""Two gunicorn instances, one PostgreSQL, one Redis: a change is visible on both at once.

    .venv/bin/python bench/scaleout.py

Creates its own database (``afs_scaleout``), loads the reference data and a little demo data,
starts two instances on different ports with the production settings, fills the page cache on
both, then changes a programme — once through the ORM in this process (as an admin save does
in another instance) and once with a bulk ``update()`` followed by the explicit version bump —
and checks that the very next request to *either* instance shows the new title. Exits non-zero
when an instance serves stale data. ``tests/portal/test_scaleout.py`` runs the same check.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent

POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = os.environ.get("SCALEOUT_DATABASE", "afs_scaleout")
REDIS = os.environ.get("SCALEOUT_REDIS", "redis://127.0.0.1:6379/8")


def environment(database_url):
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return env | {
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "scaleout-" + os.urandom(8).hex(),
        "DATABASE_URL": database_url,
        "CACHE_URL": REDIS,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Production refuses to start without a mail server; the benchmark sends no mail.
        "EMAIL_HOST": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
    }


class Instance:
    """One gunicorn instance of the portal on a free port."""

    def __init__(self, env, name):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.name = name
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                "--workers=2",
                "--threads=2",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{name} startet nicht")

    def get(self, path):
        """(status, X-Page-Cache header, body); sent as the TLS proxy would forward it."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", headers={"X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers.get("X-Page-Cache"), response.read().decode()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def check_both_show(instances, path, text, log):
    """Ask each instance for ``path`` right away; True when all of them show ``text``."""
    ok = True
    for instance in instances:
        _status, cache_state, body = instance.get(path)
        seen = text in body
        ok &= seen
        log(f"  {instance.name} {path}: {'neu' if seen else 'VERALTET'} ({cache_state or 'miss'})")
    return ok


def change(env, code):
    """Run ``code`` in ``manage.py shell``: a third process, like an admin save or an import."""
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
    )


def run(database_url, log=print):
    """Start two instances on ``database_url`` (migrated, with data); True if both stay fresh."""
    env = environment(database_url)
    slug = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", FIRST_SLUG],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    path = f"/foerderungen/{slug}/"
    finder = "/foerderungen/?q=Skalierung"
    with ExitStack() as stack:
        instances = []
        for name in ("Instanz A", "Instanz B"):
            instance = Instance(env, name)
            stack.callback(instance.stop)
            instances.append(instance)
        for instance in instances:  # fill both caches (and each worker's finder index)
            for _ in range(4):
                instance.get(path)
                instance.get(finder)
        # Only a warm cache proves anything: both must now answer from it.
        ok = all(instance.get(path)[1] == "hit" for instance in instances)
        log(f"0. Beide Instanzen antworten aus dem Cache: {'ja' if ok else 'NEIN'}")
        log("1. Titel per ORM-save() geändert (wie ein Speichern im Admin):")
        change(env, SAVE.format(slug=slug, title="Skalierung geprüft mit save()"))
        ok &= check_both_show(instances, path, "Skalierung geprüft mit save()", log)
        ok &= check_both_show(instances, finder, "Skalierung geprüft mit save()", log)
        log("2. Titel per QuerySet.update() und bump_content_version() (wie seed_demo):")
        change(env, UPDATE.format(slug=slug, title="Skalierung geprüft mit update()"))
        ok &= check_both_show(instances, path, "Skalierung geprüft mit update()", log)
        ok &= check_both_show(instances, finder, "Skalierung geprüft mit update()", log)
    return ok


FIRST_SLUG = (
    "from funding.models import FundingProgramme; "
    "print(FundingProgramme.objects.published().order_by('pk').first().slug)"
)
SAVE = (
    "from funding.models import FundingProgramme; "
    "p = FundingProgramme.objects.get(slug='{slug}'); p.title = '{title}'; p.save()"
)
UPDATE = (
    "from funding.models import FundingProgramme; from portal.cache import bump_content_version; "
    "FundingProgramme.objects.filter(slug='{slug}').update(title='{title}'); "
    "bump_content_version()"
)


def main():
    database_url = POSTGRES.rsplit("/", 1)[0] + f"/{DATABASE}"
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    redis.Redis.from_url(REDIS).flushdb()
    env = environment(database_url)
    for args in (
        ["migrate", "--noinput", "-v0"],
        ["load_reference_data", "-v0"],
        ["seed_demo", "--programmes=200", "--partners=20", "-v0"],
    ):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603
    ok = run(database_url)
    print("Ergebnis:", "beide Instanzen zeigen sofort den neuen Stand" if ok else "VERALTETE DATEN")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
