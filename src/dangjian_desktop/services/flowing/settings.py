"""The settings of the 流动党员 module (decisions.md #1 and #10): the book's title and layout, the months
without news before a member away is listed as at risk, and the 党章 text printed in the book."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.flowing import DEFAULT_ALERT_MONTHS, DEFAULT_BOOK_TITLE, DEFAULT_LAYOUT, LAYOUTS
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.paths import resource_path
from dangjian_desktop.services import settings
from dangjian_desktop.services.workspace import Workspace

CONSTITUTION_FILE = ("texts", "dangzhang-chapter1.txt")


def _title(value: Any) -> str:
    text = normalize_text(value)
    if not 2 <= len(text) <= 20:
        raise ValueError(_("The title is 2 to 20 characters, e.g. {title}.").format(title=DEFAULT_BOOK_TITLE))
    return text


def _layout(value: Any) -> str:
    if value not in LAYOUTS:
        raise ValueError(_("Choose one of: {choices}.").format(choices=", ".join(LAYOUTS)))
    return str(value)


def _alert_months(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 36:
        raise ValueError(_("Enter a whole number from {low} to {high}.").format(low=1, high=36))
    return number


def _constitution_text(value: Any) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if len(text) > 50_000:
        raise ValueError(_("The text is too long: at most 50,000 characters."))
    return text


BOOK_TITLE: settings.SettingKey[str] = settings.register(
    settings.SettingKey(
        "flowing.book_title", N_("Title on the activity book's cover"), DEFAULT_BOOK_TITLE, _title
    )
)
BOOK_LAYOUT: settings.SettingKey[str] = settings.register(
    settings.SettingKey(
        "flowing.book_layout", N_("Layout of the printed activity book"), DEFAULT_LAYOUT, _layout
    )
)
ALERT_MONTHS: settings.SettingKey[int] = settings.register(
    settings.SettingKey(
        "flowing.alert_months",
        N_("Months without news before a member away is listed as at risk"),
        DEFAULT_ALERT_MONTHS,
        _alert_months,
    )
)
# Empty: the text shipped in resources/texts/dangzhang-chapter1.txt. Stored in the database so that a
# replacement travels with the backups.
CONSTITUTION_TEXT: settings.SettingKey[str] = settings.register(
    settings.SettingKey(
        "flowing.constitution_text",
        N_("Party Constitution text in the activity book"),
        "",
        _constitution_text,
    )
)


@dataclass(frozen=True)
class FlowingSettings:
    book_title: str
    book_layout: str
    alert_months: int
    own_constitution_text: bool


def flowing_settings(workspace: Workspace) -> FlowingSettings:
    values = settings.get_many(workspace, [BOOK_TITLE, BOOK_LAYOUT, ALERT_MONTHS, CONSTITUTION_TEXT])
    return FlowingSettings(
        values[BOOK_TITLE.key],
        values[BOOK_LAYOUT.key],
        values[ALERT_MONTHS.key],
        bool(values[CONSTITUTION_TEXT.key]),
    )


def set_book_title(workspace: Workspace, title: str) -> str:
    return settings.set_value(workspace, BOOK_TITLE, title)


def set_book_layout(workspace: Workspace, layout: str) -> str:
    return settings.set_value(workspace, BOOK_LAYOUT, layout)


def set_alert_months(workspace: Workspace, months: int | str) -> int:
    return settings.set_value(workspace, ALERT_MONTHS, months)


def bundled_constitution_text() -> str:
    return resource_path(*CONSTITUTION_FILE).read_text(encoding="utf-8")


def constitution_text(workspace: Workspace) -> str:
    """The 党章 excerpt printed in the book: the branch's own text if it replaced it, else the bundled one."""
    return settings.get(workspace, CONSTITUTION_TEXT) or bundled_constitution_text()


def replace_constitution_text(workspace: Workspace, source: Path | str | None) -> None:
    """Replace the printed 党章 text by a UTF-8 text file (first line the title, one paragraph a line);
    ``None`` goes back to the text shipped with the program."""
    if source is None:
        settings.set_value(workspace, CONSTITUTION_TEXT, "")
        return
    try:
        raw = Path(source).read_bytes()
    except OSError as error:
        raise AppError(_("The file cannot be read: {error}").format(error=error)) from error
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise AppError(_("The file is not a text file the program can read (UTF-8 or GBK)."))
    if len([line for line in text.splitlines() if line.strip()]) < 2:
        raise AppError(_("The file holds no text: the first line is the title, then one paragraph per line."))
    settings.set_value(workspace, CONSTITUTION_TEXT, text)


_constitution_cache: dict[str, str] = {}


def cached_constitution() -> str:
    """The bundled 党章 text, read from the file once per process (every book prints it)."""
    if "text" not in _constitution_cache:
        _constitution_cache["text"] = bundled_constitution_text()
    return _constitution_cache["text"]
