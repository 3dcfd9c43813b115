"""添加答复…: one decision of the township for a branch — its kind (批准, 乡镇已收到上缴党费, 要求公开的事项),
for a hand-up confirmation the branch's hand-up it confirms, what was decided, details, the day and who
decided. It reaches the village with the next reply file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services.exchange import HandUpRow
from dangjian_desktop.ui.widgets.forms import FormDialog, combo_with_codes
from dangjian_desktop.ui.widgets.kit import date_edit, money_text, to_date

AddDecision = Callable[..., object]  # add(kind=, subject=, details=, refers_to=, decided_on=, decided_by=)


def handup_text(handup: HandUpRow) -> str:
    return _("{date}: {amount} yuan to {receiver}").format(
        date=handup.handed_on.isoformat(), amount=money_text(handup.amount), receiver=handup.receiver
    )


def handup_subject(handup: HandUpRow) -> str:
    return _("Received the dues handed up on {date}: {amount} yuan").format(
        date=handup.handed_on.isoformat(), amount=money_text(handup.amount)
    )


class DecisionDialog(FormDialog):
    def __init__(
        self,
        branch: str,
        handups: Sequence[HandUpRow],
        add: AddDecision,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(
            _("Add a reply"),
            _("For {branch}. It goes to the village with the next reply file.").format(branch=branch),
            parent,
        )
        self.handups = list(handups)
        self.add = add
        self._auto_subject = ""
        kinds = [(code, _(title)) for code, title in rules.DECISION_KINDS.items()]
        self.kind = combo_with_codes(kinds)
        self.add_row("kind", _("Kind:"), self.kind, required=True)
        self.handup = combo_with_codes([(h.public_id, handup_text(h)) for h in self.handups])
        if not self.handups:
            self.handup.addItem(_("(the branch's files hold no hand-up yet)"), "")
        self.add_row("handup", _("Hand-up it confirms:"), self.handup, required=True)
        self.subject = self.line("subject", _("What was decided:"), required=True)
        self.details = QPlainTextEdit()
        self.details.setFixedHeight(self.details.fontMetrics().height() * 4 + 16)
        self.add_row("details", _("Details:"), self.details)
        self.decided_on = date_edit(today or dt.date.today())
        self.add_row("decided_on", _("Decided on:"), self.decided_on, required=True)
        self.decided_by = self.line("decided_by", _("Decided by:"), hint=_("e.g. 城关镇党委 王明"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.handup.currentIndexChanged.connect(self._suggest_subject)
        self._kind_changed()
        self.setMinimumWidth(720)

    def choose_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def _kind_changed(self) -> None:
        confirms = self.kind.currentData() == rules.HANDUP
        self.form.setRowVisible(self.rows["handup"], confirms)
        self._suggest_subject()

    def _suggest_subject(self) -> None:
        """For a confirmation, what was decided reads itself off the hand-up, unless she typed her own."""
        if self.subject.text() not in ("", self._auto_subject):
            return
        index = self.handup.currentIndex()
        chosen = self.kind.currentData() == rules.HANDUP and 0 <= index < len(self.handups)
        self._auto_subject = handup_subject(self.handups[index]) if chosen else ""
        self.subject.setText(self._auto_subject)

    def _save(self, raw: dict[str, str]) -> object:
        kind = raw["kind"]
        refers_to = None
        if kind == rules.HANDUP:
            refers_to = raw["handup"] or None
            if refers_to is None:
                raise FieldErrors({"handup": _("Choose the hand-up this confirms.")})
        return self.add(
            kind=kind,
            subject=raw["subject"],
            details=raw["details"],
            refers_to=refers_to,
            decided_on=to_date(self.decided_on.date()),
            decided_by=raw["decided_by"],
        )

    def save(self) -> None:
        if self.run(self._save) and self.result_value is not None:
            self.accept()
