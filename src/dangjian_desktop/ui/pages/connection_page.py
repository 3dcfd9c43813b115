"""设置 → 数据库连接: this PC's own data (本机数据（单机）) or the township's server (乡镇服务器), with the
server's address and her account; 测试连接 says in words what happened, 保存 switches the program to the
chosen data at once (every page is built again on it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services import connection
from dangjian_desktop.services.connection import ConnectionSettings
from dangjian_desktop.services.server_login import LoginRefused, ServerNotSetUp, ServerUnreachable
from dangjian_desktop.services.workspace import Workspace, open_workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.tasks import BackgroundTask, run_in_background
from dangjian_desktop.ui.widgets.buttons import BigButton
from dangjian_desktop.ui.widgets.forms import ERROR_COLOR, FieldRow, TitleLabel, form_label, new_form_layout
from dangjian_desktop.ui.widgets.page_parts import scroll_area
from dangjian_desktop.ui.widgets.text_size import scaled_font

FIELDS = ("host", "port", "database", "user", "password")
GOOD_COLOR = "#1d6b2a"


class ConnectionPage(QWidget):
    """The 数据库连接 tab. ``workspace_opened(workspace, text)``: she saved a choice that opened other
    data; the window is to work on ``workspace`` from now on and tell her ``text``."""

    workspace_opened = Signal(object, str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.folder = Path(workspace.folder)
        self._task: BackgroundTask | None = None
        saved = connection.load_settings(self.folder)
        self._remembered = bool(saved.is_server and saved.remember_password and connection.recall(saved))

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(12)
        layout.addWidget(TitleLabel(_("Where this PC's data is"), 1.25))
        self.now_label = QLabel()
        self.now_label.setWordWrap(True)
        layout.addWidget(self.now_label)

        self.local_button = QRadioButton(_("This PC's own data (single PC)"))
        self.server_button = QRadioButton(_("The township's server"))
        self.modes = QButtonGroup(self)
        for button, note in (
            (
                self.local_button,
                _("The data is kept on this computer, in its data folder. No network needed."),
            ),
            (
                self.server_button,
                _(
                    "One database for the whole township, on its server; needs the network. The township's "
                    "administrator gives you the address, the user name and the password."
                ),
            ),
        ):
            button.setFont(scaled_font(1.1, bold=True))
            self.modes.addButton(button)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)  # as wide as its words: a click hits it
            words = QLabel(note)
            words.setWordWrap(True)
            words.setContentsMargins(36, 0, 0, 4)
            layout.addWidget(words)

        self.server_box = QGroupBox(_("The township's server"))
        form = new_form_layout()
        self.editors: dict[str, QLineEdit] = {}
        self.rows: dict[str, FieldRow] = {}
        labels = {
            "host": _("Server address"),
            "port": _("Port"),
            "database": _("Database name"),
            "user": _("User name"),
            "password": _("Password"),
        }
        hints = {
            "host": _("e.g. 192.168.1.10"),
            "port": "5432",
            "database": _("e.g. dangjian"),
            "user": _("e.g. qianjin"),
        }
        for key in FIELDS:
            editor = QLineEdit()
            editor.setObjectName(key)
            editor.setPlaceholderText(hints.get(key, ""))
            editor.setMinimumWidth(editor.fontMetrics().horizontalAdvance("中") * 16)
            self.editors[key] = editor
            self.rows[key] = FieldRow(editor)
            form.addRow(form_label(labels[key]), self.rows[key])
        self.editors["port"].setMaximumWidth(self.editors["port"].fontMetrics().horizontalAdvance("0") * 10)
        self.editors["password"].setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(_("Remember the password"))
        form.addRow("", self.remember_box)
        remember_note = QLabel(
            _(
                "Only tick this on your own computer. The password is then kept in the system's password "
                "store (or a file only your account can read), never in the data or a backup."
            )
        )
        remember_note.setWordWrap(True)
        form.addRow("", remember_note)
        self.server_box.setLayout(form)
        layout.addWidget(self.server_box)

        buttons = QHBoxLayout()
        self.test_button = BigButton(_("Test the connection"), on_click=self.test_connection)
        self.save_button = BigButton(_("Save"), on_click=self.save)
        self.save_button.setObjectName("primary")
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status_label = QLabel()
        self.status_label.setObjectName("connectionStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setFont(scaled_font(1.1))
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll = scroll_area(content)
        outer.addWidget(self._scroll)

        self.show_settings(saved)
        self.modes.buttonToggled.connect(lambda _b, _on: self._update_enabled())

    # ----- what is shown -----------------------------------------------------------------------------

    def show_settings(self, saved: ConnectionSettings) -> None:
        (self.server_button if saved.is_server else self.local_button).setChecked(True)
        self.editors["host"].setText(saved.host)
        self.editors["port"].setText(str(saved.port))
        self.editors["database"].setText(saved.database)
        self.editors["user"].setText(saved.user)
        self.remember_box.setChecked(saved.remember_password)
        if self._remembered:
            self.editors["password"].setPlaceholderText(_("(remembered; type only to change it)"))
        self._show_now()
        self._update_enabled()

    def _show_now(self) -> None:
        server = self.workspace.server
        if server is not None:
            saved = connection.load_settings(self.folder)
            text = _("Now in use: the township's server {address}, as {user}.").format(
                address=saved.address, user=server.user
            )
        else:
            text = _("Now in use: this PC's own data ({folder}).").format(folder=self.folder)
        self.now_label.setText(text)

    def _update_enabled(self) -> None:
        server = self.server_button.isChecked()
        busy = self._task is not None
        self.server_box.setEnabled(server and not busy)
        self.test_button.setEnabled(server and not busy)
        self.save_button.setEnabled(not busy)
        self.local_button.setEnabled(not busy)
        self.server_button.setEnabled(not busy)

    def say(self, text: str, *, good: bool = False, bad: bool = False) -> None:
        color = GOOD_COLOR if good else ERROR_COLOR if bad else ""
        self.status_label.setStyleSheet(f"color: {color};" if color else "")
        self.status_label.setText(text)
        self._scroll.ensureWidgetVisible(self.status_label)

    @property
    def busy(self) -> bool:
        """True while a connection is being tried in the background."""
        return self._task is not None

    # ----- reading the form --------------------------------------------------------------------------

    def chosen(self) -> ConnectionSettings:
        """The settings as typed (FieldErrors shown under the fields when the server's are incomplete)."""
        for row in self.rows.values():
            row.show_error("")
        try:
            return connection.check_settings(
                connection.MODE_SERVER if self.server_button.isChecked() else connection.MODE_LOCAL,
                self.editors["host"].text(),
                self.editors["port"].text(),
                self.editors["database"].text(),
                self.editors["user"].text(),
                self.remember_box.isChecked(),
            )
        except FieldErrors as errors:
            self._show_errors(errors.errors)
            raise

    def password(self, settings: ConnectionSettings) -> str:
        """What she typed, else the remembered one; says so when there is neither."""
        typed = self.editors["password"].text()
        if typed:
            return typed
        kept = connection.recall(settings) if settings.remember_password or self._remembered else None
        if kept:
            return kept
        self._show_errors({"password": _("Enter the password.")})
        raise FieldErrors({"password": _("Enter the password.")})

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, row in self.rows.items():
            row.show_error(errors.get(key, ""))
        first = next((key for key in FIELDS if key in errors), None)
        if first is not None:
            self.editors[first].setFocus()
        self.say(_("Some of the server's details are missing or wrong; see the red lines."), bad=True)

    # ----- 测试连接 ------------------------------------------------------------------------------------

    def test_connection(self) -> None:
        try:
            settings = self.chosen()
            password = self.password(settings)
        except FieldErrors:
            return
        self._connect(settings, password, self._tested)

    def _connect(self, settings: ConnectionSettings, password: str, then) -> None:  # noqa: ANN001
        self.say(_("Connecting to {address}…").format(address=settings.address))
        folder = self.folder

        def opened(workspace: Workspace) -> None:
            self._task = None
            self._update_enabled()
            then(settings, password, workspace)

        def failed(error: BaseException) -> None:
            self._task = None
            self._update_enabled()
            self._failed(settings, password, error)

        self._task = run_in_background(
            self, lambda: connection.open_server(folder, settings, password), opened, failed
        )
        self._update_enabled()

    def _tested(self, _settings: ConnectionSettings, _password: str, workspace: Workspace) -> None:
        try:
            text = connection.describe(workspace)
        finally:
            connection.close_tried(workspace, self.workspace)
        self.say(text, good=True)

    def _failed(self, settings: ConnectionSettings, password: str, error: BaseException) -> None:
        saving, self._saving = self._saving, False
        self.say(connection.why_not(error, settings), bad=True)
        if isinstance(error, LoginRefused):
            self.editors["password"].selectAll()
            self.editors["password"].setFocus()
        elif saving and isinstance(error, ServerUnreachable | ServerNotSetUp):
            self._offer_to_keep(settings, password, error)
        elif not isinstance(error, AppError):
            raise error

    # ----- 保存 ----------------------------------------------------------------------------------------

    _saving = False

    def save(self) -> None:
        try:
            settings = self.chosen()
            password = self.password(settings) if settings.is_server else ""
        except FieldErrors:
            return
        if not settings.is_server:
            self._save_local(settings)
            return
        self._saving = True
        self._connect(settings, password, self._saved_server)

    def _save_local(self, settings: ConnectionSettings) -> None:
        connection.save_settings(self.folder, settings)
        if not self.workspace.is_server:
            self.say(_("Saved. The program keeps working on this PC's own data."), good=True)
            return
        try:
            workspace = open_workspace(self.folder)
        except AppError as error:
            self.say(error.message, bad=True)
            return
        text = _("Saved. The program now works on this PC's own data.")
        self.say(text, good=True)
        self.workspace_opened.emit(workspace, text)

    def _saved_server(self, settings: ConnectionSettings, password: str, workspace: Workspace) -> None:
        self._saving = False
        try:
            connection.save_settings(self.folder, settings)
            connection.keep_or_forget(settings, password)
        except AppError as error:
            workspace.close()
            self.say(error.message, bad=True)
            return
        text = (
            _("Saved. The program now works on the township's server.")
            + "\n"
            + connection.describe(workspace)
        )
        self.say(text, good=True)
        self.workspace_opened.emit(workspace, text)

    def _offer_to_keep(self, settings: ConnectionSettings, password: str, error: BaseException) -> None:
        """The server cannot be used now (she may be setting it up away from the network): save anyway,
        to be used from the next start, if she wants."""
        question = (
            connection.why_not(error, settings)
            + "\n\n"
            + _(
                "Save these settings anyway? The program keeps working on the data it uses now, and connects "
                "to the server the next time it starts."
            )
        )
        if not messages.confirm(self, question, _("Save anyway"), _("Do not save")):
            return
        connection.save_settings(self.folder, settings)
        connection.keep_or_forget(settings, password)
        self.say(_("Saved. The server is used from the next start of the program."))
