"""上报数据到乡镇: what the file will hold before it is saved — its number, the records per area, when the
township last took a file — and 保存… (where: the USB stick if one is plugged in)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _, format_date, format_number
from dangjian_desktop.services import exchange
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.exchange import places
from dangjian_desktop.ui.widgets.forms import TitleLabel, dialog_buttons

SUFFIX = ".zip"


def _when_sent(preview: exchange.Preview) -> str:
    if preview.last_sent is None:
        return _("This is the branch's first report to the township.")
    return _("The last report was written on {date}.").format(
        date=format_date(preview.last_sent.date(), "long")
    )


def _when_taken(preview: exchange.Preview) -> str:
    if preview.last_accepted is None:
        return _("No reply from the township has said yet that it took a report.")
    when = format_date(preview.last_accepted_at.date(), "long") if preview.last_accepted_at else ""
    return _("The township took report No. {number} on {date}.").format(
        number=preview.last_accepted, date=when
    )


class PreviewDialog(QDialog):
    """The next report, shown before it is saved. ``sent`` holds the result once 保存 wrote the file;
    ``last_folder`` is where the file dialog starts when no USB stick is plugged in (and where it was saved)."""

    def __init__(
        self,
        workspace: Workspace,
        preview: exchange.Preview,
        last_folder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.preview = preview
        self.last_folder = last_folder
        self.sent: exchange.Sent | None = None
        self.setWindowTitle(_("Send the data to the township"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(TitleLabel(_("Report No. {number}").format(number=preview.sequence), factor=1.3))
        self.branch_label = QLabel(
            _("{branch} (code {code})").format(branch=preview.branch_name, code=preview.code)
        )
        self.branch_label.setWordWrap(True)
        layout.addWidget(self.branch_label)
        intro = QLabel(_("The file holds every record of the branch:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._counts(preview.areas))
        self.total_label = QLabel(
            _("In all {count} records.").format(count=format_number(sum(preview.areas.values())))
        )
        layout.addWidget(self.total_label)
        self.history_label = QLabel(_when_sent(preview) + "\n" + _when_taken(preview))
        self.history_label.setWordWrap(True)
        layout.addWidget(self.history_label)
        self.name_label = QLabel(_("File name: {name}").format(name=preview.file_name))
        self.name_label.setWordWrap(True)
        layout.addWidget(self.name_label)
        self.buttons = dialog_buttons(self, _("Save…"), self.save)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not workspace.read_only)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _counts(self, areas: dict[str, int]) -> QFrame:
        """The records per area in two columns of "area … count" (short enough for a 768-pixel screen at
        the largest text)."""
        frame = QFrame()
        frame.setObjectName("card")
        grid = QGridLayout(frame)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        self.count_labels: dict[str, QLabel] = {}
        half = (len(areas) + 1) // 2
        for index, (area, count) in enumerate(areas.items()):
            row, column = index % half, (index // half) * 3
            number = QLabel(format_number(count))
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(QLabel(area), row, column)
            grid.addWidget(number, row, column + 1)
            self.count_labels[area] = number
        grid.setColumnMinimumWidth(2, 24)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(5, 1)
        return frame

    def area_counts(self) -> dict[str, int]:
        """The counts shown, by area (for tests)."""
        return {area: int(label.text().replace(",", "")) for area, label in self.count_labels.items()}

    def save(self) -> bool:
        """Ask where (the USB stick if plugged in), write the file; the dialog closes when it is written."""
        start = places.start_folder(self.last_folder) / self.preview.file_name
        name, _chosen = QFileDialog.getSaveFileName(
            self, _("Where to save the file for the township"), str(start), _("Exchange files (*.zip)")
        )
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        try:
            self.sent = exchange.export_branch(self.workspace, path)
        except AppError as error:
            messages.error(self, error.message)
            return False
        self.last_folder = str(path.parent)
        self.accept()
        return True
