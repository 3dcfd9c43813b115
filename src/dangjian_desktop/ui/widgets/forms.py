"""The form pieces every module's dialogs share: a field with its error line under it, labels, combo
boxes that carry codes, and ``FormDialog`` — a titled form whose Save calls a service and shows what is
wrong under the field it concerns (``FieldErrors``) or in words (``AppError``), keeping what was typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.widgets.text_size import scaled_font

ERROR_COLOR = "#c00000"


class TitleLabel(QLabel):
    """A heading a step bigger than the text; it stays so when the secretary changes the text size
    (ui/widgets/text_size.py)."""

    def __init__(self, text: str = "", factor: float = 1.4, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setFont(scaled_font(factor, bold=True))
        self.setWordWrap(True)


class ErrorLabel(QLabel):
    """A red line under a field; hidden while there is nothing wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(f"color: {ERROR_COLOR};")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


class FieldRow(QWidget):
    """An input with its error line right under it (the pair goes into a form layout as one field)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error_label = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error_label)

    def show_error(self, message: str) -> None:
        self.error_label.show_message(message)
        if isinstance(self.editor, QLineEdit | QPlainTextEdit):  # a styled combo box would lose its arrow
            self.editor.setStyleSheet(f"border: 2px solid {ERROR_COLOR};" if message else "")


def form_label(text: str, required: bool = False) -> QLabel:
    label = QLabel(text + (" *" if required else ""))
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def new_form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(8)
    form.setHorizontalSpacing(10)
    return form


def combo_with_codes(items: list[tuple[str, str]]) -> QComboBox:
    """A fixed list: each item shows a label and carries a code."""
    combo = QComboBox()
    for code, label in items:
        combo.addItem(label, code)
    return combo


def select_code(combo: QComboBox, code: str) -> None:
    position = combo.findData(code)
    combo.setCurrentIndex(max(position, 0))


def editable_combo(suggestions: list[str] | tuple[str, ...], text: str = "") -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(suggestions))
    combo.setCurrentText(text)
    return combo


class FormDialog(QDialog):
    """A titled form: rows of (key, label, editor), OK/Cancel, errors shown under their field."""

    def __init__(
        self, title: str, intro: str = "", parent: QWidget | None = None, *, columns: int = 1
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.rows: dict[str, FieldRow] = {}
        self.editors: dict[str, QWidget] = {}
        self.result_value: object = None
        outer = QVBoxLayout(self)
        outer.addWidget(TitleLabel(title, factor=1.25))
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            outer.addWidget(text)
        self.general_error = ErrorLabel()
        outer.addWidget(self.general_error)
        self.forms = [new_form_layout() for _ in range(columns)]
        self.form = self.forms[0]
        self.column = 0  # the column add_row() fills
        row = QHBoxLayout()
        row.setSpacing(24)
        for form in self.forms:
            row.addLayout(form, 1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def add_row(self, key: str, label: str, editor: QWidget, *, required: bool = False) -> QWidget:
        row = FieldRow(editor)
        self.rows[key] = row
        self.editors[key] = editor
        self.forms[self.column].addRow(form_label(label, required), row)
        return editor

    def line(
        self, key: str, label: str, text: str = "", *, required: bool = False, hint: str = ""
    ) -> QLineEdit:
        editor = QLineEdit(text)
        if hint:
            editor.setPlaceholderText(hint)
        self.add_row(key, label, editor, required=required)
        return editor

    def value(self, key: str) -> str:
        editor = self.editors[key]
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            if editor.isEditable():
                text = editor.currentText()
                index = editor.findText(text)
                data = editor.itemData(index) if index >= 0 else None
                return str(data) if data else text
            return str(editor.currentData() or "")
        return ""

    def raw(self) -> dict[str, str]:
        return {key: self.value(key) for key in self.editors}

    def show_errors(self, errors: Mapping[str, str]) -> None:
        unplaced = []
        for key, row in self.rows.items():
            row.show_error(errors.get(key, ""))
        for key, message in errors.items():
            if key not in self.rows:
                unplaced.append(message)
        self.general_error.show_message("；".join(unplaced))

    def run(self, action: Callable[[dict[str, str]], object]) -> bool:
        """Call the service with the form's values; keep the form open and show what is wrong."""
        try:
            self.result_value = action(self.raw())
        except FieldErrors as error:
            self.show_errors(error.errors)
            return False
        except AppError as error:
            self.show_errors({})
            self.general_error.show_message(error.message)  # stays in sight, with what she typed
            messages.warning(self, error.message)
            return False
        return True

    def save(self) -> None:  # overridden
        self.accept()


def dialog_buttons(
    dialog: QDialog,
    ok_text: str,
    on_ok: Callable[[], object],
    ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save,
) -> QDialogButtonBox:
    """A dialog's bottom row: the ``ok`` button, in the words ``ok_text``, runs ``on_ok``; 取消 closes the
    dialog through its ``reject``."""
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons
