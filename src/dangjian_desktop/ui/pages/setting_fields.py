"""The editors of 业务设置, one per setting: what a setting holds decides how it is edited (an amount, a
number or a short text in a line edit; a text from a fixed list in a drop-down showing Chinese and storing
the code; a list with its items separated by 、; a table as one drop-down or number box per entry)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services.settings import SettingKey
from dangjian_desktop.ui.widgets.forms import ERROR_COLOR, FieldRow, combo_with_codes, select_code
from dangjian_desktop.ui.widgets.text_size import keep_fitted

LIST_SEPARATOR = "、"

ROUNDING_LABELS = {
    "fen": N_("The fen (0.01 yuan)"),
    "jiao": N_("The jiao (0.1 yuan)"),
    "yuan": N_("The whole yuan"),
}
QR_MODE_LABELS = {
    "text": N_("The text of the notice itself"),
    "link": N_("A web link to the notice"),
}
# A unit after the box, where the label alone does not say it.
SUFFIXES = {
    "dues.farmer_amount": N_("yuan"),
    "dues.months_ahead": N_("months"),
    "dues.months_back": N_("months"),
    "dues.remind_at": N_("months"),
    "dues.warn_at": N_("months"),
    "flowing.alert_months": N_("months"),
}


# ----- the choices of the settings that have a fixed list --------------------------------------


def _handup_choices() -> list[tuple[str, str]]:
    from dangjian_desktop.domain import dues as dues_rules

    return [(code, _(dues_rules.HANDUP_PERIOD_LABELS.get(code, code))) for code in dues_rules.HANDUP_PERIODS]


def _rounding_choices() -> list[tuple[str, str]]:
    from dangjian_desktop.domain.money import ROUNDING_UNITS

    return [(code, _(ROUNDING_LABELS[code]) if code in ROUNDING_LABELS else code) for code in ROUNDING_UNITS]


def _layout_choices() -> list[tuple[str, str]]:
    from dangjian_desktop.domain.flowing import LAYOUTS
    from dangjian_desktop.ui.flowing.print_book_dialog import LAYOUT_LABELS

    labels = dict(LAYOUT_LABELS)
    return [(code, _(labels[code]) if code in labels else code) for code in LAYOUTS]


def _qr_choices() -> list[tuple[str, str]]:
    from dangjian_desktop.domain.notices import QR_MODES

    return [(code, _(QR_MODE_LABELS[code]) if code in QR_MODE_LABELS else code) for code in QR_MODES]


# key -> the (code, label) pairs of a text setting with a fixed list
CHOICES: dict[str, Callable[[], list[tuple[str, str]]]] = {
    "dues.handup_period": _handup_choices,
    "dues.rounding": _rounding_choices,
    "flowing.book_layout": _layout_choices,
    "notices.qr_mode": _qr_choices,
}


@dataclass(frozen=True)
class TableSpec:
    """How a table setting is shown: the name of each entry, the fixed list its value is chosen from
    (None: a whole number typed in) and the unit after a typed number."""

    entry_label: Callable[[str], str]
    choices: list[tuple[str, str]] | None = None
    unit: Callable[[str], str] | None = None


def _frequency_table() -> TableSpec:
    from dangjian_desktop.domain.meetings import FREQUENCY, MEETING_KIND

    return TableSpec(MEETING_KIND.label, [(choice.code, choice.label()) for choice in FREQUENCY])


def _disclosure_table() -> TableSpec:
    from dangjian_desktop.domain.notices import NOTICE_TYPES

    kinds = {kind.code: kind for kind in NOTICE_TYPES}

    def label(code: str) -> str:
        return _(kinds[code].label_source) if code in kinds else code

    def unit(code: str) -> str:
        working = code in kinds and kinds[code].working_days
        return _("working days") if working else _("days")

    return TableSpec(label, None, unit)


TABLES: dict[str, Callable[[], TableSpec]] = {
    "meetings.frequencies": _frequency_table,
    "notices.days": _disclosure_table,
}


def error_message(error: Exception) -> str:
    if isinstance(error, FieldErrors):
        return "；".join(str(message) for message in error.errors.values())
    return getattr(error, "message", None) or str(error)


def _fit_number_box(editor: QLineEdit) -> None:
    """Room for four digits."""
    editor.setFixedWidth(editor.fontMetrics().horizontalAdvance("0") * 4 + 24)


# ----- one field per setting --------------------------------------------------------------------------


class SettingField:
    """The editor of one setting: shows a value, gives back what was typed or chosen, shows an error."""

    editable = True

    def __init__(self, key: SettingKey[Any], editor: QWidget, on_edit: Callable[[], None]) -> None:
        self.key = key
        self.editor = editor
        self.row = FieldRow(editor)
        self.row.setObjectName(key.key)
        self._on_edit = on_edit

    def show(self, value: Any) -> None:
        raise NotImplementedError

    def typed(self) -> Any:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.row.show_error(message)
        for line in self.editor.findChildren(QLineEdit):
            line.setStyleSheet(f"border: 2px solid {ERROR_COLOR};" if message else "")


class LineField(SettingField):
    """An amount, a whole number, a short text, or a list written as 优秀、合格、不合格."""

    def __init__(self, key: SettingKey[Any], on_edit: Callable[[], None]) -> None:
        self.line = QLineEdit()
        self.line.setObjectName("edit")
        self.is_list = isinstance(key.default, list | tuple)
        short = isinstance(key.default, Decimal | int)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.line, 0 if short else 3)
        line = self.line
        if short:
            keep_fitted(line, lambda: line.setFixedWidth(line.fontMetrics().horizontalAdvance("0") * 10 + 24))
        else:  # a title or a short list: room for about 30 characters, not the whole width
            keep_fitted(
                line, lambda: line.setMaximumWidth(line.fontMetrics().horizontalAdvance("中") * 30 + 24)
            )
        if key.key in SUFFIXES:
            row.addWidget(QLabel(_(SUFFIXES[key.key])))
        if self.is_list:
            hint = QLabel(_("Separate the items with 、"))
            hint.setStyleSheet("color: #555;")
            row.addWidget(hint)
        row.addStretch(1)
        super().__init__(key, holder, on_edit)
        self.line.textEdited.connect(lambda _text: on_edit())

    def show(self, value: Any) -> None:
        if self.is_list:
            self.line.setText(LIST_SEPARATOR.join(str(item) for item in value))
        else:
            self.line.setText("" if value is None else str(value))

    def typed(self) -> Any:
        text = self.line.text().strip()
        if self.is_list:
            return [item.strip() for item in re.split(r"[、，,;；]+", text) if item.strip()]
        return text


class ShrinkingCombo(QComboBox):
    """A drop-down as wide as its longest item when there is room, narrower (the item cut short) when the
    text is very large and the window is not."""

    def minimumSizeHint(self) -> QSize:  # Qt override
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("中") * 10 + 40), hint.height())


class ChoiceField(SettingField):
    """A text from a fixed list: Chinese on the screen, the code in the data."""

    def __init__(self, key: SettingKey[Any], choices: list[tuple[str, str]], on_edit: Callable[[], None]):
        self.combo = ShrinkingCombo()
        for code, label in choices:
            self.combo.addItem(label, code)
            self.combo.setItemData(self.combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        self.combo.setObjectName("choice")
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        row.addWidget(self.combo, 1)
        row.addStretch(1)
        super().__init__(key, holder, on_edit)
        self.combo.activated.connect(lambda _index: on_edit())

    def show(self, value: Any) -> None:
        if self.combo.findData(value) < 0:  # a value from a newer program: keep it choosable
            self.combo.addItem(str(value), value)
        select_code(self.combo, value)

    def typed(self) -> Any:
        return self.combo.currentData()


class CheckField(SettingField):
    def __init__(self, key: SettingKey[Any], on_edit: Callable[[], None]) -> None:
        self.box = QCheckBox()
        super().__init__(key, self.box, on_edit)
        self.box.clicked.connect(lambda _checked: on_edit())

    def show(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def typed(self) -> Any:
        return self.box.isChecked()


class TableField(SettingField):
    """A table of entries (e.g. kinds of meeting), each with a value chosen from one fixed list or a whole
    number typed in: one drop-down or box per entry; drop-downs two side by side, typed numbers (whose
    entries have longer names) one under another."""

    def __init__(self, key: SettingKey[Any], spec: TableSpec, on_edit: Callable[[], None]) -> None:
        self.spec = spec
        self.columns = 2 if spec.choices is not None else 1
        self.editors: dict[str, QComboBox | QLineEdit] = {}
        holder = QWidget()
        self.grid = QGridLayout(holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        super().__init__(key, holder, on_edit)

    @property
    def combos(self) -> dict[str, QComboBox]:
        return {entry: editor for entry, editor in self.editors.items() if isinstance(editor, QComboBox)}

    def _add_entry(self, entry: str) -> QComboBox | QLineEdit:
        position = len(self.editors)
        row, column = divmod(position, self.columns)
        label = QLabel(self.spec.entry_label(entry) + "：")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor: QComboBox | QLineEdit
        if self.spec.choices is not None:
            editor = combo_with_codes(self.spec.choices)
            editor.activated.connect(lambda _index: self._on_edit())
            cell: QWidget = editor
        else:
            editor = QLineEdit()
            keep_fitted(editor, partial(_fit_number_box, editor))
            editor.textEdited.connect(lambda _text: self._on_edit())
            cell = QWidget()
            cell_layout = QHBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.addWidget(editor)
            if self.spec.unit is not None:
                cell_layout.addWidget(QLabel(self.spec.unit(entry)))
            cell_layout.addStretch(1)
        editor.setObjectName(entry)
        self.grid.addWidget(label, row, column * 3)
        self.grid.addWidget(cell, row, column * 3 + 1)
        self.grid.setColumnMinimumWidth(column * 3 + 2, 24)
        self.grid.setColumnStretch(self.columns * 3, 1)
        self.editors[entry] = editor
        return editor

    def show(self, value: Any) -> None:
        for entry, chosen in dict(value).items():
            editor = self.editors.get(entry) or self._add_entry(entry)
            if isinstance(editor, QComboBox):
                if editor.findData(chosen) < 0:  # a value from a newer program: keep it choosable
                    editor.addItem(str(chosen), chosen)
                select_code(editor, chosen)
            else:
                editor.setText(str(chosen))

    def typed(self) -> Any:
        return {
            entry: editor.currentData() if isinstance(editor, QComboBox) else editor.text().strip()
            for entry, editor in self.editors.items()
        }


class ReadOnlyField(SettingField):
    """A value of a kind this page cannot edit: shown, never saved from here."""

    editable = False

    def __init__(self, key: SettingKey[Any], on_edit: Callable[[], None]) -> None:
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        super().__init__(key, self.label, on_edit)

    def show(self, value: Any) -> None:
        if isinstance(value, Mapping):
            self.label.setText("；".join(f"{k}：{v}" for k, v in value.items()))
        elif isinstance(value, list | tuple):
            self.label.setText(LIST_SEPARATOR.join(str(item) for item in value))
        else:
            self.label.setText(str(value))

    def typed(self) -> Any:
        return None


def make_field(key: SettingKey[Any], on_edit: Callable[[], None]) -> SettingField:
    default = key.default
    if isinstance(default, bool):
        return CheckField(key, on_edit)
    if isinstance(default, str) and key.key in CHOICES:
        return ChoiceField(key, CHOICES[key.key](), on_edit)
    if isinstance(default, Mapping):
        if key.key in TABLES:
            return TableField(key, TABLES[key.key](), on_edit)
        if default and all(isinstance(v, int) and not isinstance(v, bool) for v in default.values()):
            return TableField(key, TableSpec(str), on_edit)
        return ReadOnlyField(key, on_edit)
    if isinstance(default, Decimal | int | str | list | tuple):
        return LineField(key, on_edit)
    return ReadOnlyField(key, on_edit)
