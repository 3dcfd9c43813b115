"""核定标准: declaring the members' monthly dues for a year, one at a time or many at once."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QDialog, QInputDialog, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.i18n import N_, _, table_date
from dangjian_desktop.services import dues
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.dues.common import UNDECLARED_COLOUR, DuesTab, Export, default_first_month
from dangjian_desktop.ui.dues.standard_dialog import StandardDialog
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout, kept_together
from dangjian_desktop.ui.widgets.kit import action_button, fit_columns, money_text, row_table, table_cell


def _standard_cells(row: dues.StandardRow) -> list[str]:
    s = row.standard
    if s is None:
        return [row.name, row.party_group, _("Not declared"), "", "", "", "", ""]
    return [
        row.name,
        row.party_group,
        s.category_label,
        money_text(s.income),
        money_text(s.amount),
        str(s.from_month),
        table_date(s.declared_on),
        s.basis + (f"  {s.note}" if s.note else ""),
    ]


class StandardsTab(DuesTab):
    """核定标准: one member or many at once (Ctrl/Shift to choose several), farmers in one click, last
    year's standards carried over, or each member's roster category taken as it is."""

    COLUMNS = (
        N_("Name"),
        N_("Party group"),
        N_("Category"),
        N_("Monthly income"),
        N_("Monthly standard"),
        N_("From month"),
        N_("Declared on"),
        N_("Basis"),
    )

    def __init__(self, workspace: Workspace, export: Export, parent: QWidget | None = None) -> None:
        super().__init__(workspace, export, parent)
        self.rows: list[dues.StandardRow] = []
        self._farmer_amount = rules.DEFAULT_FARMER_AMOUNT
        layout = QVBoxLayout(self)
        top = FlowLayout()  # goes on to a second line at large text, never sideways
        self.year = self.year_box()
        top.addWidget(kept_together(_("Year:"), self.year))
        self.declare_button = action_button(_("Declare…"), self.declare_selected, top)
        self.declare_button.setObjectName("primary")
        self.farmer_button = action_button("", self.declare_selected_farmers, top)
        top.add_stretch()
        self.count_label = QLabel()
        top.addWidget(self.count_label)
        layout.addLayout(top)
        more = FlowLayout()  # a second row: one row of buttons would be wider than the window at large text
        self.carry_button = action_button(_("Carry over last year's standards"), self.carry_forward, more)
        self.carry_button.setToolTip(
            _("For every member not yet declared this year: same category and income")
        )
        self.roster_button = action_button(_("Use the roster's category"), self.declare_from_roster, more)
        self.roster_button.setToolTip(
            _(
                "For the chosen members (or everyone not yet declared): the work / income category of the roster"
            )
        )
        self.opening_button = action_button(_("Paper-book note…"), self.edit_opening_note, more)
        self.opening_button.setToolTip(
            _("What the paper book says about this member's dues before the program's ledger starts")
        )
        layout.addLayout(more)
        note = QLabel(
            _(
                "The standard is declared once a year (2017 notice); choose several members with Ctrl or "
                "Shift to declare them together. Income is never printed on public notices."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = row_table([_(c) for c in self.COLUMNS])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(lambda _i: self.declare_selected())
        self.table.installEventFilter(self)  # Enter on the chosen rows: 核定… for them, as a double-click
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.selected_rows()
        ):
            self.declare_selected()
            return True
        return super().eventFilter(watched, event)

    def reload(self) -> None:
        self.rows = dues.standards_for_year(self.workspace, self.year.value())
        self._farmer_amount = dues.dues_settings(self.workspace).farmer_amount
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            for column, text in enumerate(_standard_cells(row)):
                item = table_cell(text, row.member_id if column == 0 else None, right=column in (3, 4))
                if row.standard is None:
                    item.setBackground(QBrush(UNDECLARED_COLOUR))
                self.table.setItem(index, column, item)
        fit_columns(self.table)
        missing = sum(1 for row in self.rows if row.standard is None)
        self.count_label.setText(_("{count} members not declared").format(count=missing) if missing else "")
        self._update_buttons()

    def farmer_amount(self) -> Decimal:
        """The branch's amount for farmers (业务设置), as read with the list."""
        return self._farmer_amount

    def _update_buttons(self) -> None:
        count = len(self.selected_rows())
        self.farmer_button.setText(
            _("All chosen as farmers ({amount} yuan a month)").format(amount=money_text(self.farmer_amount()))
            if count != 1
            else _("As a farmer ({amount} yuan a month)").format(amount=money_text(self.farmer_amount()))
        )
        self.farmer_button.setEnabled(count > 0)
        self.opening_button.setEnabled(count == 1)

    def selected_rows(self) -> list[dues.StandardRow]:
        chosen = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.rows[i] for i in chosen if 0 <= i < len(self.rows)]

    def declare_selected(self) -> None:
        chosen = self.selected_rows()
        if not chosen:
            messages.info(self, _("Choose a member in the list first."))
            return
        dialog = StandardDialog(self.workspace, chosen, self.year.value(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()

    def declare_selected_farmers(self) -> None:
        """所选党员都按农民核定 (每月 X 元), from January or the month the ledger starts."""
        chosen = self.selected_rows()
        if not chosen:
            return
        year = self.year.value()
        first = default_first_month(self.workspace, year)
        question = _("Declare {count} members as farmers, {amount} yuan a month from {month}?").format(
            count=len(chosen), amount=money_text(self.farmer_amount()), month=first.label()
        )
        if not messages.confirm(self, question, _("Declare")):
            return
        self._declare(chosen, "farmer", first)

    def _declare(self, chosen: Sequence[dues.StandardRow], category: str, first: Month) -> bool:
        declared = self.attempt(
            lambda: dues.declare_standards(
                self.workspace,
                [r.member_id for r in chosen],
                year=self.year.value(),
                category=category,
                from_month=first,
            )
        )
        if declared is None:
            return False
        self.changed.emit()
        return True

    def declare_from_roster(self) -> None:
        """Each chosen member (or each one not yet declared) by the category the roster gives; members of
        an income category need their income typed in the 核定 dialog, so they are named, not guessed."""
        chosen = self.selected_rows() or [r for r in self.rows if r.standard is None]
        first = default_first_month(self.workspace, self.year.value())
        by_category: dict[str, list[dues.StandardRow]] = {}
        left: list[str] = []
        for row in chosen:
            if row.roster_category in rules.FIXED_CATEGORIES:
                by_category.setdefault(row.roster_category, []).append(row)
            else:
                left.append(row.name)
        done = 0
        for category, rows in by_category.items():
            if not self._declare(rows, category, first):
                return
            done += len(rows)
        text = _("{count} members were declared by their roster category.").format(count=done)
        if left:
            text += " " + _(
                "Not declared (employed, retired or no category on the roster: the income is needed): {names}."
            ).format(names="、".join(left))
        messages.info(self, text)

    def edit_opening_note(self) -> None:
        chosen = self.selected_rows()
        if len(chosen) != 1:
            return
        row = chosen[0]
        current = dues.opening_notes(self.workspace).get(row.member_id, "")
        text, ok = QInputDialog.getText(
            self,
            _("Paper-book note"),
            _(
                "{name}: what the paper book says about the months before this program's ledger "
                "(e.g. 2026年1–11月已在纸质台账交清). It is printed on the year sheet."
            ).format(name=row.name),
            text=current,
        )
        if (
            ok
            and self.attempt(lambda: dues.set_opening_note(self.workspace, row.member_id, text)) is not None
        ):
            self.changed.emit()

    def carry_forward(self) -> None:
        count = self.attempt(lambda: dues.carry_forward_standards(self.workspace, self.year.value()))
        if count is None:
            return
        messages.info(
            self, _("{count} members were declared with last year's category and income.").format(count=count)
        )
        self.changed.emit()
