#!/usr/bin/env bash
# Check that installer.nsi compiles, with makensis on Linux (Debian package nsis), against a one-folder build.
# The files are stored uncompressed (-DFAST) and the setup .exe is thrown away: this only proves the script
# is valid. The real installer is built on Windows (.github/workflows/windows-build.yml).
#
#   packaging/windows/check_installer.sh [BUILD_DIR] [VERSION]
#     BUILD_DIR  default: dist/dangjian-desktop      VERSION  default: the program's __version__
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source_dir="${1:-$root/dist/dangjian-desktop}"
version="${2:-$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/src/dangjian_desktop/__init__.py")}"

if ! command -v makensis >/dev/null 2>&1; then
  echo "skipped: makensis not found (apt-get install nsis)"
  exit 0
fi
if [ ! -d "$source_dir" ]; then
  echo "no build folder at $source_dir (run packaging/build.py first, or pass a folder)" >&2
  exit 2
fi
source_dir="$(cd "$source_dir" && pwd)"
numeric="$(printf '%s' "$version" | grep -oE '[0-9]+' | head -3 | tr '\n' '.')"
vi_version="$(printf '%s0.0.0.0' "$numeric" | cut -d. -f1-4)"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# -WX: a warning fails the check too.
makensis -V2 -WX -INPUTCHARSET UTF8 -DFAST "-DSOURCE_DIR=$source_dir" "-DVERSION=$version" \
  "-DVI_VERSION=$vi_version" "-DOUTDIR=$out" "$here/installer.nsi"
setup="$out/dangjian-desktop-setup-$version.exe"
if [ ! -s "$setup" ]; then
  echo "makensis made no $(basename "$setup")" >&2
  exit 1
fi
echo "ok: installer.nsi compiles ($(basename "$setup"), $(( $(stat -c %s "$setup") / 1000000 )) MB uncompressed, from $source_dir)"
