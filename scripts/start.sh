#!/usr/bin/env bash
# Set up (first time only takes a minute) and start 党建台账. Extra arguments go to the program,
# e.g. scripts/start.sh --data-dir /path/to/folder
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
exec .venv/bin/dangjian-desktop "$@"
