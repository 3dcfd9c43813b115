"""Enter moves to the next field of a form; a form is saved by a deliberate click on 保存 or by Ctrl+S.

Many older users press Enter to "confirm" a field, as on a bank terminal. Qt's dialogs press the default
button on Enter, so one Enter in the 记录人 field saved a whole meeting with everybody present and no
minutes. This filter, installed once for the application, applies to every dialog of the program that
has two fields or more; a dialog with one field (a reason, a code to check) keeps Enter for its button,
and so do Qt's own dialogs (file, print, message boxes). Enter on a button she moved to with Tab still
presses that button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from dangjian_desktop.i18n import _
from dangjian_desktop.ui.wheel_guard import install_once

_FIELD_TYPES = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QCheckBox,
    QRadioButton,
    QAbstractItemView,
)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_OWN_PACKAGE = __name__.split(".")[0] + "."


def _is_field(widget: QWidget) -> bool:
    """Something she fills in or chooses, and can reach: not the text line inside a drop-down or a
    number field (that box is the field), not a read-only text."""
    if not isinstance(widget, _FIELD_TYPES) or not widget.isVisible() or not widget.isEnabled():
        return False
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return False
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and widget.isReadOnly():
        return False
    return not isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox)


def form_fields(dialog: QDialog) -> list[QWidget]:
    return [widget for widget in dialog.findChildren(QWidget) if _is_field(widget)]


def save_button(dialog: QDialog) -> QPushButton | None:
    """The button that saves the form: the default one, else the accepting one of its button box."""
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    for button in buttons:
        if button.isDefault():
            return button
    for box in dialog.findChildren(QDialogButtonBox):
        for boxed in box.buttons():
            if boxed in buttons and box.buttonRole(boxed) == QDialogButtonBox.ButtonRole.AcceptRole:
                return buttons[buttons.index(boxed)]  # type: ignore[arg-type]
    return None


def _next_field(dialog: QDialog, current: QWidget | None) -> QWidget | None:
    """The next field after ``current`` in Tab order (round to the first after the last)."""
    start = current or dialog
    widget = start.nextInFocusChain()
    while widget is not None and widget is not start:
        if _is_field(widget) and dialog.isAncestorOf(widget) and widget is not current:
            return widget
        widget = widget.nextInFocusChain()
    return None


def _owning_field(widget: QWidget | None) -> QWidget | None:
    """The field the focus is in (the drop-down, not its text line)."""
    if widget is not None and isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
        return widget.parentWidget()
    return widget


class FormKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and self._applies(watched):
            self._explain_save(watched)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QDialog):
            return False
        assert isinstance(event, QKeyEvent)
        saving = event.matches(QKeySequence.StandardKey.Save)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        entering = event.key() in _ENTER and modifiers == Qt.KeyboardModifier.NoModifier
        if not (saving or entering) or not self._applies(watched):
            return False
        if saving:
            button = save_button(watched)
            if button is None:
                return False
            button.click()
            return True
        focus = _owning_field(QApplication.focusWidget())
        if isinstance(focus, QAbstractButton) and not isinstance(focus, QCheckBox | QRadioButton):
            return False  # a button she moved to with Tab: Enter presses it
        following = _next_field(watched, focus)
        if following is not None:
            following.setFocus(Qt.FocusReason.TabFocusReason)
        return True

    @staticmethod
    def _applies(dialog: QDialog) -> bool:
        return type(dialog).__module__.startswith(_OWN_PACKAGE) and len(form_fields(dialog)) >= 2

    @staticmethod
    def _explain_save(dialog: QDialog) -> None:
        button = save_button(dialog)
        if button is not None and not button.toolTip():
            button.setToolTip(_("Save (Ctrl+S). Enter moves to the next field."))


def install_form_keys(app: QApplication) -> FormKeys:
    return install_once(app, FormKeys)
