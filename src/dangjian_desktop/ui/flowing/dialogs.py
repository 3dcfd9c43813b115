"""The forms of the 流动党员 page: leave registration, organisation life, contacts, opinions, return,
re-issue of a lost book, and printing the activity book (layout choice, preview, save, print).

Each form collects plain text and hands it to ``services.flowing``, which checks it; mistakes come back
as field errors and are shown in red under the field concerned. Nothing typed is lost on an error.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.flowing import (
    CONTACT_MEANS,
    EVALUATION,
    EVALUATION_GRADES,
    LEAVE_REASON,
    OPINION_KIND,
    ORG_LIFE_KIND,
)
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.widgets.forms import (
    FormDialog,
    TitleLabel,
    combo_with_codes,
    editable_combo,
)

LAYOUT_LABELS = (
    ("a5", N_("A5 booklet: the whole book on A5 pages")),
    ("a4-booklet", N_("A4 booklet: print both sides, flip on the long edge, fold in the middle")),
    ("a4-booklet-short", N_("A4 booklet: print both sides, flip on the short edge, fold in the middle")),
    ("inserts", N_("Record pages only, to go with the booklet from the province")),
)


def _today() -> str:
    return dt.date.today().isoformat()


def _code_combo(choices, code: str = "") -> QComboBox:  # type: ignore[no-untyped-def]
    """An editable list of the usual choices: each carries its code; other text is kept as typed."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for choice in choices:
        combo.addItem(choice.label(), choice.code)
    if code:
        index = combo.findData(code)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setCurrentText(code)
    return combo


class LeaveDialog(FormDialog):
    """外出登记 (``member_id`` None: choose the member) or correcting the registration (``stay`` given)."""

    def __init__(
        self,
        workspace: Workspace,
        member_id: int | None = None,
        stay: flowing.StayInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = stay is not None
        super().__init__(
            _("Correct the leave registration") if editing else _("Register a member leaving to work away"),
            _(
                "Fields marked * must be filled in. Dates are written like 2026-03-01. The program gives the "
                "activity book its number."
            )
            if not editing
            else _("Fill in what has changed, e.g. the receiving Party organisation once it is known."),
            parent,
            columns=2,
        )
        self.workspace = workspace
        self.member_id = member_id
        self.editing = editing
        if not editing:
            self.member_combo = QComboBox()
            self.member_combo.setEditable(True)
            self.member_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self._roster_phones: dict[int, str] = {}
            for ref in flowing.members_who_can_leave(workspace):
                self.member_combo.addItem(ref.name, ref.id)
                self._roster_phones[ref.id] = format_phone(ref.phone)
            if member_id is not None:
                index = self.member_combo.findData(member_id)
                if index >= 0:
                    self.member_combo.setCurrentIndex(index)
            self.add_row("member", _("Member"), self.member_combo, required=True)
        s = stay
        d = s.destination if s else None
        self.line(
            "since", _("Left on"), s.since.isoformat() if s else _today(), required=True, hint="2026-03-01"
        )
        self.line(
            "expected_return",
            _("Expected back"),
            s.expected_return.isoformat() if s and s.expected_return else "",
        )
        self.add_row("reason", _("Reason"), _code_combo(LEAVE_REASON, s.reason if s else "work"))
        self.line(
            "destination",
            _("Destination (province, city, county)"),
            d.region if d else "",
            required=True,
            hint=_("e.g. 江苏省苏州市昆山市"),
        )
        self.line("workplace", _("Workplace"), d.workplace if d else "")
        self.line("address", _("Address there"), s.address if s else "")
        self.line("occupation", _("Occupation"), s.occupation if s else "")
        self.column = 1
        self.line("phone", _("Own phone"), format_phone(s.phone) if s else "")
        self.line("other_contact", _("Other contact (WeChat ...)"), s.other_contact if s else "")
        self.line("receiving_org", _("Receiving Party organisation"), s.receiving_org if s else "")
        self.line("receiving_contact", _("Their contact person"), s.receiving_contact if s else "")
        self.line(
            "receiving_phone",
            _("Phone of the receiving organisation"),
            format_phone(s.receiving_phone) if s else "",
        )
        self.line("home_contact", _("Kept in touch by (home branch)"), s.home_contact if s else "")
        self.line(
            "home_contact_phone", _("Phone of that person"), format_phone(s.home_contact_phone) if s else ""
        )
        self.line("official_number", _("Provincial booklet number"), "", hint=_("leave empty if none"))
        self.setMinimumWidth(980)
        if not editing:
            self._prefilled_phone = ""
            self.member_combo.currentIndexChanged.connect(self._fill_phone_from_roster)
            self._fill_phone_from_roster()

    def _fill_phone_from_roster(self) -> None:
        """The member's own phone as on the roster; what she typed over it stays."""
        phone = self.editors["phone"]
        assert isinstance(phone, QLineEdit)
        if phone.text() not in ("", self._prefilled_phone):
            return
        member_id = self.member_combo.currentData()
        self._prefilled_phone = self._roster_phones.get(member_id, "") if member_id is not None else ""
        phone.setText(self._prefilled_phone)

    def raw(self) -> dict[str, str]:
        values = super().raw()
        values.pop("member", None)
        # the one-line destination gives province/city/county; the workplace field is its own
        return values

    def chosen_member(self) -> int | None:
        if self.editing:
            return self.member_id
        text = self.member_combo.currentText().strip()
        index = self.member_combo.findText(text)
        if index < 0:
            return None
        return int(self.member_combo.itemData(index))

    def save(self) -> None:
        member_id = self.chosen_member()
        if member_id is None:
            self.show_errors({"member": _("Please choose a member from the list.")})
            return
        if self.editing:
            ok = self.run(lambda raw: flowing.update_leave(self.workspace, member_id, raw))
        else:
            ok = self.run(lambda raw: flowing.register_leave(self.workspace, member_id, raw))
        if ok:
            self.accept()


class OrgLifeDialog(FormDialog):
    def __init__(
        self, workspace: Workspace, member_id: int, name: str, org: str = "", parent: QWidget | None = None
    ):
        super().__init__(
            _("Organisation life of {name}").format(name=name),
            _("Write down an organisation life the member took part in while away."),
            parent,
        )
        self.workspace, self.member_id = workspace, member_id
        self.line("date", _("Date"), _today(), required=True)
        self.add_row("kind", _("Kind"), _code_combo(ORG_LIFE_KIND, "theme_day"), required=True)
        self.line("org", _("Organisation"), org)
        content = QPlainTextEdit()
        content.setFixedHeight(90)
        self.add_row("content", _("Content"), content, required=True)
        self.line("certified_by", _("Certified by"), "")

    def save(self) -> None:
        if self.run(lambda raw: flowing.add_org_life(self.workspace, self.member_id, raw)):
            self.accept()


class ContactDialog(FormDialog):
    def __init__(
        self, workspace: Workspace, member_id: int, name: str, by: str = "", parent: QWidget | None = None
    ):
        super().__init__(
            _("Contact with {name}").format(name=name),
            _("Each contact the home branch makes counts: the member is not lost."),
            parent,
        )
        self.workspace, self.member_id = workspace, member_id
        self.line("date", _("Date"), _today(), required=True)
        self.add_row("means", _("Means"), _code_combo(CONTACT_MEANS, "phone"))
        content = QPlainTextEdit()
        content.setFixedHeight(90)
        self.add_row("content", _("What was said"), content, required=True)
        self.line("contacted_by", _("Contacted by"), by)

    def save(self) -> None:
        if self.run(lambda raw: flowing.add_contact(self.workspace, self.member_id, raw)):
            self.accept()


class OpinionDialog(FormDialog):
    def __init__(self, workspace: Workspace, member_id: int, name: str, parent: QWidget | None = None):
        super().__init__(
            _("Opinion or evaluation of {name}").format(name=name),
            _("Opinions of the receiving organisation and of the branch, the annual evaluation, rewards and "
              "punishments."),
            parent,
        )  # fmt: skip
        self.workspace, self.member_id = workspace, member_id
        self.kind = combo_with_codes([(c.code, c.label()) for c in OPINION_KIND])
        self.add_row("kind", _("What"), self.kind, required=True)
        self.line("date", _("Date"), _today(), required=True)
        self.year = self.line("year", _("Year evaluated"), str(dt.date.today().year - 1))
        self.grade = editable_combo(EVALUATION_GRADES, EVALUATION_GRADES[1])
        self.grade.setEditable(False)
        self.add_row("grade", _("Result"), self.grade)
        text = QPlainTextEdit()
        text.setFixedHeight(90)
        self.add_row("text", _("Text"), text)
        self.line("signed_by", _("Signed by"), "")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        evaluation = self.kind.currentData() == EVALUATION
        for key in ("year", "grade"):
            row = self.rows[key]
            row.setVisible(evaluation)
            label = self.forms[0].labelForField(row)
            if label is not None:
                label.setVisible(evaluation)

    def raw(self) -> dict[str, str]:
        values = super().raw()
        values["grade"] = self.grade.currentText()
        return values

    def save(self) -> None:
        if self.run(lambda raw: flowing.add_opinion(self.workspace, self.member_id, raw)):
            self.accept()


class ReturnDialog(FormDialog):
    def __init__(self, workspace: Workspace, member_id: int, name: str, parent: QWidget | None = None):
        super().__init__(
            _("{name} is back").format(name=name),
            _("The activity book is handed back to the branch. The records stay in the history."),
            parent,
        )
        self.workspace, self.member_id = workspace, member_id
        self.line("date", _("Back on"), _today(), required=True)
        self.line("note", _("Note"), "")

    def save(self) -> None:
        if self.run(
            lambda raw: flowing.register_return(self.workspace, self.member_id, raw["date"], raw["note"])
        ):
            self.accept()


class ReissueDialog(FormDialog):
    def __init__(
        self, workspace: Workspace, member_id: int, name: str, old_number: str, parent: QWidget | None = None
    ):
        super().__init__(
            _("Issue a new activity book to {name}").format(name=name),
            _("The old book {number} becomes void and the new one gets a new number.").format(
                number=old_number or "-"
            ),
            parent,
        )
        self.workspace, self.member_id = workspace, member_id
        self.line("reason", _("Reason for the new book"), _("lost"), required=True)
        self.line("official_number", _("Provincial booklet number"), "", hint=_("leave empty if none"))

    def save(self) -> None:
        if self.run(
            lambda raw: flowing.reissue_book(
                self.workspace, self.member_id, raw["reason"], official_number=raw["official_number"]
            )
        ):
            self.accept()


# --- printing -------------------------------------------------------------------------------------


def pdf_page_images(path: Path, width: int) -> list[QImage]:
    """The PDF's pages as images ``width`` pixels wide, rendered with pypdfium2 (QtPdf is not shipped)."""
    import pypdfium2 as pdfium

    images = []
    document = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            scale = width / page.get_width()
            pil = page.render(scale=scale).to_pil().convert("RGB")
            data = pil.tobytes()
            image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888).copy()
            images.append(image)
            page.close()
    finally:
        document.close()
    return images


class PrintBookDialog(QDialog):
    """打印活动证: choose the layout, see the pages, save the PDF or print it."""

    PREVIEW_WIDTH = 230

    def __init__(
        self, workspace: Workspace, member_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.member_id, self.name = workspace, member_id, name
        self.setWindowTitle(_("Print the activity book"))
        self.saved_path: Path | None = None
        # The preview holds the member's personal data: it lives in this dialog's own temporary folder,
        # which goes when the dialog closes (and, failing that, when the dialog object is collected).
        self._temporary = tempfile.TemporaryDirectory(prefix="dangjian-book-")
        self._preview_file: Path | None = None
        self._preview_result: flowing.PrintResult | None = None
        outer = QVBoxLayout(self)
        outer.addWidget(TitleLabel(_("Activity book of {name}").format(name=name), factor=1.25))
        self.layout_group = QButtonGroup(self)
        try:
            current = flowing.flowing_settings(workspace).book_layout
        except AppError:
            current = "a5"
        for code, label in LAYOUT_LABELS:
            button = QRadioButton(_(label))
            button.setProperty("layout_code", code)
            button.setChecked(code == current)
            self.layout_group.addButton(button)
            outer.addWidget(button)
        self.layout_group.buttonToggled.connect(lambda *_args: self.refresh_preview())
        self.pages = QListWidget()
        self.pages.setViewMode(QListWidget.ViewMode.IconMode)
        self.pages.setIconSize(QSize(self.PREVIEW_WIDTH, int(self.PREVIEW_WIDTH * 1.42)))
        self.pages.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.pages.setMovement(QListWidget.Movement.Static)
        self.pages.setSpacing(8)
        self.pages.setMinimumHeight(360)
        outer.addWidget(self.pages, 1)
        self.info = QLabel()
        self.info.setWordWrap(True)
        outer.addWidget(self.info)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(_("Save as PDF…"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_book)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        for button in (self.save_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        outer.addLayout(buttons)
        self.resize(1000, 700)
        self.refresh_preview()

    def layout_code(self) -> str:
        button = self.layout_group.checkedButton()
        return str(button.property("layout_code")) if button else "a5"

    def _render_to(self, path: Path) -> flowing.PrintResult:
        return flowing.print_book(self.workspace, self.member_id, path, layout=self.layout_code())

    @property
    def preview_folder(self) -> Path:
        return Path(self._temporary.name)

    def refresh_preview(self) -> None:
        self.pages.clear()
        self._preview_file = self.preview_folder / "preview.pdf"
        self._preview_result = None
        try:
            result = self._render_to(self._preview_file)
        except AppError as error:
            self._preview_file.unlink(missing_ok=True)
            self.info.setText(error.message)
            return
        self._preview_result = result
        width = self.PREVIEW_WIDTH * (2 if self.layout_code().startswith("a4-booklet") else 1)
        self.pages.setIconSize(QSize(width, int(self.PREVIEW_WIDTH * 1.42)))
        for number, image in enumerate(pdf_page_images(self._preview_file, width), 1):
            item = QListWidgetItem(str(number))
            item.setIcon(QPixmap.fromImage(image))
            self.pages.addItem(item)
        text = _("Book {number}: {pages} pages.").format(number=result.number, pages=result.pages)
        if self.layout_code() == "a4-booklet":
            text += " " + _(
                "Print on A4 paper, both sides, flipped on the long edge; fold the stack in the middle."
            )
        elif self.layout_code() == "a4-booklet-short":
            text += " " + _(
                "Print on A4 paper, both sides, flipped on the short edge; fold the stack in the middle."
            )
        self.info.setText(text)

    def save_pdf(self) -> None:
        default = Path.home() / flowing.book_file_name(self._number(), self.name)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the activity book"), str(default), _("PDF files (*.pdf)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            if self._preview_file is not None and self._preview_file.is_file():
                shutil.copyfile(self._preview_file, path)  # the pages she saw, not a second rendering
            else:
                self._render_to(path)
        except AppError as error:
            messages.error(self, error.message)
            return
        except OSError as error:
            messages.error(self, _("The file could not be saved: {error}").format(error=error))
            return
        self.saved_path = path
        messages.info(self, _("The activity book is saved as {path}").format(path=path))

    def done(self, result: int) -> None:
        self._remove_preview()
        super().done(result)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self._remove_preview()
        super().closeEvent(event)

    def _remove_preview(self) -> None:
        self._preview_file = None
        self._temporary.cleanup()

    def _number(self) -> str:
        if self._preview_result is not None:
            return self._preview_result.number
        try:
            return flowing.stay_detail(self.workspace, self.member_id).current_book.number  # type: ignore[union-attr]
        except (AppError, AttributeError):
            return ""

    def print_book(self) -> bool:
        """Print the book as previewed; the A4 booklet goes landscape on both sides, flipped on the long
        edge (or the short edge for its short-edge variant). Returns True if it was sent to the printer."""
        if self._preview_file is None or not self._preview_file.is_file():
            return False
        code = self.layout_code()
        name = flowing.book_file_name(self._number(), self.name).removesuffix(".pdf")
        return printing.print_pdf(
            self,
            self._preview_file,
            name=name,
            landscape=code.startswith("a4-booklet"),
            duplex_long_edge=code == "a4-booklet",
            duplex_short_edge=code == "a4-booklet-short",
        )


class DirectoryDialog(QDialog):
    """外出党员通讯录: 打印… and 保存为 PDF…, like every other document, and 导出 Excel… for a sheet to edit."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Directory of members working away"))
        outer = QVBoxLayout(self)
        count = len(flowing.directory_entries(workspace))
        intro = QLabel(
            _(
                "{count} members working away, with their phones, where they are and who receives them. It is "
                "an internal list: keep the paper safe and do not post it."
            ).format(count=count)
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("primary")
        self.print_button.clicked.connect(self.print_directory)
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.excel_button = QPushButton(_("Export Excel…"))
        self.excel_button.clicked.connect(lambda: self.save("xlsx"))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        for button in (self.print_button, self.pdf_button, self.excel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        outer.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)

    def print_directory(self) -> bool:
        try:
            data = flowing.directory_pdf_bytes(self.workspace)
        except AppError as error:
            messages.error(self, error.message)
            return False
        return printing.print_pdf(self, data, name=flowing.directory_file_name().removesuffix(".pdf"))

    def save(self, suffix: str) -> None:
        default = Path.home() / flowing.directory_file_name(suffix)
        kinds = _("PDF files (*.pdf)") if suffix == "pdf" else _("Excel workbook (*.xlsx)")
        title = _("Save as PDF") if suffix == "pdf" else _("Save the directory of members away")
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(default), kinds)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(path.name + f".{suffix}")
        try:
            count = flowing.export_directory(self.workspace, path)
        except AppError as error:
            messages.error(self, error.message)
            return
        messages.info(
            self, _("Directory of {count} members away written to {path}").format(count=count, path=path)
        )
