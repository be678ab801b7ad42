#!/bin/sh
# Back up motcua: the database (pg_dump, custom format) THEN the file store, into one new folder.
#   deploy/backup.sh /var/backups/motcua/$(date +%F-%H%M)
# Reads DATABASE_URL and MOTCUA_HOME (the files are $MOTCUA_HOME/media) as /etc/motcua/motcua.env sets
# them. The order matters: a file is written before the row that names it is committed and is never
# deleted while a row names it, so every file the dump names is already on disk when the copy starts;
# files newer than the dump are orphans to the restored database and `motcua documents sweep` removes them.
# Docs: docs/deploy.md, "Sao lưu và khôi phục"; ADR 0054.
set -eu
dest=${1:?"usage: backup.sh DEST_FOLDER (a new folder)"}
: "${DATABASE_URL:?DATABASE_URL is not set}"
media="${MOTCUA_HOME:-/var/lib/motcua}/media"
if [ -e "$dest" ] && [ -n "$(ls -A "$dest" 2>/dev/null)" ]; then
    echo "backup.sh: $dest is not empty" >&2; exit 2
fi
mkdir -p "$dest"
umask 077
# One consistent snapshot of every table (pg_dump's own transaction), without owners or grants.
pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" --dbname="$DATABASE_URL"
if [ -d "$media" ]; then
    tar -C "$media" -cf "$dest/media.tar" .
else
    tar -cf "$dest/media.tar" -T /dev/null
fi
(cd "$dest" && sha256sum database.dump media.tar > SHA256SUMS)
echo "backup.sh: $dest: $(du -sh "$dest" | cut -f1)"
