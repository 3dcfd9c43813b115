"""Print the source strings that have no zh_CN translation yet, as .po entries to fill in.

Usage: python scripts/missing_translations.py [PATH-PREFIX ...]   (e.g. services/ cli.py)

``source_messages()`` is also what tests/test_translations.py checks the catalog against.
"""

from __future__ import annotations

import re
import sys
import tokenize
from pathlib import Path

from babel.messages.extract import extract_from_dir

from dangjian_desktop import i18n

SOURCE = Path(__file__).resolve().parents[1] / "src" / "dangjian_desktop"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# babel's extractor does not look inside f-strings (one token before Python 3.12): find _('…') there too.
_CALL_IN_FSTRING = re.compile(r"(?<![\w.])N?_\(\s*(['\"])((?:(?!\1)[^\\]|\\.)*)\1\s*\)")


def _calls_inside_fstrings(path: Path) -> list[tuple[int, str]]:
    found = []
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type == tokenize.STRING and re.match(r"^[rRbBuU]?[fF]", token.string):
                for match in _CALL_IN_FSTRING.finditer(token.string):
                    found.append((token.start[0], match.group(2)))
    return found


def source_messages() -> dict[str, str]:
    """Every translatable string in the program's source -> where it first appears (file:line)."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        for text in message if isinstance(message, tuple) else (message,):
            if text:
                found.setdefault(text, f"{filename}:{lineno}")
    for path in sorted(SOURCE.rglob("*.py")):
        for lineno, text in _calls_inside_fstrings(path):
            found.setdefault(text, f"{path.relative_to(SOURCE)}:{lineno}")
    return found


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(prefixes: list[str]) -> int:
    catalog = i18n.read_catalog("zh_CN")
    for text, where in source_messages().items():
        if prefixes and not any(where.startswith(p) for p in prefixes):
            continue
        entry = catalog.get(text)
        if not (entry and entry.string):
            print(f'#: {where}\nmsgid {_quote(text)}\nmsgstr ""\n')
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
