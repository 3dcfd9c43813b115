"""Above the notices: the matters the township asked the branch to make public (its "notice" decisions,
brought back with its reply, 设置 → 与乡镇交换). Hidden while there are none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.exchange import NOTICE
from dangjian_desktop.i18n import _, table_date
from dangjian_desktop.services import exchange
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.widgets.text_size import bold_font

SHOWN = 4  # the newest few; the rest are in 设置 → 与乡镇交换


class TownshipNoticesBox(QFrame):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("townshipNotices")
        self.setStyleSheet(
            "QFrame#townshipNotices { background: #eef4fb; border: 1px solid #b8cde6; border-radius: 6px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        self.heading = QLabel(_("The township asks the branch to make these public:"))
        self.heading.setFont(bold_font())
        self.heading.setStyleSheet("color: #1a5fb4;")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.lines)
        self.hide()

    def reload(self) -> None:
        found = exchange.decisions(self.workspace, kind=NOTICE)
        texts = []
        for decision in found[:SHOWN]:
            text = f"• {table_date(decision.decided_on)}　{decision.subject}"
            if decision.details:
                text += f"：{decision.details}"
            if decision.decided_by:
                text += _(" ({who})").format(who=decision.decided_by)
            texts.append(text)
        if len(found) > SHOWN:
            texts.append(
                _("… and {count} more under Settings → Exchange with the township.").format(
                    count=len(found) - SHOWN
                )
            )
        self.lines.setText("\n".join(texts))
        self.setVisible(bool(found))

    def line_texts(self) -> list[str]:
        return self.lines.text().splitlines() if not self.isHidden() else []
