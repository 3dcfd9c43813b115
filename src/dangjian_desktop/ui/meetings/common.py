"""What the organisation-life tabs and dialogs share: the attendance marks, the page as a tab sees it,
the primary button, the Save/Cancel row, and printing or saving a printout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.meetings import ABSENCE_REASON
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.widgets.kit import action_button, save_path, show_error

PRESENT = ""  # the checklist's code for 出席; the others are the absence reasons
MARK_CODES = (PRESENT, rules.LEAVE, rules.AWAY, rules.OTHER_REASON)


def mark_label(code: str) -> str:
    return rules.ATTENDANCE_STATUS.label(rules.PRESENT) if code == PRESENT else ABSENCE_REASON.label(code)


class MeetingsHost(Protocol):
    """What a tab needs of its page: the day (None: the real today; tests fix it) and a way to open a
    dialog that tests can drive."""

    today: dt.date | None

    def open_dialog(self, dialog: QDialog) -> int: ...


def primary_button(text: str, slot: Callable[[], object]) -> QPushButton:
    """The main action of a tab, drawn as the primary button."""
    button = action_button(text, slot)
    button.setObjectName("primary")
    return button


def safe_file_part(text: str) -> str:
    return "".join(ch for ch in text if ch not in '\\/:*?"<>|').strip() or "-"


def print_document(parent: QWidget, make_pdf: Callable[[], bytes], name: Callable[[], str]) -> None:
    """A printout through the printer dialog; what stops it (nothing to print yet …) said in words."""
    try:
        data = make_pdf()
    except AppError as error:
        show_error(parent, error)
        return
    printing.print_pdf(parent, data, name=name())


def save_document(parent: QWidget, suggested: str, write: Callable[[Path], object], saved: str) -> None:
    """A printout saved as a PDF where she chooses; ``saved`` says where, with ``{path}``."""
    path = save_path(parent, suggested, pdf=True)
    if path is None:
        return
    try:
        write(path)
    except AppError as error:
        show_error(parent, error)
        return
    messages.info(parent, saved.format(path=path))
