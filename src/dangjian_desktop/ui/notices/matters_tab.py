"""四议两公开: the major matters and the steps of the selected one in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget

from dangjian_desktop.domain import major_matters as matter_rules
from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import notices as service
from dangjian_desktop.services.notices import matters as matters_service
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.notices.common import WAIT_COLOR, NoticesTab
from dangjian_desktop.ui.notices.implementation_dialog import ImplementationDialog
from dangjian_desktop.ui.notices.matter_dialog import MatterDialog
from dangjian_desktop.ui.notices.step_dialog import StepDialog
from dangjian_desktop.ui.widgets import tables
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from dangjian_desktop.ui.notices.page import NoticesPage


class MattersTab(NoticesTab):
    """四议两公开: the matters, and the steps of the selected one in order."""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page)
        self._matters: list[matters_service.MatterInfo] = []
        self.table = tables.data_table([_("Matter"), _("Status"), _("Next step")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_steps)
        self.steps_table = tables.data_table([_("Step"), _("Date"), _("Attendance and votes"), _("Outcome")])
        self.steps_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.content_label = QLabel()
        self.content_label.setWordWrap(True)
        self.new_button = tables.big_button(_("New matter…"))
        self.step_button = tables.big_button(_("Record the next step…"))
        self.implement_button = tables.big_button(_("Record the implementation…"))
        self.resolution_button = tables.big_button(_("Write the resolution notice"))
        self.result_button = tables.big_button(_("Write the result notice"))
        self.new_button.clicked.connect(self.new_matter)
        self.step_button.clicked.connect(self.record_step)
        self.implement_button.clicked.connect(self.record_implementation)
        self.resolution_button.clicked.connect(lambda: self.write_notice(rules.RESOLUTION))
        self.result_button.clicked.connect(lambda: self.write_notice(rules.RESULT))
        buttons = FlowLayout()  # rows that go on to another line at large text, never sideways
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.step_button)
        buttons.addWidget(self.implement_button)
        notice_buttons = FlowLayout()
        notice_buttons.addWidget(self.resolution_button)
        notice_buttons.addWidget(self.result_button)
        notice_buttons.add_stretch()
        # The whole matter on paper for the archive: every step with dates and votes, and the notices.
        self.print_record_button = tables.big_button(_("Print the record…"))
        self.pdf_record_button = tables.big_button(_("Save as PDF…"))
        self.print_record_button.setToolTip(
            _("Every step of this matter with its date and votes, and the notices, for the village archive")
        )
        self.print_record_button.clicked.connect(self.print_record)
        self.pdf_record_button.clicked.connect(self.save_record)
        notice_buttons.addWidget(self.print_record_button)
        notice_buttons.addWidget(self.pdf_record_button)
        hint = QLabel(
            _(
                "Every major matter goes through four meetings in order: proposal, consultation, review by the "
                "members, resolution by the villagers' representatives. Then the resolution is made public, "
                "carried out, and its result made public. A vote that fails ends the matter; a meeting with too few "
                "people present decides nothing and is convened again."
            )
        )
        hint.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.content_label)
        lower_layout.addWidget(self.steps_table, 1)
        lower_layout.addLayout(notice_buttons)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    @property
    def selected(self) -> matters_service.MatterInfo | None:
        matter_id = tables.selected_data(self.table)
        return next((m for m in self._matters if m.id == matter_id), None)

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else tables.selected_data(self.table)
        self._matters = matters_service.list_matters(self.workspace)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._matters))
        for row, matter in enumerate(self._matters):
            next_step = matter_rules.step(matter.next_step).label() if matter.next_step else "—"
            status = tables.table_item(matter.status_label)
            if matter.status == matter_rules.REJECTED:
                status.setForeground(Qt.GlobalColor.red)
            for column, cell in enumerate(
                (tables.table_item(matter.title, matter.id), status, tables.table_item(next_step))
            ):
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        if current is not None:
            tables.select_by_data(self.table, current)
        if self.selected is None and self._matters:
            self.table.selectRow(0)
        self._show_steps()

    def _show_steps(self) -> None:
        matter = self.selected
        steps = matter.steps if matter else ()
        self.content_label.setText(matter.content if matter and matter.content else "")
        self.steps_table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            outcome = tables.table_item(step.outcome + (f"（{step.reason}）" if step.reason else ""))
            if step.adjourned:
                outcome.setForeground(QColor(WAIT_COLOR))
            elif not step.passed:
                outcome.setForeground(Qt.GlobalColor.red)
            cells = (
                tables.table_item(f"{step.position}. {step.label}"),
                tables.table_item(step.held_on.isoformat()),
                tables.table_item(step.summary()),
                outcome,
            )
            for column, cell in enumerate(cells):
                self.steps_table.setItem(row, column, cell)
        self.steps_table.resizeRowsToContents()
        due = matter.next_step if matter else None
        self.print_record_button.setEnabled(matter is not None)
        self.pdf_record_button.setEnabled(matter is not None)
        self.step_button.setEnabled(due in matter_rules.VOTING_STEPS)
        self.implement_button.setEnabled(due == matter_rules.IMPLEMENT)
        self.resolution_button.setEnabled(due == matter_rules.PUBLISH_RESOLUTION)
        self.result_button.setEnabled(due == matter_rules.PUBLISH_RESULT)
        if due in matter_rules.VOTING_STEPS:
            self.step_button.setText(
                _("Record: {step}…").format(step=matter_rules.step(due).label())  # type: ignore[arg-type]
            )
        else:
            self.step_button.setText(_("Record the next step…"))

    def new_matter(self) -> None:
        dialog = MatterDialog(self.workspace, self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved:
            self.reload(dialog.saved.id)
            self.changed.emit()

    def record_step(self) -> None:
        matter = self.selected
        if matter is None or matter.next_step not in matter_rules.VOTING_STEPS:
            return
        dialog = StepDialog(self.workspace, matter, self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.recorded is None:
            return
        info, step = dialog.recorded
        self.reload(info.id)
        self.changed.emit()
        if step.passed:
            messages.info(self, _("{step}: passed.").format(step=step.label))
        elif step.adjourned:
            messages.info(
                self,
                _(
                    "{step}: too few people were present ({outcome}). The matter goes on: convene the meeting "
                    "again and record it with “{button}”."
                ).format(step=step.label, outcome=step.outcome, button=self.step_button.text()),
            )
        else:
            messages.warning(
                self,
                _("{step}: not passed ({outcome}). The matter ends here; this is recorded.").format(
                    step=step.label, outcome=step.outcome
                ),
            )

    def print_record(self) -> None:
        """The record of the whole matter through the printer dialog."""
        from dangjian_desktop.services.notices import matter_print

        matter = self.selected
        if matter is None:
            return
        try:
            data = matter_print.record_pdf_bytes(self.workspace, matter.id)
        except AppError as error:
            messages.error(self, error.message)
            return
        printing.print_pdf(
            self, data, name=matter_print.file_name(self.workspace, matter.id).removesuffix(".pdf")
        )

    def save_record(self) -> None:
        from dangjian_desktop.services.notices import matter_print

        matter = self.selected
        if matter is None:
            return
        target = printing.ask_pdf_path(self, matter_print.file_name(self.workspace, matter.id))
        if target is None:
            return
        try:
            matter_print.export_record(self.workspace, matter.id, target)
        except AppError as error:
            messages.error(self, error.message)
            return
        messages.info(self, _("The record of the matter was saved as {path}.").format(path=target))

    def record_implementation(self) -> None:
        matter = self.selected
        if matter is None:
            return
        dialog = ImplementationDialog(self.workspace, matter, self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(matter.id)
            self.changed.emit()

    def write_notice(self, type_code: str) -> None:
        matter = self.selected
        if matter is None:
            return
        try:
            draft = service.create_draft(self.workspace, type_code, matter_id=matter.id)
        except AppError as error:
            messages.error(self, error.message)
            return
        self.changed.emit()
        self.page.tabs.setCurrentWidget(self.page.archive_tab)
        self.page.archive_tab.open_draft(draft)
