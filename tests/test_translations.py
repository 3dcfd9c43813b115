"""Every user-visible string has a zh_CN translation, with the same {placeholders}, and the catalogs are what
babel's extract/update make of the source (scripts/catalogs.py): no stale entry, none missing."""

from __future__ import annotations

import importlib.util
import re
import tokenize
from pathlib import Path

from babel.messages.pofile import read_po

from dangjian_desktop import i18n

PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")
_ROOT = Path(__file__).resolve().parents[1]
_SOURCE = _ROOT / "src" / "dangjian_desktop"
# babel's extractor does not look inside f-strings (one token before Python 3.12), so none may hide there.
_CALL_IN_FSTRING = re.compile(r"(?<![\w.])N?_\(\s*(['\"])")


def _catalogs_script():
    spec = importlib.util.spec_from_file_location("catalogs", _ROOT / "scripts" / "catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_catalogs_are_what_babel_extract_and_update_make_of_the_source():
    problems = _catalogs_script().differences()
    assert not problems, "run `python scripts/catalogs.py update`:\n" + "\n".join(problems)


def test_every_catalog_entry_is_translated():
    untranslated = []
    for po_file in i18n.catalog_files("zh_CN"):
        with po_file.open("rb") as handle:
            for message in read_po(handle, locale="zh_CN"):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if message.id and not all(strings):
                    untranslated.append(f"{po_file.name}: {message.id!r}")
    assert not untranslated, "strings without a zh_CN translation:\n" + "\n".join(untranslated)


def test_no_translatable_string_hides_in_an_f_string():
    hidden = []
    for path in sorted(_SOURCE.rglob("*.py")):
        with path.open("rb") as handle:
            for token in tokenize.tokenize(handle.readline):
                if token.type == tokenize.STRING and re.match(r"^[rRbBuU]?[fF]", token.string):
                    if _CALL_IN_FSTRING.search(token.string):
                        hidden.append(f"{path.relative_to(_SOURCE)}:{token.start[0]}")
    assert not hidden, "babel cannot see _() inside an f-string; move it out:\n" + "\n".join(hidden)


def test_a_known_string_is_in_the_catalog():
    assert i18n.read_catalog("zh_CN").get("No minutes written yet.").string


def test_translations_keep_their_placeholders():
    catalog = i18n.read_catalog("zh_CN")
    wrong = []
    for message in catalog:
        if message.id and message.string and isinstance(message.id, str):
            if sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
                wrong.append(f"{message.id!r} -> {message.string!r}")
    assert not wrong, "\n".join(wrong)


def test_zh_cn_is_the_default_and_en_is_selectable():
    try:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
        assert i18n._("Party Affairs Ledger") == "党建台账"
        i18n.set_language("en")
        assert i18n._("Party Affairs Ledger") == "Party Affairs Ledger"
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_compiled_catalog_matches_the_po_files(tmp_path):
    target = tmp_path / "messages.mo"
    i18n.compile_catalog("zh_CN", target)
    import gettext

    with target.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext("Party Affairs Ledger") == "党建台账"


def test_catalog_files_never_translate_one_string_two_ways():
    from babel.messages.pofile import read_po

    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for po_file in i18n.catalog_files("zh_CN"):
        with po_file.open("rb") as handle:
            for message in read_po(handle):
                if not message.id or not message.string:
                    continue
                first = seen.setdefault(message.id, (message.string, po_file.name))
                if first[0] != message.string:
                    clashes.append(
                        f"{message.id!r}: {first[1]} {first[0]!r} / {po_file.name} {message.string!r}"
                    )
    assert not clashes, "\n".join(clashes)
