"""公告: the archive of notices, the actions on the selected one, and its preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services import notices as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.notices.board_dates_dialog import BoardDatesDialog
from dangjian_desktop.ui.notices.common import NoticesTab
from dangjian_desktop.ui.notices.editor import NoticeEditor
from dangjian_desktop.ui.tasks import run_in_background
from dangjian_desktop.ui.widgets import tables
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout, kept_together
from dangjian_desktop.ui.widgets.pdf_preview import PdfPagesView, pdf_page_images

if TYPE_CHECKING:
    from dangjian_desktop.ui.notices.page import NoticesPage


class ArchiveTab(NoticesTab):
    """公告: every notice, the actions on the selected one, and its preview."""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page)
        self._notices: list[service.NoticeInfo] = []
        self._preview_task: Any = None
        self._preview_pending = False
        self.last_message = ""
        self.table = tables.data_table([_("Number"), _("Title"), _("Disclosure period"), _("Status")])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.viewport().installEventFilter(self)  # the other columns are shared out on a resize
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit())

        self.new_button = tables.big_button(_("New notice…"))
        self.edit_button = tables.big_button(_("Change…"))
        self.publish_button = tables.big_button(_("Publish"))
        self.print_button = tables.big_button(_("Print…"))
        self.save_button = tables.big_button(_("Save as PDF…"))
        self.board_button = tables.big_button(_("Posted / taken down…"))
        self.correct_button = tables.big_button(_("Correction…"))
        self.withdraw_button = tables.big_button(_("Withdraw…"))
        self.delete_button = tables.big_button(_("Delete the draft"))
        self.size_combo = QComboBox()
        self.size_combo.addItem(_("A4 portrait"), "a4")
        self.size_combo.addItem(_("A3 portrait (large board)"), "a3")
        for button, slot in (
            (self.new_button, self.new_notice),
            (self.edit_button, self.edit),
            (self.publish_button, self.publish),
            (self.print_button, self.print_notice),
            (self.save_button, self.save_pdf),
            (self.board_button, self.board_dates),
            (self.correct_button, self.correct),
            (self.withdraw_button, self.withdraw),
            (self.delete_button, self.delete_draft),
        ):
            button.clicked.connect(slot)
        # The rows go on to another line at large text in a small window, never sideways.
        first_row = FlowLayout()
        for widget in (self.new_button, self.edit_button, self.publish_button, self.delete_button):
            first_row.addWidget(widget)
        second_row = FlowLayout()
        for widget in (self.board_button, self.correct_button, self.withdraw_button):
            second_row.addWidget(widget)
        print_row = FlowLayout()
        print_row.addWidget(kept_together(_("Paper:"), self.size_combo))
        print_row.addWidget(self.print_button)
        print_row.addWidget(self.save_button)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(first_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.status_label)
        left_layout.addLayout(second_row)

        self.preview_view = PdfPagesView()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(print_row)
        right_layout.addWidget(self.preview_view, 1)
        self.size_combo.currentIndexChanged.connect(lambda _i: self._preview())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 540])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_buttons()

    # ----- reading -----------------------------------------------------------------------------------------

    @property
    def selected(self) -> service.NoticeInfo | None:
        notice_id = tables.selected_data(self.table)
        return next((n for n in self._notices if n.id == notice_id), None)

    @property
    def paper(self) -> str:
        return str(self.size_combo.currentData())

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else tables.selected_data(self.table)
        self._notices = service.list_notices(self.workspace)
        today = dt.date.today()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._notices))
        for row, info in enumerate(self._notices):
            content = info.content
            period = _("{start} to {end}").format(
                start=f"{content.period_from.month}月{content.period_from.day}日",
                end=f"{content.period_to.month}月{content.period_to.day}日",
            )
            status = info.status_label if info.is_draft else f"{info.status_label}，{info.board_text(today)}"
            cells = [
                tables.table_item(info.number or _("(draft)"), info.id),
                tables.table_item(content.title),
                tables.table_item(period),
                tables.table_item(status),
            ]
            cells[1].setToolTip(f"{content.title}（{info.type_label}）")
            if info.on_board(today):
                cells[3].setForeground(Qt.GlobalColor.darkGreen)
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        self._share_columns()
        if current is not None:
            tables.select_by_data(self.table, current)
        if self.selected is None and self._notices:
            self.table.selectRow(0)
        self._selection_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._share_columns)
        return super().eventFilter(watched, event)

    def _share_columns(self) -> None:
        """The title keeps room for about 16 characters; the number, the period and the status share what
        is left, each at most as wide as its longest text, and wrap when that is not enough."""
        header = self.table.horizontalHeader()
        char = self.table.fontMetrics().horizontalAdvance("中")
        others = (0, 2, 3)
        wanted = {c: max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in others}
        title = min(max(self.table.sizeHintForColumn(1), header.sectionSizeHint(1)), char * 16 + 16)
        room = max(self.table.viewport().width() - title, char * 15)
        share = min(1.0, room / max(sum(wanted.values()), 1))
        for column in others:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(int(wanted[column] * share), char * 5 + 12))
        self.table.resizeRowsToContents()

    def _update_buttons(self) -> None:
        info = self.selected
        draft = info is not None and info.is_draft
        published = info is not None and info.status == rules.PUBLISHED
        issued = info is not None and not info.is_draft
        self.edit_button.setEnabled(draft)
        self.publish_button.setEnabled(draft)
        self.delete_button.setEnabled(draft)
        self.print_button.setEnabled(issued)
        self.save_button.setEnabled(issued)
        self.board_button.setEnabled(issued)
        self.correct_button.setEnabled(published)
        self.withdraw_button.setEnabled(published)

    def _selection_changed(self) -> None:
        self._update_buttons()
        info = self.selected
        if info is None:
            self.status_label.setText(_("No notice yet. Press “New notice…” to write one from a template."))
        elif info.is_draft:
            self.status_label.setText(
                _("Draft: it can still be changed. Publishing checks it, gives it its number and freezes it.")
            )
        else:
            text = _("{number}, check code {code}. {board}. ").format(
                number=info.number, code=info.check_code_text, board=info.board_text()
            )
            if info.refers_to_number:
                text += _("Replaces {number}.").format(number=info.refers_to_number)
            self.status_label.setText(text)
        self._preview()

    @property
    def preview_pages(self) -> int:
        return self.preview_view.page_count

    # ----- the preview ------------------------------------------------------------------------------------------

    def _preview(self) -> None:
        info = self.selected
        if info is None:
            self.preview_view.show_hint(_("Choose a notice in the list; how it prints is shown here."))
            return
        if self._preview_task is not None:
            self._preview_pending = True
            return
        workspace, notice_id, size = self.workspace, info.id, self.paper

        # Only the PDF is made in the background: PDFium must never run in two threads at once (printing
        # renders with it on the main thread), so the pages are drawn here when it is ready.
        def job() -> bytes:
            return service.pdf_bytes(workspace, notice_id, size)

        self._preview_task = run_in_background(self, job, self._preview_ready, self._preview_failed)

    def _preview_ready(self, data: bytes) -> None:
        self._preview_task = None
        if self._preview_pending:
            self._preview_pending = False
            self._preview()
            return
        self.preview_view.show_pages(pdf_page_images(data, self.preview_view.fitting_width(360, 900)))

    def _preview_failed(self, error: BaseException) -> None:
        self._preview_task = None
        self._preview_pending = False
        if not isinstance(error, AppError):
            raise error
        messages.error(self, error.message)

    # ----- actions ----------------------------------------------------------------------------------------------

    def _open_editor(self, editor: NoticeEditor) -> None:
        self.page.dialog_opened.emit(editor)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            self.reload(editor.saved.id)
            self.changed.emit()

    def new_notice(self, type_code: str = rules.FREE, matter_id: int | None = None) -> None:
        self._open_editor(NoticeEditor(self.workspace, None, self, type_code=type_code, matter_id=matter_id))

    def edit(self) -> None:
        info = self.selected
        if info is not None and info.is_draft:
            self._open_editor(NoticeEditor(self.workspace, info, self))

    def open_draft(self, draft: service.NoticeInfo) -> None:
        """Show a draft made elsewhere (a correction, a 四议两公开 notice) in the editor."""
        self.reload(draft.id)
        self._open_editor(NoticeEditor(self.workspace, draft, self))

    def publish(self) -> None:
        info = self.selected
        if info is None or not info.is_draft:
            return
        refusal = service.privacy_refusal(self.workspace, info.id)
        if refusal is not None:
            self._refused(refusal)
            return
        if not messages.confirm(
            self,
            _(
                "Publish “{title}”? It gets its number and can never be changed afterwards; a mistake is "
                "put right with a correction."
            ).format(title=info.title),
            _("Publish"),
        ):
            return
        try:
            published = service.publish(self.workspace, info.id)
        except service.PrivateDataFound as error:
            self._refused(error)
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.last_message = _("Published as {number}. Check code: {code}.").format(
            number=published.number, code=published.check_code_text
        )
        self.reload(published.id)
        self.changed.emit()
        messages.info(self, self.last_message)

    def _refused(self, refusal: rules.PrivateDataFound) -> None:
        """Say what was found and where, and which phones may be printed. A phone may be one meant for the
        public (the 村委会's duty phone, a contact person's): then offer to go where it is allowed."""
        self.last_message = refusal.message
        if not any(f.kind in (rules.MOBILE, rules.LANDLINE, rules.ROSTER_PHONE) for f in refusal.findings):
            messages.warning(self, self.last_message)
            return
        if messages.confirm(self, self.last_message, _("Open the public phones"), _("Back to the notice")):
            self.page.tabs.setCurrentWidget(self.page.settings_tab)
            self.page.settings_tab.phones_edit.setFocus()

    def print_notice(self) -> None:
        """The printer dialog, set for the notice's paper (A4 or A3, portrait); the sheet is printed at its
        real size, in grey (the notice is black and white)."""
        info = self.selected
        if info is None or info.is_draft:
            return
        try:
            data = service.pdf_bytes(self.workspace, info.id, self.paper)
        except AppError as error:
            messages.error(self, error.message)
            return
        if printing.print_pdf(
            self, data, name=info.number, paper=self.paper, landscape=False, grayscale=True
        ):
            self.last_message = _("{number} was sent to the printer.").format(number=info.number)

    def save_pdf(self) -> None:
        info = self.selected
        if info is None or info.is_draft:
            return
        suggested = f"{info.number}-{self.paper.upper()}.pdf".replace("〔", "(").replace("〕", ")")
        target = printing.ask_pdf_path(self, suggested)
        if target is None:
            return
        try:
            service.export_pdf(self.workspace, info.number, target, self.paper)
        except (AppError, OSError) as error:
            messages.error(self, getattr(error, "message", None) or str(error))
            return
        self.last_message = _("The notice was saved to {path}").format(path=target)
        messages.info(self, self.last_message)

    def board_dates(self) -> None:
        info = self.selected
        if info is None or info.is_draft:
            return
        dialog = BoardDatesDialog(info, self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        posted, down = dialog.dates()
        try:
            service.set_board_dates(self.workspace, info.id, posted, down)
        except FieldErrors as error:
            messages.error(self, "；".join(error.errors.values()))
            return
        self.reload(info.id)
        self.changed.emit()

    def correct(self) -> None:
        self._follow_up(
            _(
                "Write a correction of {number}? It is a new notice; when it is published the old one is withdrawn."
            ),
            _("Write a correction"),
            service.start_correction,
        )

    def withdraw(self) -> None:
        self._follow_up(
            _("Withdraw {number}? A withdrawal notice is written for you to check and publish."),
            _("Write the withdrawal"),
            service.start_withdrawal,
        )

    def _follow_up(
        self, question: str, yes_text: str, start: Callable[[Workspace, int], service.NoticeInfo]
    ) -> None:
        """A notice that follows the selected published one (a correction, a withdrawal), once she agrees:
        ``question`` names it by ``{number}``."""
        info = self.selected
        if info is None or info.status != rules.PUBLISHED:
            return
        if not messages.confirm(self, question.format(number=info.number), yes_text):
            return
        self._start(lambda: start(self.workspace, info.id))

    def _start(self, make: Callable[[], service.NoticeInfo]) -> None:
        try:
            draft = make()
        except AppError as error:
            messages.error(self, error.message)
            return
        self.changed.emit()
        self.open_draft(draft)

    def delete_draft(self) -> None:
        info = self.selected
        if info is None or not info.is_draft:
            return
        if not messages.confirm(self, _("Delete the draft “{title}”?").format(title=info.title), _("Delete")):
            return
        try:
            service.delete_draft(self.workspace, info.id)
        except AppError as error:
            messages.error(self, error.message)
            return
        self.reload()
        self.changed.emit()
