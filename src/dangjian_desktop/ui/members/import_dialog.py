"""Importing the roster sheet the secretary already has, in three plain steps:

1. choose the file (.xlsx .xls .csv .ods);
2. reading and checking it, with a progress bar and a Stop button (nothing is written);
3. the preview: how many rows can be imported, every row with a problem (Excel row number, column,
   what is wrong), warnings, and the good rows. The secretary imports the good rows or nothing; writing
   shows progress too, and the roster is backed up first.

The caller refreshes the roster after ``exec()``; ``summary`` holds what was written (None if nothing).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.members import field_label
from dangjian_desktop.i18n import _
from dangjian_desktop.services.members.roster_import import (
    ImportCancelled,
    ImportPreview,
    commit_import,
    read_roster_file,
)
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.members.import_preview import (
    PREVIEW_KEYS,
    RowsModel,
    member_cells,
    preview_table,
    problem_cells,
)
from dangjian_desktop.ui.tasks import BackgroundTask, CancelFlag, run_in_background
from dangjian_desktop.ui.widgets.buttons import BigButton

SHEET_PATTERNS = "*.xlsx *.xls *.csv *.ods"
# Up to this many problems the rows grow to show long messages whole; beyond it (a wrong file) rows
# stay one line high, with the whole message in the tooltip, so the table stays quick.
WRAP_ROWS_UP_TO = 500

# The steps, as pages of the dialog's stack.
STEP_CHOOSE, STEP_WORKING, STEP_PREVIEW = range(3)

# What the dialog is doing.
IDLE, READING, WRITING = "idle", "reading", "writing"


def summary_text(preview: ImportPreview) -> str:
    """The result of reading, in one plain sentence."""
    good = len(preview.good)
    counts = {
        "total": preview.total_rows,
        "good": good,
        "new": preview.new_count or 0,
        "updated": preview.update_count or 0,
        "unchanged": preview.unchanged_count or 0,
        "bad": preview.bad_row_count,
    }
    if preview.total_rows == 0 and not preview.problems:
        return _("No members were found in this sheet.")
    if good == 0:
        return _("{total} rows in all; {bad} rows have problems, so there is nothing to import yet.").format(
            **counts
        )
    if not preview.problems:
        return _(
            "{total} rows in all, every one can be imported ({new} new, {updated} updated, {unchanged} unchanged)."
        ).format(**counts)
    return _(
        "{total} rows in all: {good} can be imported ({new} new, {updated} updated, {unchanged} unchanged), "
        "{bad} rows have problems."
    ).format(**counts)


def write_problem_list(target: Path, preview: ImportPreview) -> None:
    """The problems (and warnings) as a .csv the secretary can open in Excel, or as plain .txt lines."""
    if target.suffix.lower() == ".csv":
        with target.open("w", encoding="utf-8-sig", newline="") as handle:  # Excel reads BOM'd UTF-8
            writer = csv.writer(handle)
            writer.writerow([_("Row"), _("Column"), _("Kind"), _("What to fix")])
            for kind, items in ((_("Problem"), preview.problems), (_("Warning"), preview.warnings)):
                for problem in items:
                    row, column, message = problem_cells(problem)
                    writer.writerow([row, column, kind, message])
        return
    lines = [_("Problems found in {file}").format(file=Path(preview.path).name), ""]
    if preview.problems:
        lines.append(_("Rows with problems (not imported; correct them in the sheet and import again):"))
        lines += [problem.line() for problem in preview.problems]
        lines.append("")
    if preview.warnings:
        lines.append(_("Warnings (imported, but please look at them):"))
        lines += [problem.line() for problem in preview.warnings]
    if not preview.problems and not preview.warnings:
        lines.append(_("No problems were found."))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def _big(label: QLabel, factor: float = 1.25, bold: bool = True) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class ImportDialog(QDialog):
    """Import members from a sheet. With ``path`` the file chooser is skipped and reading starts at once."""

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, path: str | Path | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._state = IDLE
        self._task: BackgroundTask | None = None
        self._cancel: CancelFlag | None = None
        self._close_when_done = False
        self._asked_for_file = path is not None
        self.preview: ImportPreview | None = None
        self.summary: Any = None  # services' SaveSummary once something was written

        self.setWindowTitle(_("Import members from a sheet"))
        self.setModal(True)
        self.resize(1060, 680)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_choose_page())
        self.stack.addWidget(self._build_working_page())
        self.stack.addWidget(self._build_preview_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.addWidget(self.stack)

        if path is not None:
            self.start_reading(Path(path))

    # --- pages ------------------------------------------------------------------------------------

    def _build_choose_page(self) -> QWidget:
        page = QWidget()
        heading = _big(QLabel(_("Which sheet do you want to import?")), 1.3)
        explain = QLabel(
            _(
                "Choose the member list you already have: an Excel file (.xlsx or .xls), a WPS or LibreOffice "
                "sheet (.ods) or a .csv file. It needs a header row with 姓名 and 公民身份号码.\n\n"
                "The program first checks every row and shows you the result. Nothing is written until you "
                "say so, and importing the same sheet twice does not add anyone twice."
            )
        )
        explain.setWordWrap(True)
        self.choose_button = BigButton(_("Choose a file…"))
        self.choose_button.setDefault(True)
        self.choose_button.clicked.connect(self.choose_file)
        choose_font = self.choose_button.font()
        choose_font.setPointSizeF(choose_font.pointSizeF() * 1.15)
        self.choose_button.setFont(choose_font)
        close_button = BigButton(_("Close"))
        close_button.clicked.connect(self.reject)
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.choose_button)
        choose_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addSpacing(8)
        layout.addWidget(explain)
        layout.addSpacing(16)
        layout.addLayout(choose_row)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_working_page(self) -> QWidget:
        page = QWidget()
        self.working_label = _big(QLabel(), 1.25)
        self.working_detail = QLabel()
        self.working_detail.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMinimumHeight(32)
        self.progress_bar.setRange(0, 0)
        self.stop_button = BigButton(_("Stop"))
        self.stop_button.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.working_label)
        layout.addWidget(self.working_detail)
        layout.addSpacing(12)
        layout.addWidget(self.progress_bar)
        layout.addStretch(2)
        layout.addLayout(buttons)
        return page

    def _build_preview_page(self) -> QWidget:
        page = QWidget()
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.summary_label = _big(QLabel(), 1.3)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice_label = QLabel()
        self.advice_label.setWordWrap(True)

        self.problems_model = RowsModel([_("Row"), _("Column"), _("Problem")], self)
        self.warnings_model = RowsModel([_("Row"), _("Column"), _("Warning")], self)
        self.good_model = RowsModel([_("Row"), *(field_label(key) for key in PREVIEW_KEYS)], self)
        self.problems_view = preview_table(self.problems_model)
        self.warnings_view = preview_table(self.warnings_model)
        self.good_view = preview_table(self.good_model, stretch_last=False)
        self.good_view.setWordWrap(False)
        # Which column of the sheet goes into which field, to be seen before anything is written.
        self.mapping_model = RowsModel([_("Column in the sheet"), _("Goes into")], self)
        self.mapping_view = preview_table(self.mapping_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.problems_view, "")
        self.tabs.addTab(self.warnings_view, "")
        self.tabs.addTab(self.good_view, "")
        self.tabs.addTab(self.mapping_view, "")

        self.save_problems_button = BigButton(_("Save the list of problems…"))
        self.save_problems_button.clicked.connect(self.save_problem_list)
        self.import_nothing_button = BigButton(_("Import nothing"))
        self.import_nothing_button.clicked.connect(self.reject)
        self.import_button = BigButton(_("Import"))
        self.import_button.clicked.connect(self.import_good_rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_problems_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_nothing_button)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(page)
        layout.setSpacing(10)
        layout.addWidget(self.file_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.advice_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        return page

    # --- step 1: the file -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if not self._asked_for_file:
            self._asked_for_file = True
            QTimer.singleShot(0, self.choose_file)

    def choose_file(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the member sheet"),
            start,
            _("Sheets ({patterns})").format(patterns=SHEET_PATTERNS) + ";;" + _("All files (*)"),
        )
        if chosen:
            self.start_reading(Path(chosen))

    # --- step 2: reading --------------------------------------------------------------------------

    @property
    def state(self) -> str:
        """One of IDLE, READING, WRITING."""
        return self._state

    def start_reading(self, path: Path) -> None:
        if self._state != IDLE:
            return
        self.preview = None
        self._close_when_done = False
        self._show_working(
            _("Reading and checking {file}…").format(file=path.name),
            _("Nothing is written yet. You can stop at any time."),
        )
        self._state = READING
        self._cancel = CancelFlag()
        cancel, workspace = self._cancel, self._workspace
        self._task = run_in_background(
            self,
            lambda report: read_roster_file(path, workspace=workspace, progress=report, cancel=cancel),
            self._read_done,
            self._read_failed,
            progress=self._show_progress,
        )

    def _show_working(self, text: str, detail: str) -> None:
        self.working_label.setText(text)
        self.working_detail.setText(detail)
        self.progress_bar.setRange(0, 0)
        self.stop_button.setEnabled(True)
        self.stop_button.setText(_("Stop"))
        self.stack.setCurrentIndex(STEP_WORKING)

    def _show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    def stop(self) -> None:
        """The Stop button: ask the background job to stop; nothing gets written."""
        if self._cancel is not None and self._state != IDLE:
            self._cancel.cancel()
            self.stop_button.setEnabled(False)
            self.stop_button.setText(_("Stopping…"))
            self._close_when_done = True

    def _finished_job(self) -> None:
        self._state = IDLE
        self._task = None
        self._cancel = None

    def _read_done(self, preview: ImportPreview) -> None:
        self._finished_job()
        if self._close_when_done:
            super().reject()
            return
        self.show_preview(preview)

    def _read_failed(self, error: BaseException) -> None:
        self._finished_job()
        if isinstance(error, ImportCancelled):
            super().reject()
            return
        if self._close_when_done:
            super().reject()
        else:
            self.stack.setCurrentIndex(STEP_CHOOSE)
        if isinstance(error, AppError):
            if not self._close_when_done:
                messages.error(self, error.message)
            return
        raise error

    # --- step 3: the preview ----------------------------------------------------------------------

    def show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self._show_summary(preview)
        self._fill_tables(preview)
        self._set_buttons(preview)
        self.stack.setCurrentIndex(STEP_PREVIEW)

    def _show_summary(self, preview: ImportPreview) -> None:
        good = len(preview.good)
        mapping = preview.column_mapping()
        left_out = sum(1 for _column, where in mapping if where == _("not imported"))
        self.file_label.setText(
            _("File: {file}").format(file=Path(preview.path).name)
            + "  "
            + _("{used} columns are imported, {left_out} are not (see 'Which column goes where').").format(
                used=len(mapping) - left_out, left_out=left_out
            )
        )
        self.summary_label.setText(summary_text(preview))
        if preview.problems and good:
            advice = _(
                "Rows with problems are not imported. You can import the good rows now, correct the others "
                "in the sheet and import it again later: members already imported are not added twice."
            )
        elif preview.problems:
            advice = _("Correct the rows listed below in the sheet, then import it again.")
        else:
            advice = _("The data is backed up before anything is written.")
        self.advice_label.setText(advice)

    def _fill_tables(self, preview: ImportPreview) -> None:
        good = len(preview.good)
        mapping = preview.column_mapping()
        self.problems_model.set_rows([problem_cells(p) for p in preview.problems])
        self.warnings_model.set_rows([problem_cells(p) for p in preview.warnings])
        self.good_model.set_rows([member_cells(row, data) for row, data in preview.good])
        self.tabs.setTabText(0, _("Problems ({count})").format(count=len(preview.problems)))
        self.tabs.setTabText(1, _("Warnings ({count})").format(count=len(preview.warnings)))
        self.tabs.setTabText(2, _("Rows to import ({count})").format(count=good))
        self.mapping_model.set_rows(mapping)
        self.tabs.setTabText(3, _("Which column goes where"))
        self.mapping_view.resizeColumnToContents(0)
        self.tabs.setTabVisible(0, bool(preview.problems))
        self.tabs.setTabVisible(1, bool(preview.warnings))
        self.tabs.setCurrentIndex(0 if preview.problems else 1 if preview.warnings else 2)
        for view, model in (
            (self.problems_view, self.problems_model),
            (self.warnings_view, self.warnings_model),
        ):
            view.resizeColumnToContents(0)
            view.resizeColumnToContents(1)
            view.setColumnWidth(1, min(max(view.columnWidth(1), 120), 260))
            wrap = model.rowCount() <= WRAP_ROWS_UP_TO
            view.setWordWrap(wrap)
            view.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents if wrap else QHeaderView.ResizeMode.Interactive
            )
        self.good_view.resizeColumnsToContents()

    def _set_buttons(self, preview: ImportPreview) -> None:
        good = len(preview.good)
        self.save_problems_button.setVisible(bool(preview.problems or preview.warnings))
        if preview.problems:
            self.import_button.setText(_("Import the {count} rows without problems").format(count=good))
        else:
            self.import_button.setText(_("Import"))
        self.import_button.setVisible(good > 0)
        self.import_button.setEnabled(good > 0)
        self.import_nothing_button.setText(_("Import nothing") if good else _("Close"))
        (self.import_button if good else self.import_nothing_button).setDefault(True)

    def problem_rows(self) -> list[tuple[str, str, str]]:
        """What the problems table shows: (row, column, problem)."""
        return self.problems_model.rows()  # type: ignore[return-value]

    def save_problem_list(self) -> None:
        if self.preview is None:
            return
        stem = Path(self.preview.path).stem
        suggested = Path(self.preview.path).with_name(_("{name} - problems.csv").format(name=stem))
        csv_filter = _("CSV sheet, opens in Excel (*.csv)")
        txt_filter = _("Text file (*.txt)")
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self, _("Save the list of problems"), str(suggested), csv_filter + ";;" + txt_filter
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() not in (".csv", ".txt"):
            target = target.with_name(target.name + (".txt" if chosen_filter == txt_filter else ".csv"))
        try:
            write_problem_list(target, self.preview)
        except OSError as error:
            messages.error(
                self,
                _("The list could not be saved ({error}). Is the file open in Excel?").format(
                    error=error.strerror or error
                ),
            )
            return
        messages.info(self, _("The list of problems was saved:\n{file}").format(file=target))

    # --- writing ----------------------------------------------------------------------------------

    def import_good_rows(self) -> None:
        preview = self.preview
        if preview is None or not preview.good or self._state != IDLE:
            return
        self._show_working(
            _("Importing {count} members…").format(count=len(preview.good)),
            _("If you stop, nothing is written.")
            if self._workspace.is_server  # the township backs the server's data up, not this PC
            else _("The data is backed up first. If you stop, nothing is written."),
        )
        self._state = WRITING
        self._close_when_done = False
        self._cancel = CancelFlag()
        cancel, workspace = self._cancel, self._workspace
        self._task = run_in_background(
            self,
            lambda report: commit_import(workspace, preview, progress=report, cancel=cancel),
            self._write_done,
            self._write_failed,
            progress=self._show_progress,
        )

    def _write_done(self, summary: Any) -> None:
        self._finished_job()
        self.summary = summary
        assert self.preview is not None
        text = _(
            "The import is finished: {added} members added, {updated} updated, {unchanged} unchanged."
        ).format(added=summary.added, updated=summary.updated, unchanged=summary.unchanged)
        if self.preview.problems:
            text += "\n\n" + _(
                "The {bad} rows with problems were not imported. Correct them in the sheet and import it again."
            ).format(bad=self.preview.bad_row_count)
        if not self._workspace.is_server:
            text += "\n\n" + _("The data from before the import was backed up first.")
        messages.info(self, text)
        super().accept()

    def _write_failed(self, error: BaseException) -> None:
        self._finished_job()
        if isinstance(error, ImportCancelled):
            messages.info(self, error.message)
            super().reject()
            return
        if self._close_when_done:
            super().reject()
        else:
            self.stack.setCurrentIndex(STEP_PREVIEW)
        if isinstance(error, AppError):
            messages.error(self, error.message)
            return
        raise error

    # --- closing ----------------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, the window's close button, "Import nothing": while a job runs, stop it first and close
        when it has stopped, so that nothing is half done when the caller refreshes."""
        if self._state != IDLE:
            self.stop()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if self._state != IDLE:
            self.stop()
            event.ignore()
            return
        super().closeEvent(event)
