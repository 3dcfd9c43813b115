"""The start on the township's server (设置 → 数据库连接 chose it): the remembered password, or a small
login window asking for it; when the server cannot be reached, a sentence and the choice to try again,
to work on this PC's own data for now, or to quit."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import connection
from dangjian_desktop.services.connection import ConnectionSettings
from dangjian_desktop.services.server_login import LoginRefused
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.widgets.forms import ErrorLabel, TitleLabel, form_label, new_form_layout

log = logging.getLogger(__name__)

USE_LOCAL = "local"  # she chose to work on this PC's own data for now
RETRY, LOCAL, QUIT = 0, 1, 2


class LoginDialog(QDialog):
    """登录乡镇服务器: the user name (filled in), the password and 记住密码."""

    def __init__(
        self, settings: ConnectionSettings, refused: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Log in to the township's server"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.addWidget(TitleLabel(_("Log in to the township's server"), 1.25))
        where = QLabel(
            _("Server {address}, database {database}.").format(
                address=settings.address, database=settings.database
            )
        )
        where.setWordWrap(True)
        layout.addWidget(where)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        if refused:
            self.error_label.show_message(connection.why_not(LoginRefused(), settings))
        form = new_form_layout()
        self.user = QLineEdit(settings.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumWidth(self.password.fontMetrics().horizontalAdvance("中") * 16)
        form.addRow(form_label(_("User name")), self.user)
        form.addRow(form_label(_("Password")), self.password)
        self.remember_box = QCheckBox(_("Remember the password"))
        self.remember_box.setChecked(settings.remember_password)
        form.addRow("", self.remember_box)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton(_("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton(_("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.log_in)
        self.quit_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if settings.user else self.user).setFocus(Qt.FocusReason.OtherFocusReason)
        char = self.fontMetrics().horizontalAdvance("中")
        self.resize(max(self.sizeHint().width(), char * 30), self.sizeHint().height())
        self._settings = settings

    def log_in(self) -> None:
        if not self.user.text().strip():
            self.error_label.show_message(_("Enter your user name (ask the township)."))
            self.user.setFocus()
            return
        if not self.password.text():
            self.error_label.show_message(_("Enter the password."))
            self.password.setFocus()
            return
        self.accept()

    def settings(self) -> ConnectionSettings:
        return replace(
            self._settings, user=self.user.text().strip(), remember_password=self.remember_box.isChecked()
        )


def unreachable_choice(text: str) -> int:
    """RETRY, LOCAL or QUIT, asked after the sentence saying why the server cannot be used."""
    question = "\n\n".join(
        [
            text,
            _(
                "With “Use this PC's data” you work on this computer's own copy; what you enter there must "
                "be taken to the township later on a USB stick."
            ),
        ]
    )
    return messages.choose(None, question, [_("Try again"), _("Use this PC's data"), _("Quit")])


def connect_at_start(
    folder: Path, settings: ConnectionSettings, smoke: bool = False
) -> Workspace | str | None:
    """The workspace on the server; USE_LOCAL when she chose this PC's own data; None when she quit."""
    password = connection.recall(settings) if settings.remember_password else None
    refused = False
    typed = False
    while True:
        if not password:
            if smoke:
                raise AppError(_("Enter the password."))
            dialog = LoginDialog(settings, refused)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            settings, password, typed = dialog.settings(), dialog.password.text(), True
        try:
            workspace = _open_waiting(folder, settings, password)
        except LoginRefused:
            log.info("the server refused the login of %s", settings.user)
            password, refused = None, True
            continue
        except AppError as error:  # unreachable, not set up, a login of no branch: said in words
            log.warning("the server cannot be used: %s", connection.mask(str(error)))
            if smoke:
                raise
            choice = unreachable_choice(connection.why_not(error, settings))
            if choice == RETRY:
                continue
            return USE_LOCAL if choice == LOCAL else None
        if typed:  # a new user name or a new choice of 记住密码 stays for the next start
            connection.save_settings(folder, settings)
            connection.keep_or_forget(settings, password)
        return workspace


def _open_waiting(folder: Path, settings: ConnectionSettings, password: str) -> Workspace:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return connection.open_server(folder, settings, password)
    finally:
        QGuiApplication.restoreOverrideCursor()
