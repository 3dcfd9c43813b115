"""Print the source strings that have no zh_CN translation yet, as .po entries to fill in.

Usage: python scripts/missing_translations.py [PATH-PREFIX ...]   (e.g. services/ cli.py)
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir

from dangjian_desktop import i18n

SOURCE = Path(__file__).resolve().parents[1] / "src" / "dangjian_desktop"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(prefixes: list[str]) -> int:
    catalog = i18n.read_catalog("zh_CN")
    seen: set[str] = set()
    for filename, lineno, message, _c, _ctx in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords={"_": None, "N_": None, "ngettext": (1, 2)}
    ):
        if prefixes and not any(filename.startswith(p) for p in prefixes):
            continue
        for text in message if isinstance(message, tuple) else (message,):
            entry = catalog.get(text) if text else None
            if text and text not in seen and not (entry and entry.string):
                seen.add(text)
                print(f'#: {filename}:{lineno}\nmsgid {_quote(text)}\nmsgstr ""\n')
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
