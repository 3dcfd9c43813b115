"""The screen's own settings, kept in ``settings.ini`` in the data folder (they travel with a USB stick):
text size, language, where the window was, the roster's columns; and the text size applied at once."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from dangjian_desktop.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from dangjian_desktop.ui.widgets.text_size import follow_text_size

SETTINGS_FILE = "settings.ini"
FONT_SIZES = (12, 14, 16, 18)
DEFAULT_FONT_SIZE = 12


class UiSettings:
    """Text size, language, where the window was and the roster's columns, kept in ``settings.ini`` in the
    data folder (travels with a USB stick)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @classmethod
    def in_folder(cls, folder: Path) -> UiSettings:
        return cls(QSettings(str(Path(folder) / SETTINGS_FILE), QSettings.Format.IniFormat))

    @property
    def font_size(self) -> int:
        try:
            size = int(cast("str | int", self._settings.value("ui/font_size", DEFAULT_FONT_SIZE)))
        except (TypeError, ValueError):
            return DEFAULT_FONT_SIZE
        return size if size in FONT_SIZES else DEFAULT_FONT_SIZE

    @font_size.setter
    def font_size(self, size: int) -> None:
        self._settings.setValue("ui/font_size", int(size))
        self._settings.sync()

    @property
    def language(self) -> str:
        language = str(self._settings.value("ui/language", DEFAULT_LANGUAGE))
        return language if language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, language: str) -> None:
        self._settings.setValue("ui/language", language)
        self._settings.sync()

    # ----- the window's place ------------------------------------------------------------------------

    def window_place(self) -> tuple[QByteArray, QRect] | None:
        """Qt's record of the window's place (size, position, maximised, which screen) and the window's
        own (not maximised) rectangle, as saved when the program was last closed; None the first time."""
        saved = self._settings.value("window/geometry")
        rect = _rect_from_text(self._settings.value("window/normal"))
        if not isinstance(saved, QByteArray) or saved.isEmpty() or rect is None:
            return None
        return saved, rect

    def save_window_place(self, geometry: QByteArray, normal: QRect) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue(
            "window/normal", f"{normal.x()},{normal.y()},{normal.width()},{normal.height()}"
        )
        self._settings.sync()

    # ----- the roster's columns ----------------------------------------------------------------------

    @property
    def roster_columns(self) -> dict[str, bool]:
        """Columns the secretary chose to show (True) or hide (False); the others fit the window."""
        text = str(self._settings.value("roster/columns", "") or "")
        chosen: dict[str, bool] = {}
        for part in text.split(";"):
            name, _sep, shown = part.partition("=")
            if name.strip() and shown.strip() in ("0", "1"):
                chosen[name.strip()] = shown.strip() == "1"
        return chosen

    @roster_columns.setter
    def roster_columns(self, chosen: dict[str, bool]) -> None:
        self._settings.setValue(
            "roster/columns", ";".join(f"{k}={int(v)}" for k, v in sorted(chosen.items()))
        )
        self._settings.sync()

    # ----- the folder the exchange's files went to last (设置 → 与乡镇交换) ------------------------------

    @property
    def exchange_folder(self) -> str:
        return str(self._settings.value("exchange/folder", "") or "")

    @exchange_folder.setter
    def exchange_folder(self, folder: str) -> None:
        self._settings.setValue("exchange/folder", folder)
        self._settings.sync()


def _rect_from_text(value: object) -> QRect | None:
    try:
        x, y, width, height = (int(part) for part in str(value).split(","))
    except (TypeError, ValueError):
        return None
    return QRect(x, y, width, height) if width > 0 and height > 0 else None


def apply_font_size(size: int) -> None:
    """Change the text size of the whole program at once: every open window and page follows."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    follow_text_size(app)  # installed at the start already (prepare_application); here for safety
    font = QFont(app.font())
    font.setPointSize(size)
    app.setFont(font)
