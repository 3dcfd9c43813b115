#!/usr/bin/env bash
# Set up and run the whole test suite (ruff and the layer contract included), Qt offscreen.
#
# Where PostgreSQL is installed (scripts/setup.sh test installs Debian's package when run as root), a
# throwaway cluster on 127.0.0.1 is started for the run and removed after it; the township tests use it,
# and a second pass runs the service, store and command-line tests again on it (each test on a fresh
# database, logged in as a village). Given test paths, only those run, once, on both engines' fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen

cluster=""
stop_cluster() { [ -n "$cluster" ] && bash scripts/postgres_cluster.sh stop "$cluster"; }
if [ -z "${DANGJIAN_TEST_POSTGRES:-}" ]; then
  cluster=$(mktemp -d /tmp/dangjian-pg.XXXXXX)
  port=$(.venv/bin/python -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  if url=$(bash scripts/postgres_cluster.sh start "$cluster" "$port"); then
    trap stop_cluster EXIT
    export DANGJIAN_TEST_POSTGRES="$url"
  else
    echo "PostgreSQL is not installed: the township tests are skipped (scripts/setup.sh test installs it)." >&2
    rm -rf "$cluster"
    cluster=""
  fi
fi

paths_given=0
for arg in "$@"; do
  [ -e "${arg%%::*}" ] && paths_given=1
done

status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ -n "${DANGJIAN_TEST_POSTGRES:-}" ] && [ "$paths_given" = 0 ]; then
  echo "Second pass: the service, store and command-line tests on PostgreSQL"
  DANGJIAN_TEST_ENGINE=postgresql .venv/bin/python -m pytest "$@" \
    tests/services tests/store tests/test_races.py tests/test_cli*.py || status=$?
fi
exit "$status"
