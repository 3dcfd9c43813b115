"""What importing the villages' files did, file by file: above, each file with its branch, its number and
whether it was imported, had been imported before, or was refused; below, for the file chosen, what
changed in each area (新增, 更新, 未变, 删除) or, for a refused file, the reason (nothing was changed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QTableWidget, QVBoxLayout, QWidget

from dangjian_desktop.i18n import _
from dangjian_desktop.services.exchange import Imported
from dangjian_desktop.ui.widgets.forms import ERROR_COLOR, TitleLabel
from dangjian_desktop.ui.widgets.kit import row_table, stretch_column, table_cell
from dangjian_desktop.ui.widgets.text_size import keep_fitted


def compact_rows(table: QTableWidget) -> None:
    """Rows a little lower than a page's (the whole of a file's areas fits without scrolling)."""
    keep_fitted(
        table, lambda: table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
    )


@dataclass(frozen=True)
class FileOutcome:
    """One file of an import: what was imported, or why it was refused."""

    path: Path
    imported: Imported | None = None
    refusal: str = ""
    login_refused: bool = False  # the administrator's login no longer works (asked again next time)

    @property
    def status(self) -> str:
        if self.imported is None:
            return _("Refused")
        if self.imported.already:
            return _("Imported before")
        return _("Taken in")


def summary_line(outcomes: list[FileOutcome]) -> str:
    taken = sum(1 for outcome in outcomes if outcome.imported is not None)
    return _("{files} file(s): {taken} imported, {refused} refused.").format(
        files=len(outcomes), taken=taken, refused=len(outcomes) - taken
    )


class ImportResultsDialog(QDialog):
    def __init__(self, outcomes: list[FileOutcome], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcomes = outcomes
        self.setWindowTitle(_("Import of the villages' data"))
        layout = QVBoxLayout(self)
        layout.addWidget(TitleLabel(_("Import of the villages' data"), factor=1.25))
        self.summary = QLabel(summary_line(outcomes))
        layout.addWidget(self.summary)
        self.files = row_table([_("File"), _("Branch"), _("File number"), _("Outcome")])
        self.files.setRowCount(len(outcomes))
        for row, outcome in enumerate(outcomes):
            imported = outcome.imported
            branch = f"{imported.code}　{imported.branch_name}" if imported else "—"
            number = _("No.{n}").format(n=imported.sequence) if imported else "—"
            for column, text in enumerate((outcome.path.name, branch, number, outcome.status)):
                self.files.setItem(row, column, table_cell(text, row if column == 0 else None))
        stretch_column(self.files, 0)
        compact_rows(self.files)
        self.files.itemSelectionChanged.connect(self._show_chosen)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        detail_layout.addWidget(self.heading)
        self.areas = row_table([_("Area"), _("New"), _("Updated"), _("Unchanged"), _("Deleted")])
        stretch_column(self.areas, 0)
        compact_rows(self.areas)
        detail_layout.addWidget(self.areas, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.files)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 3)
        rows = self.files.verticalHeader().defaultSectionSize()
        splitter.setSizes([rows * (min(len(outcomes), 4) + 1) + 8, 500])
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(860, 720)
        if outcomes:
            self.files.selectRow(0)

    def _show_chosen(self) -> None:
        rows = self.files.selectionModel().selectedRows()
        if rows:
            self.show_outcome(self.outcomes[rows[0].row()])

    def show_outcome(self, outcome: FileOutcome) -> None:
        imported = outcome.imported
        if imported is None:
            self.heading.setStyleSheet(f"color: {ERROR_COLOR};")
            self.heading.setText(
                _("{file} was refused: {reason}").format(file=outcome.path.name, reason=outcome.refusal)
            )
            self.areas.setVisible(False)
            return
        self.heading.setStyleSheet("")
        text = _("Branch {code} {name}, file No.{n}.").format(
            code=imported.code, name=imported.branch_name, n=imported.sequence
        )
        if imported.already:
            text += "\n" + _("This file was imported before: nothing was changed.")
        self.heading.setText(text)
        self.areas.setVisible(True)
        rows = [(area.area, area.new, area.updated, area.unchanged, area.removed) for area in imported.areas]
        rows.append((_("Total"), imported.new, imported.updated, imported.unchanged, imported.removed))
        self.areas.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = table_cell(str(value), right=column > 0)
                if row == len(rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.areas.setItem(row, column, item)
