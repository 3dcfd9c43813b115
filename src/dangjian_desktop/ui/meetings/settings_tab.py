"""The organisation-life settings tab: how often each kind of meeting is due, and the evaluation grades."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.meetings import FREQUENCY, MEETING_KIND
from dangjian_desktop.i18n import _
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.meetings.common import primary_button
from dangjian_desktop.ui.widgets.forms import (
    ErrorLabel,
    combo_with_codes,
    form_label,
    new_form_layout,
    select_code,
)
from dangjian_desktop.ui.widgets.kit import Tab


class SettingsTab(Tab):
    """How often each kind of meeting is due, and the grades of the democratic evaluation."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        # The settings scroll within the tab when the text is large, so that this tab, the tallest,
        # does not make the whole page taller than the other tabs need (and squeeze the note below).
        content = QWidget()
        layout = QVBoxLayout(content)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.viewport().setAutoFillBackground(False)  # the tab's own background shows, as before
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout.addWidget(self._frequency_box())
        grades_box = QGroupBox(_("Grades of the democratic evaluation"))
        grades_layout = QVBoxLayout(grades_box)
        self.grades = QLineEdit()
        grades_layout.addWidget(self.grades)
        grades_layout.addWidget(QLabel(_("Best first, separated by 、")))
        layout.addWidget(grades_box)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        row.addWidget(primary_button(_("Save the settings"), self.save))
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def _frequency_box(self) -> QGroupBox:
        box = QGroupBox(_("How often each kind of meeting is held"))
        box_layout = QVBoxLayout(box)
        # Two columns side by side (三会一课 on the left, the others on the right), not seven rows one
        # under the other: at the standard text size the whole tab fits a 1366×768 screen.
        columns = QHBoxLayout()
        columns.setSpacing(40)
        kinds = list(MEETING_KIND)
        half = (len(kinds) + 1) // 2
        self.frequency: dict[str, QComboBox] = {}
        for part in (kinds[:half], kinds[half:]):
            form = new_form_layout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            for choice in part:
                combo = combo_with_codes([(c.code, c.label()) for c in FREQUENCY])
                self.frequency[choice.code] = combo
                form.addRow(form_label(choice.label()), combo)
            columns.addLayout(form)
        columns.addStretch(1)
        box_layout.addLayout(columns)
        note = QLabel(
            _(
                "The 2018 branch work regulations: members' meeting quarterly, committee and Party group "
                "monthly, theme Party day monthly, organisation life meeting yearly. Quarterly Party "
                "lectures are common local practice."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        box_layout.addWidget(note)
        return box

    def reload(self) -> None:
        table = service.frequencies(self.workspace)
        for kind, combo in self.frequency.items():
            select_code(combo, table.get(kind, rules.NOT_REQUIRED))
        self.grades.setText("、".join(service.evaluation_grades(self.workspace)))
        self.error_label.show_message("")

    def save(self) -> None:
        try:
            for kind, combo in self.frequency.items():
                service.set_frequency(self.workspace, kind, str(combo.currentData()))
            service.set_evaluation_grades(self.workspace, self.grades.text())
        except AppError as error:
            self.error_label.show_message(error.message)
            return
        self.error_label.show_message("")
        messages.info(self, _("The settings were saved."))
        self.changed.emit()
