"""给村里的答复: a branch chosen, the township's decisions for it (newest first); 添加答复… adds one, and
导出答复文件… writes the file of them that goes back to the village on the USB stick (signed with the
branch's key; services.exchange.export_decisions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import exchange
from dangjian_desktop.services.exchange import Decision, HandUpRow
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.township.decision_dialog import DecisionDialog, handup_text
from dangjian_desktop.ui.township.owner_login import as_township_or_owner
from dangjian_desktop.ui.widgets.kit import (
    PageBase,
    action_button,
    fit_columns,
    row_table,
    show_error,
    table_cell,
    unused_name,
)


class RepliesTab(QWidget):
    def __init__(self, page: PageBase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.decisions: list[Decision] = []
        self.handups: list[HandUpRow] = []
        self.names: dict[str, str] = {}  # code -> branch name
        self.last_export: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Branch:")))
        self.branch = QComboBox()
        self.branch.currentIndexChanged.connect(lambda _index: self.show_decisions())
        row.addWidget(self.branch)
        self.add_button = action_button(_("Add a reply…"), self.add_decision, row)
        self.export_button = action_button(_("Export the reply file…"), self.export, row)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = row_table(
            [_("Decided on"), _("Kind"), _("What was decided"), _("Hand-up"), _("Details"), _("Who decided")]
        )
        layout.addWidget(self.table, 1)

    @property
    def url(self) -> str:
        return self.page.workspace.db.url

    def code(self) -> str:
        return str(self.branch.currentData() or "")

    def reload(self) -> None:
        """The branches (keeping the one chosen), then its decisions."""
        chosen = self.code()
        try:
            entries = exchange.reports_by_branch(self.url)
        except AppError as error:
            self._show_problem(error.message)
            return
        self.branch.blockSignals(True)
        self.branch.clear()
        self.names = {entry.code: entry.branch_name for entry in entries}
        for entry in entries:
            self.branch.addItem(f"{entry.code}　{entry.branch_name}", entry.code)
        self.branch.setCurrentIndex(max(0, self.branch.findData(chosen)))
        self.branch.blockSignals(False)
        self.show_decisions()

    def _show_problem(self, message: str) -> None:
        self.decisions, self.handups = [], []
        self.note.setText(message)
        self.table.setRowCount(0)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.add_button.setEnabled(on)
        self.export_button.setEnabled(on)

    def show_decisions(self) -> None:
        code = self.code()
        if not code:
            self._show_problem(_("The township has no branch yet."))
            return
        try:
            self.decisions = exchange.decisions_for(self.url, code)
            self.handups = exchange.handups_of(self.url, code)
        except AppError as error:
            self._show_problem(error.message)
            return
        self._enable(True)
        self.note.setText(
            _("{count} replies for this branch. They reach the village with the reply file.").format(
                count=len(self.decisions)
            )
            if self.decisions
            else _("No reply for this branch yet.")
        )
        handups = {handup.public_id: handup_text(handup) for handup in self.handups}
        self.table.setRowCount(len(self.decisions))
        for row, decision in enumerate(self.decisions):
            cells = (
                decision.decided_on.isoformat(),
                decision.kind_title,
                decision.subject,
                handups.get(decision.refers_to or "", decision.refers_to or ""),
                decision.details,
                decision.decided_by,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, table_cell(text, decision.public_id if column == 0 else None))
        fit_columns(self.table)

    def add_decision(self, kind: str | None = None) -> None:
        code = self.code()
        if not code:
            return

        def add(**values: Any) -> object:
            return as_township_or_owner(self.page, lambda url: exchange.add_decision(url, code, **values))

        dialog = DecisionDialog(self.names.get(code, code), self.handups, add, self)
        if kind is not None:
            dialog.choose_kind(kind)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_decisions()

    def export(self) -> None:
        code = self.code()
        if not code:
            return
        name = rules.decisions_file_name(code, self.names.get(code, ""), dt.date.today())
        start = unused_name(Path.home(), name.removesuffix(".zip"), ".zip")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the reply file"), str(start), _("Exchange files (*.zip)")
        )
        if not chosen:
            return
        target = Path(chosen) if chosen.lower().endswith(".zip") else Path(chosen + ".zip")
        try:
            written = as_township_or_owner(
                self.page, lambda url: exchange.export_decisions(url, code, target)
            )
        except AppError as error:
            show_error(self, error)
            return
        if written is None:
            return
        self.last_export = written
        messages.info(
            self,
            _(
                "The reply file was saved as {path}. Take it to the village on the USB stick: the secretary "
                "imports it on the village's computer."
            ).format(path=written),
        )
