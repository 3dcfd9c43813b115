"""业务设置: every business rule that is a setting (decisions.md: every local or uncertain rule is a setting
with a default), grouped by the part of the program it belongs to, each group with its own 保存 button.

What a setting holds decides how it is edited: an amount, a number or a short text in a line edit; a
text from a fixed list in a drop-down that shows Chinese and stores the code; a list in a line edit with
the items separated by 、; a table (how often each kind of meeting is held, how many days each kind
of notice is posted) as one drop-down or number box per entry. The 党章 text of the activity book is replaced from a file, never typed in.

Values are checked before anything is stored: a wrong value is shown in red next to its field, with
the typed text kept, and nothing of that group is saved.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.features import FEATURES
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import flowing, settings
from dangjian_desktop.services.settings import SettingKey
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.widgets.forms import (
    ERROR_COLOR,
    FieldRow,
    TitleLabel,
    combo_with_codes,
    form_label,
    new_form_layout,
    select_code,
)
from dangjian_desktop.ui.widgets.page_parts import fill_with_scrolling, page_column
from dangjian_desktop.ui.widgets.text_size import keep_fitted

# One group per module with settings (features.py), under the module's title; a module that keeps its
# settings on its own page (设岗定责) is left out.
_SHOWN = sorted(
    (module for module in FEATURES if module.settings_group and not module.settings_on_own_page),
    key=lambda module: module.settings_position,
)
GROUPS: tuple[tuple[str, str], ...] = tuple((str(module.settings_group), module.title) for module in _SHOWN)
SKIPPED_PREFIXES = tuple(
    str(m.settings_group) for m in FEATURES if m.settings_group and m.settings_on_own_page
)
OTHER_GROUP = ("other", N_("Other"))
CONSTITUTION_KEY = "flowing.constitution_text"
LIST_SEPARATOR = "、"
SUCCESS_COLOR = "#1a6b1a"

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


# ----- which keys, and the choices of those that have a fixed list ------------------------------------


def load_setting_modules() -> None:
    """Import the services of every module with settings: a service registers its keys when imported."""
    for module in FEATURES:
        if module.settings_group is not None:
            importlib.import_module(module.services_module)


def group_of(key: SettingKey[Any]) -> str:
    prefix = key.key.split(".", 1)[0]
    return prefix if prefix in dict(GROUPS) else OTHER_GROUP[0]


def shown_keys() -> dict[str, list[SettingKey[Any]]]:
    """The registered keys by group, in the order of GROUPS and, within a group, of registration."""
    load_setting_modules()
    grouped: dict[str, list[SettingKey[Any]]] = {code: [] for code, _title in (*GROUPS, OTHER_GROUP)}
    for key in settings.ALL_KEYS.values():
        if key.key.split(".", 1)[0] in SKIPPED_PREFIXES:
            continue
        grouped[group_of(key)].append(key)
    return {code: keys for code, keys in grouped.items() if keys}


def _handup_choices() -> list[tuple[str, str]]:
    from dangjian_desktop.domain import dues as dues_rules

    return [(code, _(dues_rules.HANDUP_PERIOD_LABELS.get(code, code))) for code in dues_rules.HANDUP_PERIODS]


def _rounding_choices() -> list[tuple[str, str]]:
    from dangjian_desktop.domain.money import ROUNDING_UNITS

    return [(code, _(ROUNDING_LABELS[code]) if code in ROUNDING_LABELS else code) for code in ROUNDING_UNITS]


def _layout_choices() -> list[tuple[str, str]]:
    from dangjian_desktop.domain.flowing import LAYOUTS
    from dangjian_desktop.ui.flowing.dialogs import LAYOUT_LABELS

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


# ----- the 党章 text ----------------------------------------------------------------------------------


def choose_text_file(parent: QWidget) -> Path | None:
    """Ask for the .txt file holding the branch's 党章 text (tests replace this)."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose the text file of the Party Constitution"), "", _("Text file (*.txt)")
    )
    return Path(chosen) if chosen else None


class ConstitutionRow(QWidget):
    """Which 党章 text the activity book prints, and the two ways to change it."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.state_label)
        buttons = QHBoxLayout()
        self.replace_button = QPushButton(_("Replace from a file…"))
        self.replace_button.setAutoDefault(False)
        self.replace_button.clicked.connect(self.replace_from_file)
        self.restore_button = QPushButton(_("Go back to the program's own text"))
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore_shipped_text)
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        hint = QLabel(
            _("The file is a text file (.txt): the first line is the title, then one paragraph per line.")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self.refresh()

    def uses_own_text(self) -> bool:
        return bool(flowing.flowing_settings(self.workspace).own_constitution_text)

    def refresh(self) -> None:
        own = self.uses_own_text()
        if own:
            text = flowing.constitution_text(self.workspace)
            title = next((line.strip() for line in text.splitlines() if line.strip()), "")
            self.state_label.setText(
                _("The branch's own text is in use: {title} ({count} characters).").format(
                    title=title, count=len(text)
                )
            )
        else:
            self.state_label.setText(
                _(
                    "The text shipped with the program is in use (Chapter 1, 2022 revision). It must be "
                    "checked against the printed edition of the Party Constitution."
                )
            )
        self.restore_button.setEnabled(own)

    def _say(self, text: str, error: bool = False) -> None:
        self.message_label.setStyleSheet(f"color: {ERROR_COLOR if error else SUCCESS_COLOR};")
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def replace_from_file(self) -> None:
        path = choose_text_file(self)
        if path is not None:
            self._replace(path, _("The Party Constitution text is replaced."))

    def restore_shipped_text(self) -> None:
        self._replace(None, _("The program's own text is used again."))

    def _replace(self, path: Path | None, done: str) -> None:
        """Use the text of ``path`` (None: the program's own text) and say ``done``, or what is wrong."""
        try:
            flowing.replace_constitution_text(self.workspace, path)
        except AppError as error:
            self._say(error_message(error), error=True)
            return
        self.refresh()
        self._say(done)
        self.changed.emit()


# ----- the page ---------------------------------------------------------------------------------------


class SettingsGroup(QFrame):
    """One part of the program's settings, under its heading, with its own 保存 button. The 党章 text
    (changed at once by its own buttons) comes after the 保存 button."""

    saved = Signal()

    def __init__(
        self, workspace: Workspace, title: str, keys: list[SettingKey[Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.workspace = workspace
        self.keys = [key for key in keys if key.key != CONSTITUTION_KEY]
        self.dirty = False
        self.fields: dict[str, SettingField] = {}
        self.constitution: ConstitutionRow | None = None
        self._loaded: dict[str, Any] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(12)
        self.heading = TitleLabel(title, factor=1.2)
        layout.addWidget(self.heading)
        form = new_form_layout()
        form.setVerticalSpacing(12)
        for key in self.keys:
            field = make_field(key, self._edited)
            self.fields[key.key] = field
            form.addRow(form_label(_(key.label) + "："), field.row)
        layout.addLayout(form)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button: QPushButton | None = None
        if any(field.editable for field in self.fields.values()):
            footer = QWidget()
            footer_layout = QHBoxLayout(footer)
            footer_layout.setContentsMargins(0, 4, 0, 0)
            self.save_button = QPushButton(_("Save"))
            self.save_button.setObjectName("primary")
            self.save_button.setAutoDefault(False)
            save = self.save_button
            keep_fitted(save, lambda: save.setMinimumWidth(save.fontMetrics().horizontalAdvance("保存") * 3))
            self.save_button.clicked.connect(self.save)
            footer_layout.addWidget(self.save_button)
            footer_layout.addWidget(self.status_label, 1)
            form.addRow("", footer)  # under the fields it saves

        constitution_key = next((key for key in keys if key.key == CONSTITUTION_KEY), None)
        if constitution_key is not None:
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setStyleSheet("color: #ddd;")
            form.addRow(line)
            self.constitution = ConstitutionRow(workspace)
            self.constitution.changed.connect(self.saved.emit)
            form.addRow(form_label(_(constitution_key.label) + "："), self.constitution)
        self.load()

    def title(self) -> str:
        return self.heading.text()

    def _edited(self) -> None:
        self.dirty = True
        self.status_label.setText("")

    def load(self) -> None:
        """Show the stored values (errors and the message of the last save are cleared)."""
        self._loaded = settings.get_many(self.workspace, self.keys)
        for key in self.keys:
            field = self.fields[key.key]
            field.show(self._loaded[key.key])
            field.show_error("")
        if self.constitution is not None:
            self.constitution.refresh()
        self.dirty = False

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR if error else SUCCESS_COLOR};")
        self.status_label.setText(text)

    def save(self) -> bool:
        """Check every field of the group; store the changed values only when all are right."""
        self._loaded = settings.get_many(self.workspace, self.keys)
        changed: list[tuple[SettingKey[Any], Any]] = []
        wrong = False
        for key in self.keys:
            field = self.fields[key.key]
            if not field.editable:
                continue
            typed = field.typed()
            try:
                value = key.parse(typed)
            except Exception as error:  # the key's own check; its message says what is wrong
                field.show_error(error_message(error))
                wrong = True
                continue
            field.show_error("")
            if value != self._loaded[key.key]:
                changed.append((key, typed))
        if wrong:
            self._say(_("Please correct what is marked in red. Nothing was saved."), error=True)
            return False
        if not changed:
            self._say(_("Nothing was changed."))
            self.dirty = False
            return True
        for key, typed in changed:
            try:
                settings.set_value(self.workspace, key, typed)
            except FieldErrors as error:
                self.fields[key.key].show_error(error.errors.get(key.key) or error_message(error))
                self._say(_("Please correct what is marked in red. Nothing was saved."), error=True)
                return False
            except AppError as error:
                messages.error(self, error.message)
                return False
        self.load()
        self._say(_("Saved."))
        self.saved.emit()
        return True


class BusinessSettingsPage(QWidget):
    """The 业务设置 tab of the settings page. ``data_changed`` after a save: the other pages read again."""

    data_changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        workspace.require_branch()  # no branch yet: the settings page cannot open (AppError)

        content = QWidget()
        layout = page_column(content, TitleLabel(_("Business rules")), spacing=16)
        intro = QLabel(
            _(
                "These rules differ from place to place. Change one only when your township's rule "
                "differs from what is set here. Every change is kept in the change log."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.groups: dict[str, SettingsGroup] = {}
        titles = dict((*GROUPS, OTHER_GROUP))
        for code, keys in shown_keys().items():
            group = SettingsGroup(workspace, _(titles[code]), keys)
            group.saved.connect(self.data_changed.emit)
            self.groups[code] = group
            layout.addWidget(group)
        layout.addStretch(1)

        fill_with_scrolling(self, content)

    def field(self, key: str) -> SettingField:
        for group in self.groups.values():
            if key in group.fields:
                return group.fields[key]
        raise KeyError(key)

    def group_of(self, key: str) -> SettingsGroup:
        return self.groups[group_of(settings.ALL_KEYS[key])]

    def refresh(self) -> None:
        """Read the stored values again (after a restore), keeping what is being typed."""
        for group in self.groups.values():
            if not group.dirty:
                group.load()

    def showEvent(self, event) -> None:  # noqa: ANN001
        self.refresh()
        super().showEvent(event)
