#!/bin/sh
# Restore a backup made by deploy/backup.sh into the database of DATABASE_URL (an empty database, or
# one to overwrite: its objects are dropped first) and the file store $MOTCUA_HOME/media, then check it:
#   systemctl stop motcua-web motcua-worker motcua-beat
#   deploy/restore.sh /var/backups/motcua/2026-12-07-0200
#   systemctl start motcua-web motcua-worker motcua-beat
# It ends with `motcua documents verify` (every file against its SHA-256) and `motcua documents sweep`
# (files newer than the dump). A backup of an older release: run `motcua migrate` after it.
# Docs: docs/deploy.md, "Sao lưu và khôi phục"; ADR 0054.
set -eu
src=${1:?"usage: restore.sh BACKUP_FOLDER"}
: "${DATABASE_URL:?DATABASE_URL is not set}"
media="${MOTCUA_HOME:-/var/lib/motcua}/media"
motcua=${MOTCUA_BIN:-motcua}
(cd "$src" && sha256sum --check --quiet SHA256SUMS)
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xf "$src/media.tar"
$motcua documents verify
$motcua documents sweep --older-than 0
echo "restore.sh: restored $src"
