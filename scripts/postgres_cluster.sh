#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: created in DIR, listening on 127.0.0.1:PORT only, with a
# superuser "postgres" whose password is "postgres". Tuned for speed, not for safety (fsync off): never
# put real data in it.
#   scripts/postgres_cluster.sh start DIR PORT    create (if new) and start; prints the superuser URL
#   scripts/postgres_cluster.sh stop DIR          stop it and delete DIR
set -euo pipefail
action="${1:?start or stop}"
dir="${2:?cluster folder}"

bin_dir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$found" ] && [ -x "$found/pg_ctl" ]; then echo "$found"; return; fi
  command -v pg_ctl >/dev/null 2>&1 && dirname "$(command -v pg_ctl)" && return
  echo "PostgreSQL's server programs (initdb, pg_ctl) are not installed" >&2
  exit 3
}

# initdb and the server refuse to run as root: as root, run them as the postgres account.
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    port="${3:?port}"
    bin=$(bin_dir)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = "0" ] && chown postgres "$dir"
      chmod 700 "$dir"
      pwfile=$(mktemp)
      echo postgres >"$pwfile"
      chmod 644 "$pwfile"
      as_owner "$bin/initdb" -D "$dir" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 >/dev/null
      rm -f "$pwfile"
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    echo "postgresql://postgres:postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then
      bin=$(bin_dir)
      as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "unknown action: $action" >&2; exit 2 ;;
esac
