#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine: the system libraries Qt needs, then a virtual environment.
# Usage: scripts/setup.sh [run|test|build]   (which extra Python packages to install)
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-run}"

# The libraries of Qt's offscreen and X11 platform plugins (the Chinese font is bundled); for the tests
# also poppler (pdftoppm/pdffonts), zbar (QR decoding), Xvfb and xdotool (real mouse and keyboard events).
APT_PACKAGES=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  libxcb-xkb1 libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0)
if [ "$purpose" != "run" ]; then
  # postgresql: the township tests run against a real server (scripts/postgres_cluster.sh)
  APT_PACKAGES+=(poppler-utils libzbar0 xvfb xauth xdotool postgresql)
fi
if [ "$purpose" = "build" ]; then
  APT_PACKAGES+=(nsis binutils desktop-file-utils)
fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then
      echo "Installing system packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "Missing system packages: ${missing[*]}" >&2
      echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    fi
  fi
fi

# The Python packages are installed again only when pyproject.toml or this script changed since the last
# install for this purpose (a stamp in .venv): a second start needs no network and no pip at all.
stamp_of() { cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1; }
stamp_file=".venv/.installed-$purpose"
if [ -x .venv/bin/python ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$(stamp_of)" ]; then
  exit 0
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
case "$purpose" in
  run) covers=(run) ; .venv/bin/python -m pip install -q -e . ;;
  test) covers=(run test) ; .venv/bin/python -m pip install -q -e ".[test]" ;;
  build) covers=(run test build) ; .venv/bin/python -m pip install -q -e ".[test,build]" ;;
  *) echo "unknown purpose: $purpose" >&2; exit 2 ;;
esac
for done_purpose in "${covers[@]}"; do
  stamp_of >".venv/.installed-$done_purpose"
done
