"""Buttons sized for the secretary: room around the words, easy to read and to hit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton, QWidget


class BigButton(QPushButton):
    """A push button with room around its words (easier to read and to hit)."""

    def __init__(
        self, text: str, parent: QWidget | None = None, *, on_click: Callable[[], object] | None = None
    ) -> None:
        super().__init__(text, parent)
        self.setAutoDefault(False)
        if on_click is not None:
            self.clicked.connect(on_click)

    def sizeHint(self) -> QSize:  # Qt override
        hint = super().sizeHint()
        return QSize(hint.width() + 28, hint.height() + 14)

    def minimumSizeHint(self) -> QSize:  # Qt override
        return self.sizeHint()
