#!/usr/bin/env bash
# Installs (from Debian's packages) and starts what Ledger needs, project-locally, then prints the
# environment to use. Safe to run again: it only does what is missing.
#   eval "$(scripts/setup.sh)"      # exports ConnectionStrings__Ledger and LEDGER_ADMIN_CONNECTION
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${LEDGER_PG_PORT:-55432}
log() { echo "setup: $*" >&2; }

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ -e /usr/lib/x86_64-linux-gnu/libtesseract.so.5 ] || need+=(tesseract-ocr)
[ -e /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || need+=(tesseract-ocr-eng)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
# The outside and third generators (tools/, drawn by the reader's tests) are Python with Debian's Pillow; the third one also
# draws with Liberation and FreeFont faces (FreeMono for the MICR symbols).
[ -e /usr/lib/python3/dist-packages/PIL/__init__.py ] || need+=(python3-pil)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
[ -d /usr/share/fonts/truetype/freefont ] || need+=(fonts-freefont-ttf)
if [ "${LEDGER_WITH_BROWSER:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} from Debian's packages"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

pgbin=/usr/lib/postgresql/15/bin
data=${LEDGER_PGDATA:-$repo/.pgdata}
# PostgreSQL refuses to run as root: as root, the cluster belongs to the 'postgres' user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$(dirname "$data")"; then
  data=/var/tmp/ledger-pgdata-$(echo "$repo" | md5sum | cut -c1-8)
fi

if [ ! -s "$data/PG_VERSION" ]; then
  log "creating a PostgreSQL cluster in $data (port $port)"
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  as_pg "$pgbin/initdb" -D "$data" -U ledger --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
max_connections = 200
shared_buffers = 512MB
max_wal_size = 4GB
CONF
fi
if ! as_pg "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$port"
  if ! as_pg "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w start >/dev/null; then
    log "PostgreSQL did not start (is port $port taken? set LEDGER_PG_PORT); its log says:"
    tail -n 5 "$data/server.log" >&2
    exit 1
  fi
fi
"$pgbin/psql" -h 127.0.0.1 -p "$port" -U ledger -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ledger'" | grep -q 1 \
  || "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U ledger ledger

echo "export LEDGER_PG_PORT=$port"
echo "export LEDGER_PGDATA='$data'"
echo "export LEDGER_ADMIN_CONNECTION='Host=127.0.0.1;Port=$port;Username=ledger;Database=postgres'"
echo "export ConnectionStrings__Ledger=\"\${ConnectionStrings__Ledger:-Host=127.0.0.1;Port=$port;Username=ledger;Database=ledger}\""
