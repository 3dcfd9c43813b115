"""关于: the program's name and version, that it works offline, where the data and the logs are (with
buttons that open the folders), the note on the 党章 text (decisions.md #10) and the licences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import __version__
from dangjian_desktop.i18n import _
from dangjian_desktop.paths import log_dir, resource_path
from dangjian_desktop.services.server_login import server_address
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.widgets.backup_table import format_size
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.page_parts import fill_with_scrolling
from dangjian_desktop.ui.widgets.text_size import scaled_font

# The licence in pyproject.toml ([project] license); a frozen program has no pyproject to read it from.
PROGRAM_LICENCE = "GPL-3.0-or-later"
FONT_LICENCE_FILE = ("fonts", "OFL.txt")


def _text(text: str, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AboutPage(QWidget):
    """The 关于 tab of the settings page."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.data_folder = Path(workspace.folder)
        self.log_folder = log_dir(self.data_folder)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)

        layout.addWidget(TitleLabel(_("Party Affairs Ledger"), factor=1.8))
        self.version_label = TitleLabel(_("Version {version}").format(version=__version__), factor=1.2)
        layout.addWidget(self.version_label)
        offline = _text(
            _("The data is kept on the township's server. Nothing is sent anywhere else.")
            if workspace.is_server
            else _("Works without the internet. Nothing is sent anywhere.")
        )
        offline.setFont(scaled_font(1.1, bold=True))
        layout.addWidget(offline)

        folders = QGroupBox(_("Where the data is kept"))
        grid = QGridLayout(folders)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)

        self.folder_label = _text(str(self.data_folder), selectable=True)
        self.open_folder_button = QPushButton(_("Open the data folder"))
        self.open_folder_button.setObjectName("primary")
        self.open_folder_button.setAutoDefault(False)
        self.open_folder_button.clicked.connect(lambda: self.open_folder(self.data_folder))
        grid.addWidget(_text(_("Data folder") + "："), 0, 0)
        grid.addWidget(self.folder_label, 0, 1)
        grid.addWidget(self.open_folder_button, 0, 2)

        self.log_label = _text(str(self.log_folder), selectable=True)
        self.open_log_button = QPushButton(_("Open log folder"))
        self.open_log_button.setAutoDefault(False)
        self.open_log_button.clicked.connect(lambda: self.open_folder(self.log_folder))
        grid.addWidget(_text(_("Log files") + "："), 1, 0)
        grid.addWidget(self.log_label, 1, 1)
        grid.addWidget(self.open_log_button, 1, 2)

        self.database_label = _text(self._database_text(), selectable=True)
        grid.addWidget(_text((_("Database") if workspace.is_server else _("Database file")) + "："), 2, 0)
        grid.addWidget(self.database_label, 2, 1, 1, 2)
        layout.addWidget(folders)

        constitution = QGroupBox(_("Party Constitution text"))
        constitution_layout = QVBoxLayout(constitution)
        self.constitution_note = _text(
            _(
                "The text of the Party Constitution printed in the activity book (Chapter 1, Members) "
                "follows the 2022 revision, but it must be checked word by word against the printed "
                "edition. If it differs, replace it on the “Business rules” tab."
            )
        )
        constitution_layout.addWidget(self.constitution_note)
        layout.addWidget(constitution)

        licences = QGroupBox(_("Licences"))
        licences_layout = QVBoxLayout(licences)
        licences_layout.setSpacing(8)
        self.program_licence_label = _text(
            _(
                "This program is free software under the GNU General Public License, version 3 or "
                "later ({licence})."
            ).format(licence=PROGRAM_LICENCE)
        )
        licences_layout.addWidget(self.program_licence_label)
        self.font_licence_label = _text(
            _(
                "The text font is Noto Sans SC, under the SIL Open Font License 1.1. The licence text "
                "is in {file}"
            ).format(file=self._font_licence_file()),
            selectable=True,
        )
        licences_layout.addWidget(self.font_licence_label)
        layout.addWidget(licences)
        layout.addStretch(1)

        fill_with_scrolling(self, content)

    def _database_text(self) -> str:
        login = self.workspace.server
        if login is not None:  # no file on this PC: the server's address and the login (never the password)
            return _("The township's server {address}, login {user}").format(
                address=server_address(self.workspace.db.url), user=login.user
            )
        path = Path(self.workspace.db_path)
        try:
            size = path.stat().st_size
        except OSError:
            return str(path)
        for companion in (path.with_name(path.name + "-wal"),):  # recent changes not yet in the file
            try:
                size += companion.stat().st_size
            except OSError:
                pass
        return _("{path} ({size})").format(path=path, size=format_size(size))

    @staticmethod
    def _font_licence_file() -> str:
        try:
            return str(resource_path(*FONT_LICENCE_FILE))
        except FileNotFoundError:
            return "/".join(("resources", *FONT_LICENCE_FILE))

    def showEvent(self, event) -> None:  # noqa: ANN001
        self.database_label.setText(self._database_text())  # the file grows as the branch works
        super().showEvent(event)

    def open_folder(self, folder: Path) -> None:
        messages.open_folder(self, folder)
