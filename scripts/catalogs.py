"""Build the translation catalogs with babel's own commands: extract, update, compile.

Usage:
    python scripts/catalogs.py update   extract every domain's strings and update its zh_CN .po
    python scripts/catalogs.py check    say what `update` would change (exit 1 if anything)

One domain per module of the registry (``features.FEATURES``: the strings of the module's rooms), ``core``
for the rest of the program, and ``argparse`` for the standard library's own command-line words, which
``cli`` translates. A string used in several domains is in each of their files, translated the same way
(tests/test_translations.py checks that). ``update`` drops entries no longer in the source
(``--ignore-obsolete``) and never guesses a translation (``--no-fuzzy-matching``): a new string arrives
untranslated and the translation tests name it until someone fills it in.

babel cannot see ``_('…')`` inside an f-string on Python 3.11, so the program keeps none there
(tests/test_translations.py checks that too).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "dangjian_desktop"
CATALOGS = ROOT / "translations"
LANGUAGE = "zh_CN"


def module_rooms(package: str, domain_modules: tuple[str, ...]) -> list[Path]:
    """The files of one module's rooms (see docs/adding-a-module.md)."""
    candidates = [
        *(SOURCE / "domain" / f"{name}.py" for name in domain_modules),
        SOURCE / "services" / package,
        SOURCE / "ui" / package,
        SOURCE / "cli" / f"{package}.py",
        *sorted((SOURCE / "documents").glob(f"{package}_*.py")),
    ]
    files: list[Path] = []
    for path in candidates:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.py")))
        elif path.is_file():
            files.append(path)
    return files


def domains() -> dict[str, list[Path]]:
    """Domain name -> the source files whose strings it holds."""
    sys.path.insert(0, str(ROOT / "src"))
    from dangjian_desktop.features import FEATURES

    result: dict[str, list[Path]] = {}
    claimed: set[Path] = set()
    for feature in FEATURES:
        files = module_rooms(feature.package, feature.domains)
        result[feature.catalog] = files
        claimed.update(files)
    result["core"] = [p for p in sorted(SOURCE.rglob("*.py")) if p not in claimed]
    result["argparse"] = [Path(argparse.__file__)]
    return result


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def update(target: Path) -> list[Path]:
    """Extract and update every domain's .po below ``target`` (the translations folder or a copy of it)."""
    written = []
    with tempfile.TemporaryDirectory(prefix="dangjian-catalogs-") as scratch:
        for domain, files in domains().items():
            template = Path(scratch) / f"{domain}.pot"
            _babel("extract", "--no-location", "--sort-output", "--no-wrap", "-o", str(template), *map(str, files))
            po_file = target / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
            if not po_file.exists():
                _babel("init", "-i", str(template), "-o", str(po_file), "-l", LANGUAGE, "--no-wrap")
            _babel(
                "update", "-i", str(template), "-o", str(po_file), "-l", LANGUAGE,
                "--ignore-obsolete", "--no-fuzzy-matching", "--no-wrap", "--omit-header",
            )  # fmt: skip
            _babel("compile", "-i", str(po_file), "-o", str(Path(scratch) / f"{domain}.mo"), "-l", LANGUAGE)
            written.append(po_file)
    return written


def _messages(po_file: Path) -> dict[str, str]:
    with po_file.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0]: str(m.string) for m in read_po(handle) if m.id}


def differences() -> list[str]:
    """What `update` would change in the committed catalogs, in words."""
    found = []
    with tempfile.TemporaryDirectory(prefix="dangjian-catalogs-check-") as scratch:
        copy = Path(scratch) / "translations"
        shutil.copytree(CATALOGS, copy)
        expected = {p.name for p in update(copy)}
        folder = CATALOGS / LANGUAGE / "LC_MESSAGES"
        for po_file in sorted(folder.glob("*.po")):
            if po_file.name not in expected:
                found.append(f"{po_file.name}: not a domain of the program any more")
                continue
            before, after = _messages(po_file), _messages(copy / LANGUAGE / "LC_MESSAGES" / po_file.name)
            found += [f"{po_file.name}: stale entry {m!r}" for m in sorted(before.keys() - after.keys())]
            found += [f"{po_file.name}: missing entry {m!r}" for m in sorted(after.keys() - before.keys())]
        found += [f"{name}: missing file" for name in sorted(expected - {p.name for p in folder.glob('*.po')})]
    return found


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for po_file in update(CATALOGS):
            print(po_file.relative_to(ROOT))
        return 0
    if argv[:1] == ["check"]:
        problems = differences()
        print("\n".join(problems) or "the catalogs are up to date")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
