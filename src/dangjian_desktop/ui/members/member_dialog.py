"""The form to add a member or correct one: every field of the roster, mistakes shown in red next to
the field they concern, and nothing typed is ever lost.

The form pieces (a field with its error line, a title label) are the shared ones in ``ui/widgets/forms.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.choices import (
    CATEGORY,
    DUES_CATEGORY,
    EDUCATION_SUGGESTIONS,
    ETHNICITY_DEFAULT,
    OFFICE_SUGGESTIONS,
    SEX,
)
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.members import FIELD_LABELS, MemberData, field_label
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.widgets.forms import (
    ErrorLabel,
    FieldRow,
    combo_with_codes,
    editable_combo,
    form_label,
    new_form_layout,
    select_code,
)

# The 56 ethnic groups, 汉族 first; the box stays editable for anything else.
ETHNIC_GROUPS = (
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
)

_LEFT_COLUMN = (
    "name",
    "id_number",
    "sex",
    "birth_date",
    "ethnicity",
    "education",
    "occupation",
    "phone",
    "address",
)
_RIGHT_COLUMN = (
    "category",
    "joined_date",
    "full_member_date",
    "party_group",
    "office",
    "dues_category",
    "flowing",
    "away_place",
    "holds_activity_book",
    "notes",
)
FORM_ORDER = (*_LEFT_COLUMN, *_RIGHT_COLUMN)
REQUIRED = ("name", "id_number")


# ----- small shared form helpers ----------------------------------------------------------------------


class MemberDialog(QDialog):
    """Add a member (``member_id`` None) or correct one."""

    def __init__(
        self, workspace: Workspace, member_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.member_id = member_id
        self.saved_record: member_service.MemberRecord | None = None
        self.setWindowTitle(_("Add a member") if member_id is None else _("Correct a member's details"))
        self.setModal(True)

        self.editors: dict[str, QWidget] = {}
        self.rows: dict[str, FieldRow] = {}
        self._build()
        # the member's version as this form read it: a save over someone else's later one is refused
        self.loaded_version: int | None = None
        if member_id is not None:
            loaded = member_service.get_member(workspace, member_id)
            self.loaded_version = loaded.version
            self._fill(loaded.data)
        self._initial = self.raw_values()

    # ----- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Fields marked * must be filled in; fill in the others as far as you know them. "
                "Dates may be written as 1990-01-01, 1990.1 or 1990年1月."
            )
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.general_error = ErrorLabel()
        outer.addWidget(self.general_error)

        content = QWidget()
        columns = QHBoxLayout()
        columns.setSpacing(24)
        left, right = new_form_layout(), new_form_layout()
        for keys, form in ((_LEFT_COLUMN, left), (_RIGHT_COLUMN, right)):
            for key in keys:
                self._add_row(form, key)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        body = QVBoxLayout(content)
        body.setContentsMargins(4, 4, 12, 4)
        body.addLayout(columns)
        body.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        outer.addWidget(self.scroll_area, 1)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        outer.addWidget(buttons)

        flowing = self.editors["flowing"]
        assert isinstance(flowing, QCheckBox)
        flowing.toggled.connect(self.editors["away_place"].setEnabled)
        self.editors["away_place"].setEnabled(False)
        self._fit_to_screen(content)

    def _fit_to_screen(self, content: QWidget) -> None:
        """Wide enough for the messages to stay on one or two lines; never taller than a 768-pixel screen."""
        wanted = content.sizeHint()
        char = self.fontMetrics().horizontalAdvance("中")
        width = max(wanted.width() + 60, char * 62)
        height = min(wanted.height() + 170, 720)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and screen.width() >= 1024:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 40)
        self.resize(width, height)

    def _add_row(self, form: QFormLayout, key: str) -> None:
        editor = self._make_editor(key)
        editor.setObjectName(key)
        row = FieldRow(editor)
        self.editors[key] = editor
        self.rows[key] = row
        form.addRow(form_label(field_label(key), key in REQUIRED), row)

    def _make_editor(self, key: str) -> QWidget:
        if key == "sex":
            return combo_with_codes([("", _("From the ID number")), *((c.code, c.label()) for c in SEX)])
        if key == "ethnicity":
            return editable_combo(ETHNIC_GROUPS, ETHNICITY_DEFAULT)
        if key == "education":
            return editable_combo(("", *EDUCATION_SUGGESTIONS))
        if key == "category":
            return combo_with_codes([(c.code, c.label()) for c in CATEGORY])
        if key == "party_group":
            groups = member_service.party_groups(self.workspace) if self.workspace.branch_id else []
            return editable_combo(("", *groups))
        if key == "office":
            combo = editable_combo((no_office_text(), *OFFICE_SUGGESTIONS))
            combo.setCurrentIndex(0)
            return combo
        if key == "dues_category":
            return combo_with_codes([("", _("Not given")), *((c.code, c.label()) for c in DUES_CATEGORY)])
        if key in ("flowing", "holds_activity_book"):
            return QCheckBox(_("Yes"))
        if key == "notes":
            notes = QPlainTextEdit()
            notes.setTabChangesFocus(True)
            notes.setFixedHeight(notes.fontMetrics().lineSpacing() * 2 + 16)
            return notes
        line = QLineEdit()
        placeholders = {
            "id_number": _("18 digits; the last one may be X"),
            "birth_date": _("May be left empty: taken from the ID number"),
            "joined_date": _("e.g. 2005-07-01 or 2005.7"),
            "full_member_date": _("e.g. 2006-07-01; empty for a probationary member"),
            "phone": _("e.g. 13812345678"),
            "away_place": _("e.g. 浙江省宁波市"),
        }
        line.setPlaceholderText(placeholders.get(key, ""))
        return line

    # ----- values in and out -------------------------------------------------------------------------

    def _fill(self, data: MemberData) -> None:
        values = data.as_dict()
        for key, editor in self.editors.items():
            value = values.get(key)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif key in ("sex", "category", "dues_category"):
                assert isinstance(editor, QComboBox)
                select_code(editor, str(value or ""))
            elif key == "office":
                assert isinstance(editor, QComboBox)
                editor.setCurrentText(str(value) if value else no_office_text())
            elif isinstance(editor, QComboBox):
                editor.setCurrentText("" if value is None else str(value))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText("" if value is None else str(value))
            elif isinstance(editor, QLineEdit):
                text = "" if value is None else str(value)
                editor.setText(format_phone(text) if key == "phone" else text)

    def raw_values(self) -> dict[str, object]:
        """What the form holds, as typed; the service checks and converts it."""
        raw: dict[str, object] = {}
        for key in FIELD_LABELS:
            editor = self.editors[key]
            if isinstance(editor, QCheckBox):
                raw[key] = editor.isChecked()
            elif key in ("sex", "category", "dues_category"):
                assert isinstance(editor, QComboBox)
                raw[key] = editor.currentData() or ""
            elif key == "office":
                assert isinstance(editor, QComboBox)
                text = editor.currentText().strip()
                raw[key] = "" if text in (no_office_text(), _("None")) else text
            elif isinstance(editor, QComboBox):
                raw[key] = editor.currentText()
            elif isinstance(editor, QPlainTextEdit):
                raw[key] = editor.toPlainText()
            elif isinstance(editor, QLineEdit):
                raw[key] = editor.text()
        return raw

    # ----- saving ------------------------------------------------------------------------------------

    def show_errors(self, errors: Mapping[str, str]) -> None:
        others = [message for key, message in errors.items() if key not in self.rows]
        for key, row in self.rows.items():
            row.show_error(errors.get(key, ""))
        if errors:
            self.general_error.show_message(
                "\n".join([_("Please correct the fields marked in red, then save again."), *others])
            )
        else:
            self.general_error.show_message("")
        first = next((key for key in FORM_ORDER if key in errors), None)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(self.rows[first])
            self.editors[first].setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        raw = self.raw_values()
        try:
            if self.member_id is None:
                record = member_service.add_member(self.workspace, raw)
            else:
                record = member_service.update_member(
                    self.workspace, self.member_id, raw, expected_version=self.loaded_version
                )
        except FieldErrors as errors:
            self.show_errors(errors.errors)
            return
        except AppError as error:
            self.show_errors({})
            self.general_error.show_message(error.message)  # stays in sight, with what she typed
            messages.error(self, error.message)
            return
        self.show_errors({})
        self.saved_record = record
        if record.data.warnings:
            messages.info(self, "\n".join(record.data.warnings))
        self._initial = raw
        self.accept()

    def reject(self) -> None:
        """Closing a form with unsaved typing asks first: a misclick must not throw work away."""
        if self.raw_values() != self._initial and not may_discard_typing(self):
            return
        super().reject()


def may_discard_typing(parent: QWidget) -> bool:
    """Ask whether a form with unsaved typing may be closed (Esc, the close button, Cancel)."""
    return messages.confirm(
        parent,
        _("What you typed has not been saved. Close the form without saving?"),
        yes_text=_("Close without saving"),
        no_text=_("Keep filling in"),
    )


def no_office_text() -> str:
    return _("None (member without office)")
