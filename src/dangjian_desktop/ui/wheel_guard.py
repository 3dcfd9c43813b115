"""The mouse wheel scrolls the page; it changes a drop-down list, a number or a date only when that
field has been clicked first.

Without this, turning the wheel to scroll a form or a table changes whichever choice happens to pass
under the pointer (a grade in the 评岗 table, a category on the member form) and nobody notices.

Two things are needed. A real wheel event comes from the window system ("spontaneous"), and before any
event filter sees it Qt gives the field under the pointer the focus when its focus policy is WheelFocus —
the default of drop-downs, number and date fields. So every such field gets StrongFocus (click or Tab)
when it is first polished. And the wheel turns a field only after it was clicked: a field reached with
Tab keeps the wheel for the page too, since the pointer may rest on it by chance while she scrolls.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

_GUARDED = (QComboBox, QAbstractSpinBox)
_CLICKED = "_wheelGuardClicked"  # a dynamic property: the field has the focus because it was clicked
# Focus that comes back from a drop-down's list or another window leaves "clicked" as it was; any other
# arrival (Tab, a shortcut, the program) clears it. Leaving does not matter: the wheel needs the focus.
_PASSING_REASONS = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


def _guarded_owner(widget: QObject) -> QWidget | None:
    """The drop-down, number or date field that ``widget`` is, or whose text line it is."""
    if isinstance(widget, _GUARDED):
        return widget
    parent = widget.parent() if isinstance(widget, QWidget) else None
    if not isinstance(parent, _GUARDED):
        return None
    text_line = parent.lineEdit() if isinstance(parent, QComboBox) else None
    return parent if widget in (parent.focusProxy(), text_line) else None


def wheel_turns(field: QWidget) -> bool:
    """Whether the wheel over ``field`` changes it (it has the focus, given by a click)."""
    return field.hasFocus() and bool(field.property(_CLICKED))


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Polish:
            if isinstance(watched, _GUARDED) and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind == QEvent.Type.FocusIn:
            self._note_focus(watched, event)
            return False
        if kind == QEvent.Type.MouseButtonPress:  # a click on a field that had the focus already
            owner = _guarded_owner(watched)
            if owner is not None:
                owner.setProperty(_CLICKED, True)
            return False
        if kind != QEvent.Type.Wheel or not isinstance(watched, _GUARDED):
            return False
        assert isinstance(watched, QWidget)
        if wheel_turns(watched):
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

    @staticmethod
    def _note_focus(watched: QObject, event: QEvent) -> None:
        assert isinstance(event, QFocusEvent)
        owner = _guarded_owner(watched)
        if owner is not None and event.reason() not in _PASSING_REASONS:
            owner.setProperty(_CLICKED, event.reason() == Qt.FocusReason.MouseFocusReason)


Filter = TypeVar("Filter", bound=QObject)


def install_once(app: QApplication, kind: type[Filter]) -> Filter:
    """An application-wide event filter, once per application; kept alive as the application's child."""
    existing = app.findChild(kind)
    if existing is not None:
        return existing
    installed = kind(app)
    app.installEventFilter(installed)
    return installed


def install_wheel_guard(app: QApplication) -> WheelGuard:
    return install_once(app, WheelGuard)
