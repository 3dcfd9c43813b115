"""A member's history: status changes (entered, left, returned, deleted, restored), then every recorded
change of the details, as simple HTML in big text."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from dangjian_desktop.domain.choices import CATEGORY, DUES_CATEGORY, MEMBER_STATUS, SEX
from dangjian_desktop.domain.idnumber import mask_id_number, mask_phone
from dangjian_desktop.domain.members import EVENT_LABELS, field_label
from dangjian_desktop.i18n import N_, _, format_date
from dangjian_desktop.services import audit_log
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services.audit_log import AuditRecord
from dangjian_desktop.services.members import MemberHistoryEntry, RosterRow
from dangjian_desktop.services.workspace import Workspace

_AUDIT_ACTIONS = {
    "insert": N_("Entered"),
    "update": N_("Corrected"),
    "import": N_("Imported from a sheet"),
    "left": N_("Left the roster"),
    "returned": N_("Returned to the roster"),
    "deleted": N_("Deleted"),
    "restored": N_("Restored"),
}


class HistoryDialog(QDialog):
    """What happened to a member: status changes, then every recorded change of the details."""

    def __init__(
        self, workspace: Workspace, row: RosterRow, *, masked: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History of {name}").format(name=row.name))
        events = member_service.member_history(workspace, row.id)
        changes = audit_log.recent_entries(workspace, table="member", record_id=row.id)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(history_html(row, events, changes, masked=masked))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox()
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        width = self.fontMetrics().horizontalAdvance("中") * 46
        self.resize(width, int(width * 0.7))


def _value_text(key: str, value: object, masked: bool = True) -> str:
    if value is None or value == "":
        return _("(empty)")
    if masked and key == "id_number":
        return mask_id_number(str(value))
    if masked and key == "phone":
        return mask_phone(str(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if key == "status":
        return MEMBER_STATUS.label(str(value))
    for field_key, choices in (("sex", SEX), ("category", CATEGORY), ("dues_category", DUES_CATEGORY)):
        if key == field_key:
            return choices.label(str(value))
    return str(value)


def _key_label(key: str) -> str:
    extra = {
        "status": N_("Status"),
        "status_date": N_("Date of the status"),
        "status_reason": N_("Reason for the status"),
    }
    return _(extra[key]) if key in extra else field_label(key)


def history_html(
    row: RosterRow,
    events: Sequence[MemberHistoryEntry],
    changes: Sequence[AuditRecord],
    *,
    masked: bool = True,
) -> str:
    """The history as simple HTML (a QTextBrowser shows it; big text, no tiny table grid)."""
    none_recorded = html.escape(_("None recorded."))
    parts = ["<h3>" + html.escape(_("Status changes")) + "</h3>"]
    if not events:
        parts.append(f"<p>{none_recorded}</p>")
    for event in events:
        label = _(EVENT_LABELS.get(event.kind, event.kind))
        line = f"<b>{html.escape(format_date(event.event_date, 'long'))}</b> {html.escape(label)}"
        if event.kind == "left":
            line += f"（{html.escape(MEMBER_STATUS.label(event.status_after))}）"
        if event.reason:
            line += f"：{html.escape(event.reason)}"
        recorded = _("recorded {at} by {user}").format(
            at=event.recorded_at.strftime("%Y-%m-%d %H:%M"), user=event.recorded_by
        )
        parts.append(f"<p>{line}<br/><span style='color:#555'>{html.escape(recorded)}</span></p>")
    parts.append("<h3>" + html.escape(_("Changes to the details")) + "</h3>")
    if not changes:
        parts.append(f"<p>{none_recorded}</p>")
    for change in changes:
        action = _(_AUDIT_ACTIONS.get(change.action, change.action))
        head = (
            f"<b>{html.escape(change.at.strftime('%Y-%m-%d %H:%M'))}</b> {html.escape(action)}"
            f" <span style='color:#555'>({html.escape(change.user)})</span>"
        )
        lines = []
        if change.action == "update" or (change.before and change.after):
            before, after = change.before or {}, change.after or {}
            for key in after:
                lines.append(
                    f"{html.escape(_key_label(key))}：{html.escape(_value_text(key, before.get(key), masked))}"
                    f" → {html.escape(_value_text(key, after.get(key), masked))}"
                )
        parts.append(f"<p>{head}" + "".join(f"<br/>{line}" for line in lines) + "</p>")
    return "\n".join(parts)
