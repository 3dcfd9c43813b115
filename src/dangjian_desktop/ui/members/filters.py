"""The roster's dropdown filters (who is listed: on the roster, left it, deleted; category, party group,
office, working away) and the button that shows everyone again, on a line that wraps when narrow."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from dangjian_desktop.domain.choices import CATEGORY
from dangjian_desktop.i18n import _
from dangjian_desktop.ui.members.table_model import (
    DELETED_ENTRIES,
    HOLDS_OFFICE,
    LEFT_ROSTER,
    NO_OFFICE,
    ON_ROSTER,
    MemberTableModel,
    RosterFilter,
)
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout
from dangjian_desktop.ui.widgets.forms import combo_with_codes

_ALL = "__all__"
_NO_GROUP = "__none__"


class RosterFilters:
    """The filter boxes in ``layout``; ``on_change`` is called when she picks another choice, ``on_clear``
    when she presses 'Show everyone'."""

    def __init__(self, on_change: Callable[[], None], on_clear: Callable[[], None]) -> None:
        self.status_filter = combo_with_codes(
            [
                (ON_ROSTER, _("Members on the roster")),
                (LEFT_ROSTER, _("Members who left the roster")),
                (DELETED_ENTRIES, _("Deleted entries")),
            ]
        )
        self.category_filter = combo_with_codes(
            [(_ALL, _("All categories")), *((c.code, c.label()) for c in CATEGORY)]
        )
        self.group_filter = combo_with_codes([(_ALL, _("All party groups"))])
        self.office_filter = combo_with_codes(
            [
                (_ALL, _("Office: any")),
                (HOLDS_OFFICE, _("Holds an office")),
                (NO_OFFICE, _("Without office (无职党员)")),
            ]
        )
        self.away_filter = combo_with_codes(
            [(_ALL, _("Away: any")), ("yes", _("Working away")), ("no", _("At home"))]
        )
        self.combos = (
            self.status_filter,
            self.category_filter,
            self.group_filter,
            self.office_filter,
            self.away_filter,
        )
        for combo in self.combos:
            # As wide as the longest choice, so whichever is chosen is read in full.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(on_change)
        self.on_change = on_change
        self.layout = FlowLayout()
        show = QWidget()  # the label stays with its box when the line wraps
        show_layout = QHBoxLayout(show)
        show_layout.setContentsMargins(0, 0, 0, 0)
        show_layout.setSpacing(8)
        show_layout.addWidget(QLabel(_("Show:")))
        show_layout.addWidget(self.status_filter)
        self.layout.addWidget(show)
        for combo in (self.category_filter, self.group_filter, self.office_filter, self.away_filter):
            self.layout.addWidget(combo)
        self.clear_button = QPushButton(_("Show everyone"))
        self.clear_button.clicked.connect(on_clear)
        self.layout.addWidget(self.clear_button)

    def current(self) -> RosterFilter:
        category = self.category_filter.currentData()
        group = self.group_filter.currentData()
        office = self.office_filter.currentData()
        away = self.away_filter.currentData()
        return RosterFilter(
            scope=self.status_filter.currentData() or ON_ROSTER,
            category=None if category in (None, _ALL) else category,
            party_group=None if group in (None, _ALL) else "" if group == _NO_GROUP else group,
            office=None if office in (None, _ALL) else office,
            away=None if away in (None, _ALL) else away == "yes",
        )

    def reset(self) -> None:
        """Every box back to its first choice, quietly (the caller filters once afterwards)."""
        for combo in self.combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)

    def refresh_groups(self, model: MemberTableModel) -> None:
        """The party groups of the members just read, in their natural order; a group chosen that no
        longer exists falls back to all groups."""
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItem(_("All party groups"), _ALL)
        for group in model.party_groups():  # in their natural order
            self.group_filter.addItem(group, group)
        if any(not r.party_group for r in model.rows()):
            self.group_filter.addItem(_("No party group"), _NO_GROUP)
        position = self.group_filter.findData(current)
        self.group_filter.setCurrentIndex(max(position, 0))
        self.group_filter.blockSignals(False)
        if position < 0 and current not in (None, _ALL):
            self.on_change()
