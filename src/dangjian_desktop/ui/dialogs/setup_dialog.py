"""The branch profile: asked for once at first start, and changed later from the settings page."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import branch as branch_service
from dangjian_desktop.services.branch import BranchProfile
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.members.member_dialog import may_discard_typing
from dangjian_desktop.ui.widgets.forms import ErrorLabel, FieldRow, TitleLabel, form_label, new_form_layout

PROFILE_LABELS: dict[str, str] = {
    "name": N_("Branch name"),
    "township": N_("Township or street Party committee"),
    "county": N_("County or district"),
    "secretary": N_("Secretary's name"),
    "phone": N_("Contact phone"),
    "supervision_phone": N_("Supervision phone"),
}
_PHONE_KEYS = frozenset({"phone", "supervision_phone"})  # shown with the hyphen: 0531-87876543
_PLACEHOLDERS: dict[str, str] = {
    "name": N_("e.g. 中共前进村支部委员会"),
    "township": N_("e.g. 中共城关镇委员会"),
    "county": N_("e.g. 平阴县"),
    "phone": N_("e.g. 13812345678"),
    "supervision_phone": N_("The number people can call about the branch's work"),
}


class SetupDialog(QDialog):
    """Ask for (or correct) the branch profile and save it with ``services.branch.save_profile``."""

    def __init__(
        self, workspace: Workspace, *, first_start: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.first_start = first_start
        self.setWindowTitle(_("Welcome: set up your branch") if first_start else _("Branch profile"))
        self.setModal(True)
        self.editors: dict[str, QLineEdit] = {}
        self.rows: dict[str, FieldRow] = {}

        layout = QVBoxLayout(self)
        if first_start:
            layout.addWidget(TitleLabel(_("Welcome to the Party Affairs Ledger")))
            intro = QLabel(
                _(
                    "First, please tell the program which branch it keeps the ledger for. Only the "
                    "branch name is needed now; the rest can be added later under Settings."
                )
            )
        else:
            intro = QLabel(_("Correct the branch's details and press Save."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)

        form = new_form_layout()
        for key, label in PROFILE_LABELS.items():
            editor = QLineEdit()
            editor.setObjectName(key)
            editor.setMinimumWidth(editor.fontMetrics().horizontalAdvance("中") * 20)
            if key in _PLACEHOLDERS:
                editor.setPlaceholderText(_(_PLACEHOLDERS[key]))
            row = FieldRow(editor)
            self.editors[key] = editor
            self.rows[key] = row
            form.addRow(form_label(_(label), required=key == "name"), row)
        layout.addLayout(form)
        layout.addStretch(1)

        profile = None if first_start else branch_service.load_profile(workspace)
        # the profile's version as this form read it: a save over someone else's later one is refused
        self.loaded_version = profile.version if profile is not None else None
        if profile is not None:
            for key, editor in self.editors.items():
                value = getattr(profile, key)
                editor.setText(format_phone(value) if key in _PHONE_KEYS else value)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            _("Save and start") if first_start else _("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            _("Quit") if first_start else _("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.editors["name"].setFocus()
        char = self.fontMetrics().horizontalAdvance("中")
        self.resize(max(self.sizeHint().width(), char * 42), self.sizeHint().height())
        self._initial = self.profile()

    def profile(self) -> BranchProfile:
        text = {key: editor.text() for key, editor in self.editors.items()}
        return BranchProfile(
            name=text["name"],
            township=text["township"],
            county=text["county"],
            secretary=text["secretary"],
            phone=text["phone"],
            supervision_phone=text["supervision_phone"],
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, row in self.rows.items():
            row.show_error(errors.get(key, ""))
        others = [message for key, message in errors.items() if key not in self.rows]
        self.general_error.show_message("\n".join(others))
        first = next((key for key in self.editors if key in errors), None)
        if first is not None:
            self.editors[first].setFocus()

    def save(self) -> None:
        try:
            branch_service.save_profile(self.workspace, self.profile(), expected_version=self.loaded_version)
        except FieldErrors as errors:
            self.show_errors(errors.errors)
            return
        except AppError as error:
            self.show_errors({})
            self.general_error.show_message(error.message)  # stays in sight, with what she typed
            messages.error(self, error.message)
            return
        self._initial = self.profile()
        self.accept()

    def reject(self) -> None:
        """Esc or Quit with the profile half typed asks first, as the member form does."""
        if self.profile() != self._initial and not may_discard_typing(self):
            return
        super().reject()
