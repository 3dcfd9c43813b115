"""本支部的代码和密钥: "本村代码 01，密钥已输入（2026年12月7日）", or a short form to type the code and the
24-symbol key from the township's slip (a mistyped key is said next to the field, in the service's words),
or the key file read from the stick."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services import exchange
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.exchange import places
from dangjian_desktop.ui.widgets.buttons import BigButton
from dangjian_desktop.ui.widgets.forms import FieldRow, form_label, new_form_layout
from dangjian_desktop.ui.widgets.text_size import keep_fitted


def _fit_width(editor: QLineEdit, sample: str) -> None:
    editor.setMaximumWidth(editor.fontMetrics().horizontalAdvance(sample) + 24)


class KeyBox(QGroupBox):
    """The branch's code and exchange key. ``key_entered`` after a key was saved."""

    key_entered = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(_("Branch code and exchange key"), parent)
        self.workspace = workspace
        self.state_label = QLabel()
        self.state_label.setObjectName("keyState")
        self.state_label.setWordWrap(True)
        self.change_button = BigButton(_("Enter a new key…"), on_click=self.open_form)

        self.intro = QLabel(
            _(
                "Type the branch code and the exchange key from the slip the township gave you (24 letters "
                "and digits; the dashes may be left out), or read the key file from the township's USB stick."
            )
        )
        self.intro.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(20)
        self.code_edit.setPlaceholderText(_("e.g. 01"))
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        key_font = QFont(self.key_edit.font())
        key_font.setStyleHint(QFont.StyleHint.Monospace)  # 8 and B, 5 and S side by side are told apart
        key_font.setFamilies(["Consolas", "DejaVu Sans Mono", "Noto Sans Mono", key_font.family()])
        self.key_edit.setFont(key_font)
        # as wide as what is typed in them, at any text size (not the width of the window)
        keep_fitted(self.code_edit, lambda: _fit_width(self.code_edit, "0123456789AB"))
        keep_fitted(self.key_edit, lambda: _fit_width(self.key_edit, "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XX"))
        self.rows = {"code": FieldRow(self.code_edit), "key": FieldRow(self.key_edit)}
        form = new_form_layout()
        form.addRow(form_label(_("Branch code"), required=True), self.rows["code"])
        form.addRow(form_label(_("Exchange key"), required=True), self.rows["key"])
        self.save_button = BigButton(_("Save the code and key"), on_click=self.save)
        self.save_button.setObjectName("primary")
        self.file_button = BigButton(_("Read the key from a file…"), on_click=self.read_file)
        self.cancel_button = BigButton(_("Cancel"), on_click=self.close_form)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.file_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.form = QWidget()
        form_column = QVBoxLayout(self.form)
        form_column.setContentsMargins(0, 0, 0, 0)
        form_column.addWidget(self.intro)
        form_column.addLayout(form)
        form_column.addLayout(buttons)

        state_row = QHBoxLayout()
        state_row.addWidget(self.state_label, 1)
        state_row.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.addLayout(state_row)
        layout.addWidget(self.form)
        self.code_edit.returnPressed.connect(self.key_edit.setFocus)
        self.key_edit.returnPressed.connect(self.save)
        self.refresh()

    def refresh(self) -> None:
        """Say the key's state; the form is shown while there is no key."""
        state = exchange.key_state(self.workspace)
        writable = not self.workspace.read_only
        if state.has_key:
            when = format_date(state.since.date(), "long") if state.since else ""
            self.state_label.setText(
                _("Branch code {code}, exchange key entered ({date})").format(code=state.code, date=when)
            )
        else:
            self.state_label.setText(
                _(
                    "The exchange key has not been entered yet: the township cannot take the branch's files without it."
                )
            )
        self.state_label.setStyleSheet("" if state.has_key else "color: #a35c00;")
        self.change_button.setVisible(state.has_key)
        self.change_button.setEnabled(writable)
        self.cancel_button.setVisible(state.has_key)
        self.form.setVisible(not state.has_key)
        for widget in (self.save_button, self.file_button, self.code_edit, self.key_edit):
            widget.setEnabled(writable)
        if not self.code_edit.text():
            self.code_edit.setText(state.code)
        self._show_errors({})

    @property
    def has_key(self) -> bool:
        return exchange.key_state(self.workspace).has_key

    def open_form(self) -> None:
        """Show the form (a new key from the township), the code kept, the key box empty."""
        self.form.show()
        self.change_button.hide()
        self.key_edit.clear()
        self.focus_form()

    def close_form(self) -> None:
        self.key_edit.clear()
        self.refresh()

    def focus_form(self) -> None:
        """Into the first box still to fill (she clicked 上报 before the key was entered)."""
        (self.key_edit if self.code_edit.text().strip() else self.code_edit).setFocus()

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, row in self.rows.items():
            row.show_error(errors.get(key, ""))

    def save(self) -> bool:
        try:
            exchange.enter_key(self.workspace, self.code_edit.text(), self.key_edit.text())
        except FieldErrors as error:
            self._show_errors(error.errors)
            (self.code_edit if "code" in error.errors else self.key_edit).setFocus()
            return False
        except AppError as error:
            messages.error(self, error.message)
            return False
        self._saved()
        return True

    def read_file(self) -> bool:
        """The key file from the township's stick (a few lines of text: code, branch, key)."""
        name, _chosen = QFileDialog.getOpenFileName(
            self,
            _("Choose the key file from the township"),
            str(places.start_folder()),
            _("Key files (*.txt);;All files (*)"),
        )
        if not name:
            return False
        try:
            exchange.enter_key_file(self.workspace, Path(name))
        except FieldErrors as error:
            self._show_errors(error.errors)
            return False
        except AppError as error:
            messages.error(self, error.message)
            return False
        self._saved()
        return True

    def _saved(self) -> None:
        self.key_edit.clear()
        self.refresh()
        self.key_entered.emit()
