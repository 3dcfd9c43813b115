#!/usr/bin/env bash
# Put 党建台账 into the desktop's application menu for the current user (no root needed).
#
#   install-desktop-entry.sh [BUILD_DIR | PROGRAM]   add (or update) the menu entry and the icon
#   install-desktop-entry.sh --uninstall             remove them again (the data folder is not touched)
#
# BUILD_DIR is the one-folder build (the folder holding the dangjian-desktop program); PROGRAM may also be a
# dangjian-desktop on PATH (e.g. from `pipx install`). Default: the folder this script lies in when it is
# inside the build (packaging/build.py copies it there), else dist/dangjian-desktop of the repository,
# else dangjian-desktop on PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app_id="dangjian-desktop"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
desktop_target="$data_home/applications/$app_id.desktop"
icon_target="$data_home/icons/hicolor/256x256/apps/$app_id.png"

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data_home/applications" >/dev/null 2>&1 || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$data_home/icons/hicolor" >/dev/null 2>&1 || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$desktop_target" "$icon_target"
  refresh_caches
  echo "removed the menu entry for 党建台账 (your data was not touched)"
  exit 0
fi
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

# --- find the program ------------------------------------------------------------------------------------
target="${1:-}"
if [ -z "$target" ]; then
  for candidate in "$here" "$here/../../dist/$app_id"; do
    if [ -x "$candidate/$app_id" ]; then target="$candidate"; break; fi
  done
fi
if [ -z "$target" ] && command -v "$app_id" >/dev/null 2>&1; then
  target="$(command -v "$app_id")"
fi
if [ -z "$target" ]; then
  echo "cannot find the $app_id program: pass the build folder (e.g. dist/$app_id)" >&2
  exit 2
fi
if [ -d "$target" ]; then
  program="$(cd "$target" && pwd)/$app_id"
else
  program="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")"
fi
if [ ! -x "$program" ]; then
  echo "not a program: $program" >&2
  exit 2
fi
build_dir="$(dirname "$program")"

# --- find the template and the icon --------------------------------------------------------------------
template=""
for candidate in "$here/$app_id.desktop" "$build_dir/$app_id.desktop"; do
  if [ -f "$candidate" ]; then template="$candidate"; break; fi
done
icon=""
for candidate in "$build_dir/_internal/resources/icons/app.png" "$here/../../resources/icons/app.png"; do
  if [ -f "$candidate" ]; then icon="$candidate"; break; fi
done
if [ -z "$template" ] || [ -z "$icon" ]; then
  echo "cannot find $app_id.desktop and app.png beside this script or in $build_dir" >&2
  exit 2
fi

# --- write them ----------------------------------------------------------------------------------------
# Exec is a command line: quote the path, escaping \ " ` $ inside the quotes (and \ once more for the file).
escaped="$(printf '%s' "$program" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')"
mkdir -p "$(dirname "$desktop_target")" "$(dirname "$icon_target")"
install -m 0644 "$icon" "$icon_target"
tmp="$(mktemp)"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    Exec=*) printf 'Exec="%s"\n' "$escaped" ;;
    TryExec=*) printf 'TryExec=%s\n' "$program" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$template" >"$tmp"
install -m 0644 "$tmp" "$desktop_target"
rm -f "$tmp"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$desktop_target"
fi
refresh_caches
echo "added 党建台账 to the application menu: $desktop_target -> $program"
