"""The translation layer: every user-visible string goes through ``_()``.

Source strings are English; the ``zh_CN`` catalog is complete and the default. Catalogs are read
from compiled ``.mo`` files when the build made them, otherwise compiled from the ``.po`` in memory,
so the source tree runs without a build step. Dates and numbers are formatted with babel.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import os
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_datetime as _babel_format_datetime
from babel.messages.catalog import Catalog
from babel.numbers import format_decimal as _babel_format_decimal

from dangjian_desktop.paths import translations_dir

DEFAULT_LANGUAGE = "zh_CN"
SUPPORTED_LANGUAGES = ("zh_CN", "en")
DOMAIN = "messages"

_state: dict[str, object] = {"language": None, "translations": None}


def catalog_files(language: str) -> list[Path]:
    """Each area of the program keeps its strings in its own ``.po`` file; together they are the catalog."""
    folder = translations_dir() / language / "LC_MESSAGES"
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


def read_catalog(language: str) -> Catalog:
    """All of a language's ``.po`` files merged into one babel catalog."""
    from babel.messages.pofile import read_po

    merged = Catalog(locale=language, domain=DOMAIN)
    for po_file in catalog_files(language):
        with po_file.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if message.id and message.string:
                    merged.add(message.id, message.string)
    return merged


def compile_catalog(language: str, target: Path) -> None:
    """Write the merged catalog as a ``.mo`` file (the build calls this)."""
    from babel.messages.mofile import write_mo

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    with partial.open("wb") as handle:
        write_mo(handle, read_catalog(language))
    partial.replace(target)  # another process starting at the same time never reads half a file


def _load_catalog(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    mo_file = translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    sources = catalog_files(language)
    newest_source = max((p.stat().st_mtime for p in sources), default=0.0)
    if mo_file.is_file() and mo_file.stat().st_mtime >= newest_source:
        with mo_file.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if not sources:
        return gettext.NullTranslations()
    try:  # compile once and keep it (messages.mo is not tracked), so later starts skip the .po files
        compile_catalog(language, mo_file)
        with mo_file.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError:  # a read-only install: compile in memory every time
        from babel.messages.mofile import write_mo

        buffer = io.BytesIO()
        write_mo(buffer, read_catalog(language))
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)


def set_language(language: str) -> None:
    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    _state["translations"] = _load_catalog(language)
    _state["language"] = language


def current_language() -> str:
    if _state["language"] is None:
        set_language(DEFAULT_LANGUAGE)
    return str(_state["language"])


def _translations() -> gettext.NullTranslations:
    if _state["translations"] is None:
        set_language(DEFAULT_LANGUAGE)
    return _state["translations"]  # type: ignore[return-value]


def _(message: str) -> str:
    """Translate a user-visible string into the active language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it with ``_()`` where it is shown."""
    return message


_locales: dict[str, Locale] = {}


def _babel_locale() -> Locale:
    # A parsed Locale, not its name: given a name, babel looks the locale up again on every call
    # (a quarter of a millisecond each, which a table of a thousand amounts turns into a pause).
    language = current_language()
    if language not in _locales:
        _locales[language] = Locale.parse(language)
    return _locales[language]


def format_date(value: dt.date | None, form: str = "medium") -> str:
    """A date in a sentence (2026年12月7日); in a table use :func:`table_date`."""
    if value is None:
        return ""
    return _babel_format_date(value, format=form, locale=_babel_locale())


def table_date(value: dt.date | None) -> str:
    """A date in a table column, written one way on every screen: 2026-12-07."""
    return "" if value is None else value.isoformat()


def format_datetime(value: dt.datetime | None, form: str = "medium") -> str:
    if value is None:
        return ""
    return _babel_format_datetime(value, format=form, locale=_babel_locale())


def format_number(value: float | Decimal, decimals: int | None = None) -> str:
    pattern = None if decimals is None else "#,##0." + "0" * decimals if decimals else "#,##0"
    return _babel_format_decimal(value, format=pattern, locale=_babel_locale())


def format_money(value: Decimal) -> str:
    """Money is always shown with two decimals (fen)."""
    return format_number(value, decimals=2)
