"""设置 → 与乡镇交换: the village's side of the exchange with the township on a USB stick, top to bottom —
the branch's code and key; 上报数据到乡镇… (a preview, then 保存…) and 导入乡镇的答复…; the township's
decisions; and 从文件载入本支部… (a whole branch moved onto this PC). On the township's server there is
nothing to carry: the tab says so in one sentence and offers nothing else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import N_, _, format_date, format_number, table_date
from dangjian_desktop.services import exchange
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.exchange import places
from dangjian_desktop.ui.exchange.key_box import KeyBox
from dangjian_desktop.ui.exchange.preview_dialog import PreviewDialog
from dangjian_desktop.ui.ui_settings import UiSettings
from dangjian_desktop.ui.widgets.buttons import BigButton
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.kit import fit_columns, row_table
from dangjian_desktop.ui.widgets.page_parts import PAGE_MARGINS, scroll_area
from dangjian_desktop.ui.widgets.tables import table_item

FILES = N_("Exchange files (*.zip);;All files (*)")


def on_the_server_sentence() -> str:
    return _(
        "This computer works on the township's server: the township has the branch's data already, and "
        "nothing needs to be carried on a USB stick."
    )


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ExchangeTab(QWidget):
    """与乡镇交换. ``data_changed`` after anything was written (the township's decisions show on the home,
    dues and notices pages); ``dialog_opened`` with the preview dialog just before it is shown (tests)."""

    data_changed = Signal()
    dialog_opened = Signal(object)

    def __init__(
        self, workspace: Workspace, settings: UiSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.last_message = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        self.column = QVBoxLayout(content)
        self.column.setContentsMargins(*PAGE_MARGINS)
        self.column.setSpacing(14)
        outer.addWidget(scroll_area(content))
        self.column.addWidget(TitleLabel(_("Exchange with the township")))
        if workspace.is_server:
            self.server_label = _label(on_the_server_sentence())
            self.column.addWidget(self.server_label)
            self.column.addStretch(1)
            return
        self.column.addWidget(
            _label(
                _(
                    "Once a month, carry the branch's data to the township on a USB stick, and bring back "
                    "the township's reply: what it approved and confirmed."
                )
            )
        )
        self.key_box = KeyBox(workspace)
        self.key_box.key_entered.connect(self._key_entered)
        self.column.addWidget(self.key_box)
        self.column.addWidget(self._files_box())
        self.column.addWidget(self._decisions_box(), 1)
        self.column.addWidget(self._moving_box())
        self.refresh()

    # ----- the parts ---------------------------------------------------------------------------------

    def _files_box(self) -> QGroupBox:
        box = QGroupBox(_("Report and reply"))
        layout = QVBoxLayout(box)
        self.sent_label = _label()
        self.sent_label.setObjectName("lastSent")
        layout.addWidget(self.sent_label)
        buttons = QHBoxLayout()
        self.export_button = BigButton(_("Send the data to the township…"), on_click=self.send)
        self.export_button.setObjectName("primary")
        self.import_button = BigButton(_("Import the township's reply…"), on_click=self.import_reply)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def _decisions_box(self) -> QGroupBox:
        box = QGroupBox(_("The township's decisions"))
        layout = QVBoxLayout(box)
        self.no_decisions_label = _label(
            _("No decisions from the township yet. They come with the township's reply file.")
        )
        layout.addWidget(self.no_decisions_label)
        self.decisions_table = row_table(
            [_("Date"), _("Kind"), _("What was decided"), _("Decided by"), _("Details")]
        )
        self.decisions_table.setMinimumHeight(self.decisions_table.fontMetrics().height() * 8)
        layout.addWidget(self.decisions_table, 1)
        return box

    def _moving_box(self) -> QGroupBox:
        box = QGroupBox(_("Move the branch onto this computer"))
        layout = QVBoxLayout(box)
        layout.addWidget(
            _label(
                _(
                    "For a new computer, or a village that stops working on the township's server: load the "
                    "whole branch from the file the township (or the old computer) wrote. The data here is "
                    "backed up first."
                )
            )
        )
        self.load_button = BigButton(_("Load the branch from a file…"), on_click=self.load_branch)
        row = QHBoxLayout()
        row.addWidget(self.load_button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    # ----- reading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.workspace.is_server:
            return
        self.key_box.refresh()
        last = exchange.last_sent(self.workspace)
        self.sent_label.setText(
            _("The last report was written on {date}.").format(date=format_date(last.date(), "long"))
            if last
            else _("No report has been written on this computer yet.")
        )
        writable = not self.workspace.read_only
        for button in (self.export_button, self.import_button, self.load_button):
            button.setEnabled(writable)
        self._fill_decisions()

    def _fill_decisions(self) -> None:
        found = exchange.decisions(self.workspace)
        table = self.decisions_table
        table.setRowCount(len(found))
        for row, decision in enumerate(found):
            cells = (
                table_date(decision.decided_on),
                decision.kind_title,
                decision.subject,
                decision.decided_by,
                decision.details,
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, table_item(text, decision.public_id if column == 0 else None))
        fit_columns(table)
        table.resizeRowsToContents()
        self.no_decisions_label.setVisible(not found)
        table.setVisible(bool(found))

    def decision_rows(self) -> list[list[str]]:
        """The decisions table's text, row by row (for tests and the window)."""
        table = self.decisions_table
        return [
            [
                cell.text() if (cell := table.item(row, column)) else ""
                for column in range(table.columnCount())
            ]
            for row in range(table.rowCount())
        ]

    def _key_entered(self) -> None:
        self.refresh()
        self.data_changed.emit()  # the home page's line of the monthly report

    def _say(self, text: str, *, failed: bool = False) -> None:
        self.last_message = text
        (messages.error if failed else messages.info)(self, text)

    # ----- 上报数据到乡镇… ---------------------------------------------------------------------------

    def send(self) -> bool:
        """The preview, then 保存…; while there is no key, it says what to do first and goes to the form."""
        if not self.key_box.has_key:
            self.key_box.open_form()
            self._say(
                _(
                    "First type the branch code and the exchange key the township gave you, above under "
                    "“Branch code and exchange key”. Without them the township cannot tell that the file is yours."
                )
            )
            self.key_box.focus_form()
            return False
        try:
            preview = exchange.preview(self.workspace)
        except AppError as error:
            self._say(error.message, failed=True)
            return False
        dialog = PreviewDialog(
            self.workspace, preview, self.settings.exchange_folder if self.settings else "", self
        )
        self.dialog_opened.emit(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.sent is None:
            return False
        if self.settings is not None:
            self.settings.exchange_folder = dialog.last_folder
        sent = dialog.sent
        self.refresh()
        self.data_changed.emit()
        self._say(
            _(
                "Done: report No. {number} ({count} records) was saved {where}, under the name\n{name}\n\n"
                "Take it to the township. When the township gives you its reply file, import it here with "
                "“Import the township's reply…”."
            ).format(
                number=sent.sequence,
                count=format_number(sum(sent.areas.values())),
                where=places.where_in_words(sent.path),
                name=sent.path.name,
            )
        )
        return True

    # ----- 导入乡镇的答复… ---------------------------------------------------------------------------

    def _open_file(self, title: str) -> Path | None:
        last = self.settings.exchange_folder if self.settings else ""
        name, _chosen = QFileDialog.getOpenFileName(self, title, str(places.start_folder(last)), _(FILES))
        return Path(name) if name else None

    def import_reply(self) -> bool:
        path = self._open_file(_("Choose the township's reply file"))
        if path is None:
            return False
        try:
            result = exchange.import_decisions(self.workspace, path)
        except AppError as error:
            self._say(error.message, failed=True)
            return False
        self.refresh()
        self.data_changed.emit()
        if result.already:
            text = _("This reply of the township was imported before; nothing was changed.")
        else:
            text = _(
                "The township's reply was imported: {new} new decisions, {updated} changed, {unchanged} "
                "unchanged. They are listed under “The township's decisions”."
            ).format(new=result.new, updated=result.updated, unchanged=result.unchanged)
        if result.accepted_sequence is not None:
            text += "\n\n" + _("The township has received report No. {number}.").format(
                number=result.accepted_sequence
            )
        self._say(text)
        return True

    # ----- 从文件载入本支部… -------------------------------------------------------------------------

    def load_branch(self) -> bool:
        """A whole branch's file onto this PC: asked first (a backup is made), the key asked for when this
        computer has none."""
        path = self._open_file(_("Choose the branch's file"))
        if path is None:
            return False
        question = _(
            "Load the branch's data from the file {name}?\n\n"
            "The records in the file are laid over the data on this computer: new ones are added and changed "
            "ones take the file's version. Before anything is changed, the program backs up the data here, so "
            "this can be undone by restoring that backup (Settings → Backup and restore)."
        ).format(name=path.name)
        if not messages.confirm(self, question, _("Load the branch"), _("Do not load")):
            return False
        typed = ""
        if not self.key_box.has_key:
            typed, ok = QInputDialog.getText(
                self,
                _("Exchange key"),
                _("Type the branch's exchange key from the township (24 letters and digits):"),
                QLineEdit.EchoMode.Normal,
            )
            if not ok:
                return False
        try:
            taken = exchange.import_branch_file(self.workspace, path, typed)
        except AppError as error:
            self._say(error.message, failed=True)
            return False
        self.refresh()
        self.data_changed.emit()
        text = _(
            "Done: the data of {branch} (code {code}) was loaded from the file: {new} new, {updated} updated, "
            "{unchanged} unchanged records."
        ).format(
            branch=taken.branch_name,
            code=taken.code,
            new=sum(area.new for area in taken.areas),
            updated=sum(area.updated for area in taken.areas),
            unchanged=sum(area.unchanged for area in taken.areas),
        )
        if taken.backup is not None:
            text += "\n\n" + _(
                "The data from before is kept in the backup {name} (Settings → Backup and restore)."
            ).format(name=taken.backup.name)
        self._say(text)
        return True
