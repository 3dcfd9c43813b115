"""乡镇汇总: the township Party committee's figures across every branch, for a year — a tab per section
(members, dues, organisation life, notices, 设岗定责, members away), each a bar chart and a table; the
report saved as a workbook or a PDF, or printed. Only a township login has this page (features.py
``township_only``); the service refuses any other login in words as well."""

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
        heading.addWidget(TitleLabel(_("Township reports")))
        heading.addStretch(1)
        self.year = year_box(dt.date.today().year)
        self.year.setMaximum(dt.date.today().year)
        self.year.valueChanged.connect(lambda _value: self.reload())
        heading.addWidget(QLabel(_("Year:")))
        heading.addWidget(self.year)
        layout.addLayout(heading)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.excel_button = action_button(_("Export to Excel…"), lambda: self.export(pdf=False), buttons)
        self.pdf_button = action_button(_("Save as PDF…"), lambda: self.export(pdf=True), buttons)
        self.print_button = action_button(_("Print…"), self.print_report, buttons)
        self.print_button.setEnabled(printing.printing_available())
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.tabs = QTabWidget()
        self.sections: list[SectionTab] = []
        layout.addWidget(self.tabs, 1)
        self.reload()

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
