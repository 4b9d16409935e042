#!/bin/sh
# Nightly backup of the portal's PostgreSQL database (started by afs-backup.timer).
#
# One server, one database of a few MB: a logical dump with pg_dump in its custom format (-Fc)
# is consistent (one snapshot), restores into any PostgreSQL of the same or a newer major
# version, and needs no WAL archive to look after. Base backup + WAL archiving would restore to
# any minute, at the price of an archive that must be watched; the office's changes of a day
# can be redone by hand, so one dump a night is enough.
#
# Keeps BACKUP_KEEP_DAILY dumps (14) in $BACKUP_DIR/daily and one a week, BACKUP_KEEP_WEEKLY
# of them (8), in $BACKUP_DIR/weekly. A dump only gets its final name once pg_dump succeeded
# and pg_restore can read its table of contents: the newest file in daily/ is the last backup
# that succeeded (the admin's work list reads its time, portal/backups.py).
# Restore: README, „Betrieb“.
set -eu

: "${DATABASE_URL:?DATABASE_URL fehlt (EnvironmentFile=/etc/afs/env)}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/afs}"
KEEP_DAILY="${BACKUP_KEEP_DAILY:-14}"
KEEP_WEEKLY="${BACKUP_KEEP_WEEKLY:-8}"

umask 077
mkdir -p "$BACKUP_DIR/daily" "$BACKUP_DIR/weekly"
target="$BACKUP_DIR/daily/afs-$(date +%Y-%m-%d-%H%M%S).dump"
trap 'rm -f "$target.partial"' EXIT

pg_dump --format=custom --no-owner --no-privileges --file="$target.partial" "$DATABASE_URL"
pg_restore --list "$target.partial" >/dev/null
mv "$target.partial" "$target"

# A weekly copy (a hard link: no extra space) unless one of the last six days exists.
if [ -z "$(find "$BACKUP_DIR/weekly" -name 'afs-*.dump' -mtime -6 | head -n 1)" ]; then
    ln "$target" "$BACKUP_DIR/weekly/" 2>/dev/null || cp -p "$target" "$BACKUP_DIR/weekly/"
fi

prune() {
    # The newest $2 dumps in $1 stay; names hold no spaces (afs-DATE-TIME.dump).
    ls -1t "$1"/afs-*.dump 2>/dev/null | tail -n +"$(($2 + 1))" | xargs -r rm -f --
}
prune "$BACKUP_DIR/daily" "$KEEP_DAILY"
prune "$BACKUP_DIR/weekly" "$KEEP_WEEKLY"

echo "Sicherung geschrieben: $target ($(du -h "$target" | cut -f1))"
