"""The systemd units in deploy/systemd/ start commands that exist, with the real backend."""

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

UNITS = Path(settings.BASE_DIR) / "deploy" / "systemd"


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name, encoding="utf-8")
    return parser


def managed_command(name):
    words = shlex.split(unit(name)["Service"]["ExecStart"])
    assert words[1] == "manage.py"
    return words[2]


def test_the_worker_unit_runs_the_database_task_worker():
    assert managed_command("afs-tasks.service") == "db_worker"
    assert get_commands()["db_worker"] == "django_tasks_db"
    assert unit("afs-tasks.service")["Service"]["Restart"] == "always"


def test_the_timer_starts_the_digest_command_every_day():
    assert managed_command("afs-alert-digests.service") == "send_alert_digests"
    assert get_commands()["send_alert_digests"] == "alerts"
    timer = unit("afs-alert-digests.timer")["Timer"]
    assert timer["OnCalendar"] == "*-*-* 07:00:00 Europe/Berlin"
    assert timer["Persistent"] == "true"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze fehlt")
def test_systemd_understands_the_timer_calendar():
    result = subprocess.run(
        ["systemd-analyze", "calendar", unit("afs-alert-digests.timer")["Timer"]["OnCalendar"]],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Next elapse" in result.stdout


def test_production_queues_tasks_in_the_database(monkeypatch):
    """A fresh process with DJANGO_ENV=production reads TASKS from the real settings."""
    import os
    import sys

    environment = os.environ | {"DJANGO_ENV": "production", "SECRET_KEY": "x" * 50}
    environment.pop("TASKS_BACKEND", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.TASKS['default']['BACKEND'])",
        ],
        cwd=settings.BASE_DIR,
        env=environment | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"
