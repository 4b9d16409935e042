"""When the last backup succeeded, for the office's work list (``deploy/afs-backup.sh``).

The script gives a dump its final name only once it is complete and readable, so the newest
``afs-*.dump`` in ``BACKUP_DIR/daily`` is the last backup that succeeded.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Nightly backups: a day and a half without one means at least one night failed.
OVERDUE_AFTER = datetime.timedelta(hours=36)


def last_backup():
    """The time the newest complete dump was written; None when there is none."""
    if not settings.BACKUP_DIR:
        return None
    dumps = list((Path(settings.BACKUP_DIR) / "daily").glob("afs-*.dump"))
    if not dumps:
        return None
    newest = max(dump.stat().st_mtime for dump in dumps)
    return datetime.datetime.fromtimestamp(newest, tz=datetime.UTC)


@dataclass(frozen=True)
class BackupNotice:
    """A line for the work list: the backup is overdue (``last`` is None: never made)."""

    last: datetime.datetime | None
    label = _("Datensicherung überfällig")


def overdue_notice(now=None):
    """A :class:`BackupNotice` when the last backup is older than 36 h, else None.

    Nothing where no backup is configured (``BACKUP_DIR`` empty: development).
    """
    if not settings.BACKUP_DIR:
        return None
    last = last_backup()
    if last is not None and (now or timezone.now()) - last <= OVERDUE_AFTER:
        return None
    return BackupNotice(last)
