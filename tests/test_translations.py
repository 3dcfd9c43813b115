"""Every user-visible string has a zh_CN translation, with the same {placeholders}."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from dangjian_desktop import i18n

PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")
_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "missing_translations.py"


def _source_messages() -> dict[str, str]:
    """The same extraction the maintainers' script uses (f-strings included)."""
    spec = importlib.util.spec_from_file_location("missing_translations", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.source_messages()


def test_source_has_translatable_strings():
    found = _source_messages()
    assert len(found) > 50
    assert "No minutes written yet." in found  # written as _('…') inside an f-string


def test_every_string_has_a_zh_cn_translation():
    catalog = i18n.read_catalog("zh_CN")
    missing = [
        f"{where}: {text!r}"
        for text, where in _source_messages().items()
        if not (catalog.get(text) and catalog.get(text).string)
    ]
    assert not missing, "strings without a zh_CN translation:\n" + "\n".join(sorted(missing))


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
