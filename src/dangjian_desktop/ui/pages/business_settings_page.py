"""业务设置: every business rule that is a setting (decisions.md: every local or uncertain rule is a setting
with a default), grouped by the part of the program it belongs to, each group with its own 保存 button.

What a setting holds decides how it is edited (ui/pages/setting_fields.py): an amount, a number or a short
text in a line edit; a text from a fixed list in a drop-down that shows Chinese and stores the code; a list
in a line edit with the items separated by 、; a table (how often each kind of meeting is held, how many
days each kind of notice is posted) as one drop-down or number box per entry. The 党章 text of the activity
book is replaced from a file, never typed in.

Values are checked before anything is stored: a wrong value is shown in red next to its field, with
the typed text kept, and nothing of that group is saved.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
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
from dangjian_desktop.ui.pages.setting_fields import SettingField, error_message, make_field
from dangjian_desktop.ui.widgets.forms import (
    ERROR_COLOR,
    TitleLabel,
    form_label,
    new_form_layout,
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
SUCCESS_COLOR = "#1a6b1a"


# ----- which keys, in which group ---------------------------------------------------------------------


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
