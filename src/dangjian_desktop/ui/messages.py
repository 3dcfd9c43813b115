"""Every message box of the program goes through here, so tests patch one place.

The boxes use plain words and big buttons; the text is the message itself (no separate
"informative text"), because a short, whole sentence reads better than a title plus a detail line.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dangjian_desktop.i18n import _

# A check code (2X3R-C7H9), a phone (0531-8765432), a date or a number with hyphens stays on one line:
# word joiners (U+2060, invisible) on both sides of each of its hyphens forbid a line break there.
_HYPHENATED = re.compile(r"[0-9A-Za-z]+(?:-[0-9A-Za-z]+)+")
_WORD_JOINER = "\u2060"


def message_html(text: str) -> str:
    """The plain message as rich text that never breaks a hyphenated code or number across lines."""
    joined = _HYPHENATED.sub(lambda m: m.group(0).replace("-", f"{_WORD_JOINER}-{_WORD_JOINER}"), text)
    return html.escape(joined, quote=False).replace("\n", "<br>")


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title or _("Party Affairs Ledger"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(message_html(text))
    return box


def info(parent: QWidget | None, text: str, title: str = "") -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def warning(parent: QWidget | None, text: str, title: str = "") -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def error(
    parent: QWidget | None, text: str, title: str = "", details: str = "", log_folder: str = ""
) -> None:
    """An error in words; with ``details`` a button copies them for whoever helps the secretary, and with
    ``log_folder`` another opens the folder of the log files."""
    box = _box(parent, QMessageBox.Icon.Critical, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    copy_button = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole) if details else None
    folder_button = (
        box.addButton(_("Open log folder"), QMessageBox.ButtonRole.ActionRole) if log_folder else None
    )
    if details:
        box.setDetailedText(details)
    while True:
        box.exec()
        clicked = box.clickedButton()
        if copy_button is not None and clicked is copy_button:
            QGuiApplication.clipboard().setText(details)
            copy_button.setText(_("Copied"))
            continue  # the action buttons close the box in Qt; show it again until OK
        if folder_button is not None and clicked is folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(log_folder))
            continue
        return


def open_folder(parent: QWidget | None, folder: Path) -> None:
    """Open the folder in the file manager (made first when it is missing); when that cannot be done,
    say where it is so she can find it herself."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        warning(
            parent,
            _("The folder could not be opened. You can find it here:\n{folder}").format(folder=folder),
        )


def confirm(parent: QWidget | None, text: str, yes_text: str, no_text: str = "", title: str = "") -> bool:
    """Ask before doing something; the buttons say what happens (e.g. "Delete" / "Cancel")."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_text or _("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def choose(parent: QWidget | None, text: str, choices: list[str], title: str = "") -> int:
    """Ask and offer a few ways on, one button each, the first the default; returns the number of the
    button clicked (Esc or closing the box: the last)."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.ActionRole) for choice in choices]
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else len(buttons) - 1
