"""乡镇汇总: the township Party committee's figures across every branch, for a year — a tab per section
(members, dues, organisation life, notices, 设岗定责, members away), each a bar chart and a table; the
report saved as a workbook or a PDF, or printed. Only a township login has this page (features.py
``township_only``); the service refuses any other login in words as well.

The township's side of the USB exchange is here too: 导入村里的数据… (importing.py), 各村上报情况
(reports_tab.py) and 给村里的答复 (replies_tab.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import township
from dangjian_desktop.services.township import TownshipReport
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.tasks import run_in_background
from dangjian_desktop.ui.township.importing import VillageImport
from dangjian_desktop.ui.township.replies_tab import RepliesTab
from dangjian_desktop.ui.township.reports_tab import ReportsTab
from dangjian_desktop.ui.township.section_tab import SectionTab
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.kit import PageBase, action_button, save_path, show_error, year_box


class TownshipPage(PageBase):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.report: TownshipReport | None = None
        self.last_saved: Path | None = None
        self._task: object = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QHBoxLayout()
        heading.addWidget(TitleLabel(_("Township reports")), 1)
        self.import_status = QLabel()
        self.import_status.setVisible(False)
        heading.addWidget(self.import_status)
        self.import_button = action_button(
            _("Import the villages' data…"), lambda: self.importer.start(), heading
        )
        layout.addLayout(heading)
        self.importer = VillageImport(self, self.import_button, self.import_status, self.after_import)
        self.views = QTabWidget()
        self.views.addTab(self._report_view(), _("Figures of every branch"))
        self.reports_tab = ReportsTab(workspace.db.url)
        self.views.addTab(self.reports_tab, _("Reports from the villages"))
        self.replies_tab = RepliesTab(self)
        self.views.addTab(self.replies_tab, _("Replies to the villages"))
        self.views.currentChanged.connect(lambda _index: self._read_shown_view())
        layout.addWidget(self.views, 1)
        self.reload()

    def _report_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 8, 0, 0)
        buttons = QHBoxLayout()
        self.year = year_box(dt.date.today().year)
        self.year.setMaximum(dt.date.today().year)
        self.year.valueChanged.connect(lambda _value: self.reload())
        buttons.addWidget(QLabel(_("Year:")))
        buttons.addWidget(self.year)
        buttons.addSpacing(16)
        self.excel_button = action_button(_("Export to Excel…"), lambda: self.export(pdf=False), buttons)
        self.pdf_button = action_button(_("Save as PDF…"), lambda: self.export(pdf=True), buttons)
        self.print_button = action_button(_("Print…"), self.print_report, buttons)
        self.print_button.setEnabled(printing.printing_available())
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.sections: list[SectionTab] = []
        layout.addWidget(self.tabs, 1)
        return view

    def _read_shown_view(self) -> None:
        """The exchange's tabs read when shown (the report is read with the year)."""
        shown = self.views.currentWidget()
        if shown is self.reports_tab:
            self.reports_tab.reload()
        elif shown is self.replies_tab:
            self.replies_tab.reload()

    def after_import(self) -> None:
        """The villages' new data: the report, and the tab shown, read again."""
        self.reload()
        self._read_shown_view()
        self.data_changed.emit()

    def reload(self) -> None:
        """Read every branch's figures for the year chosen, in one go."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.report = township.township_report(self.workspace, self.year.value())
        except AppError as error:
            self.report = None
            self.summary.setText(error.message)
            self._enable(False)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show(self.report)

    def _enable(self, on: bool) -> None:
        self.excel_button.setEnabled(on)
        self.pdf_button.setEnabled(on)
        self.print_button.setEnabled(on and printing.printing_available())

    def _show(self, report: TownshipReport) -> None:
        paper = township.report_paper(report)
        self.summary.setText("\u3000".join(paper.lines))
        tables = paper.sections
        current = self.tabs.currentIndex()
        while len(self.sections) < len(tables):
            tab = SectionTab()
            self.sections.append(tab)
            self.tabs.addTab(tab, "")
        for index, (tab, table) in enumerate(zip(self.sections, tables, strict=False)):
            self.tabs.setTabText(index, table.title)
            tab.show_section(table)
        self.tabs.setCurrentIndex(max(0, current))
        self._enable(True)

    def _suggested_name(self, suffix: str) -> str:
        assert self.report is not None
        return _("Township report {year}").format(year=self.report.year) + suffix

    def export(self, *, pdf: bool) -> None:
        report = self.report
        if report is None:
            return
        suffix = township.PDF if pdf else township.XLSX
        path = save_path(self, self._suggested_name(suffix), pdf)
        if path is None:
            return

        def done(written: object) -> None:
            self._task = None
            self.last_saved = Path(str(written))
            messages.info(self, _("Saved as {path}").format(path=written))

        def failed(error: BaseException) -> None:
            self._task = None
            show_error(self, error)

        self._task = run_in_background(self, lambda: township.export_report(report, path), done, failed)

    def print_report(self) -> None:
        report = self.report
        if report is None:
            return
        try:
            data = township.report_pdf(report)
        except AppError as error:
            show_error(self, error)
            return
        printing.print_pdf(self, data, name=self._suggested_name(""))
