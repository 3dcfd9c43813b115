"""The mouse wheel scrolls the page; it changes a drop-down list, a number or a date only when that
field has been clicked first.

Without this, turning the wheel to scroll a form or a table changes whichever choice happens to pass
under the pointer (a grade in the 评岗 table, a category on the member form) and nobody notices.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

_GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, _GUARDED):
            return False
        assert isinstance(watched, QWidget)
        if watched.hasFocus():
            return False
        # What is under the field scrolls instead (a table, a form): the first ancestor that takes it.
        parent = watched.parentWidget()
        while parent is not None:
            event.ignore()
            QCoreApplication.sendEvent(parent, event)
            if event.isAccepted():
                break
            parent = parent.parentWidget()
        return True


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Once per application; the guard is kept alive as the application's child."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
