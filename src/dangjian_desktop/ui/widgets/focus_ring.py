"""A clear ring around the control that has the keyboard focus after Tab (or Shift+Tab, or a shortcut), so
she sees where her typing goes; the style's own focus mark is a thin, pale line that is easy to miss. A click
shows no ring: the pointer already says where she is."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget

RING_COLOUR = QColor("#1a5fb4")


class FocusRing(QFocusFrame):
    """Qt's focus frame (it follows the control as it moves, is clipped like it and lets clicks through), in
    one strong colour; the style's mask leaves only a ring of it round the control."""

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), RING_COLOUR)


class FocusRingKeeper(QObject):
    """Puts the ring round the control that gets the focus from the keyboard, in every window."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusRingKeeper")
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if self.ring is not None and shiboken6.isValid(self.ring):
            self.ring.setWidget(None)  # type: ignore[arg-type]  # Qt takes none: the ring follows no widget
            self.ring.deleteLater()
        self.ring = None
        if now is None or now.parentWidget() is None:
            return
        if not now.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
            return  # a click, or the program choosing a field
        self.ring = FocusRing(now)
        self.ring.setWidget(now)
        self.ring.show()


def install_focus_ring(app: QApplication) -> FocusRingKeeper:
    """Once per application."""
    existing = app.findChild(FocusRingKeeper)
    return existing if existing is not None else FocusRingKeeper(app)
