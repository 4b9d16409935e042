"""The systemd units in deploy/systemd/ start commands that exist, with the real backend."""

import configparser
import os
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


def test_the_backup_unit_runs_the_script_every_night():
    (command,) = shlex.split(unit("afs-backup.service")["Service"]["ExecStart"])
    assert command == "/srv/afs/deploy/afs-backup.sh"
    assert os.access(Path(settings.BASE_DIR) / "deploy" / "afs-backup.sh", os.X_OK)
    assert unit("afs-backup.service")["Service"]["ReadWritePaths"] == "/var/backups/afs"
    timer = unit("afs-backup.timer")["Timer"]
    assert timer["OnCalendar"] == "*-*-* 02:30:00 Europe/Berlin"
    assert timer["Persistent"] == "true"


def test_the_worker_queues_its_orphaned_tasks_again_before_it_starts():
    service = unit("afs-tasks.service")["Service"]
    before = shlex.split(service["ExecStartPre"])
    assert before[1:3] == ["manage.py", "requeue_orphaned_tasks"]
    assert get_commands()["requeue_orphaned_tasks"] == "portal"
    # The same fixed id for both: what it left RUNNING is found again.
    assert before[-1] == shlex.split(service["ExecStart"])[-1] == "afs-tasks-%H"
