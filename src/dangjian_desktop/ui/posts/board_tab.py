"""公示: the board previewed as it will print, printed or saved as PDF on A4 or A3, and the duty cards
(printed or saved)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.posts.common import PostsTab, TermSource
from dangjian_desktop.ui.tasks import run_in_background
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout, kept_together
from dangjian_desktop.ui.widgets.kit import show_app_error
from dangjian_desktop.ui.widgets.pdf_preview import PdfPagesView, pdf_page_images
from dangjian_desktop.ui.widgets.tables import big_button


class BoardTab(PostsTab):
    """公示: the board previewed as it will print, printed or saved as PDF on A4 or A3, and the duty cards
    (printed or saved)."""

    def __init__(self, workspace: Workspace, term: TermSource, parent: QWidget | None = None) -> None:
        super().__init__(workspace, term, parent)
        self._task: Any = None
        self._pending = False
        self.size_combo = QComboBox()
        self.size_combo.addItem(_("A4 portrait"), "a4")
        self.size_combo.addItem(_("A3 landscape"), "a3")
        self.size_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.print_button = big_button(_("Print the board…"))
        self.save_button = big_button(_("Save the board as PDF…"))
        self.print_cards_button = big_button(_("Print the duty cards…"))
        self.print_cards_button.setToolTip(_("One card per member on a post, six to an A4 sheet"))
        self.cards_button = big_button(_("Save the duty cards as PDF…"))
        self.print_button.clicked.connect(self.print_board)
        self.save_button.clicked.connect(self.save_board)
        self.print_cards_button.clicked.connect(self.print_cards)
        self.cards_button.clicked.connect(self.save_cards)
        top = FlowLayout()  # goes on to a second line at large text, never sideways
        top.addWidget(kept_together(_("Paper:"), self.size_combo))
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        top.addWidget(kept_together(self.print_cards_button, self.cards_button))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.preview_view = PdfPagesView()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.preview_view, 1)
        self.export_message = ""
        self.exporting: Any = None  # the running export (kept while it runs)
        self._previewed: tuple[int, str, bytes] | None = None  # term id, paper, the board's PDF

    @property
    def paper(self) -> str:
        """ "a4" or "a3"."""
        return str(self.size_combo.currentData())

    @property
    def busy(self) -> bool:
        return self._task is not None

    def reload(self) -> None:
        term = self.term
        for button in self._buttons:
            button.setEnabled(term is not None)
        if term is None:
            self._show_pages(b"")
            return
        content = service.board_content(self.workspace, term.id)
        self.summary_label.setText(
            _(
                "The board shows {posts} posts and {members} members for {term}. Posts with nobody on them are "
                "left off. No ID numbers, members' phones or addresses are printed."
            ).format(posts=len(content.posts), members=content.member_count, term=term.label)
        )
        if self._task is not None:
            self._pending = True
            return
        workspace, term_id, size = self.workspace, term.id, self.paper
        self._previewed = None
        self._task = run_in_background(
            self,
            lambda: (term_id, size, service.board_pdf(workspace, term_id, size)),
            self._preview_ready,
            self._preview_failed,
        )

    @property
    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.print_button, self.save_button, self.print_cards_button, self.cards_button)

    def _preview_ready(self, result: tuple[int, str, bytes]) -> None:
        self._task = None
        if self._pending:
            self._pending = False
            self.reload()
            return
        self._previewed = result
        self._show_pages(result[2])

    def _preview_failed(self, error: BaseException) -> None:
        self._task = None
        self._pending = False
        show_app_error(self, error)

    def _show_pages(self, data: bytes) -> None:
        if not data:
            self.preview_view.clear()
            return
        # Wide enough to read, narrow enough to see the layout; A3 landscape gets the whole width.
        width = self.preview_view.fitting_width(400, 1100 if self.paper == "a4" else 2000)
        self.preview_view.show_pages(pdf_page_images(data, width, most_scale=2.0))

    @property
    def preview_pages(self) -> int:
        return self.preview_view.page_count

    def _print(self, data: Callable[[], bytes], name: str) -> None:
        try:
            pdf = data()
        except AppError as error:
            show_app_error(self, error)
            return
        printing.print_pdf(self, pdf, name=name.removesuffix(".pdf"))

    def print_board(self) -> None:
        """The board through the printer dialog: the PDF the preview shows, when it is up to date."""
        term = self.term
        if term is None:
            return
        size = self.paper
        previewed = self._previewed
        if self._task is None and previewed is not None and previewed[:2] == (term.id, size):
            shown = previewed[2]
            self._print(lambda: shown, self._board_name(term))
        else:
            self._print(lambda: service.board_pdf(self.workspace, term.id, size), self._board_name(term))

    def print_cards(self) -> None:
        term = self.term
        if term is None:
            return
        try:
            nobody = not service.duty_cards(self.workspace, term.id)
        except AppError as error:
            show_app_error(self, error)
            return
        if nobody:
            messages.info(self, _("Nobody has a post in this term yet, so there are no duty cards to print."))
            return
        self._print(lambda: service.duty_cards_pdf(self.workspace, term.id), self._cards_name(term))

    def _board_name(self, term: service.TermInfo) -> str:
        return _("post-board-{term}-{size}.pdf").format(term=term.title, size=self.paper.upper())

    @staticmethod
    def _cards_name(term: service.TermInfo) -> str:
        return _("duty-cards-{term}.pdf").format(term=term.title)

    def _target(self, name: Callable[[service.TermInfo], str]) -> tuple[service.TermInfo, Path] | None:
        """The term shown and the file to save to, asked for under the suggested name; None if either
        is missing."""
        term = self.term
        if term is None:
            return None
        path = printing.ask_pdf_path(self, name(term))
        return None if path is None else (term, path)

    def save_board(self) -> None:
        target = self._target(self._board_name)
        if target is None:
            return
        (term, path), workspace, size = target, self.workspace, self.paper
        self._export(
            lambda: service.export_board(workspace, term.id, path, size),
            lambda _content: _("The board was saved to {path}").format(path=path),
        )

    def save_cards(self) -> None:
        target = self._target(self._cards_name)
        if target is None:
            return
        (term, path), workspace = target, self.workspace
        self._export(
            lambda: service.export_duty_cards(workspace, term.id, path),
            lambda count: _("{count} duty cards were saved to {path}").format(count=count, path=path),
        )

    def _export(self, job: Callable[[], Any], done_text: Callable[[Any], str]) -> None:
        self.export_message = ""
        self._enable_saving(False)

        def finished(result: Any) -> None:
            self._enable_saving(True)
            self.export_message = done_text(result)
            messages.info(self, self.export_message)

        def failed(error: BaseException) -> None:
            self._enable_saving(True)
            show_app_error(self, error)

        self.exporting = run_in_background(self, job, finished, failed)

    def _enable_saving(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)
        self.cards_button.setEnabled(enabled)
