"""设置/备份: the general settings (branch profile, operator, text size, language, masking, the data
folder) and the tabs of business rules, backup, change log and about."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import branch as branch_service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.dialogs.setup_dialog import PROFILE_LABELS, SetupDialog
from dangjian_desktop.ui.pages.about_page import AboutPage
from dangjian_desktop.ui.pages.audit_page import AuditPage
from dangjian_desktop.ui.pages.backup_page import BackupPage
from dangjian_desktop.ui.pages.business_settings_page import BusinessSettingsPage
from dangjian_desktop.ui.pages.connection_page import ConnectionPage
from dangjian_desktop.ui.ui_settings import FONT_SIZES, UiSettings, apply_font_size
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.operator_box import OperatorBox
from dangjian_desktop.ui.widgets.page_parts import scroll_area
from dangjian_desktop.ui.widgets.text_size import keep_fitted


class SettingsPage(QWidget):
    """设置/备份: the branch profile, text size, language, masking, and the backup and change-log tabs."""

    masking_changed = Signal(bool)  # True: show full ID numbers and phones
    profile_changed = Signal()
    data_replaced = Signal()  # a restore replaced the data
    reopen_requested = Signal()  # close the program and start it again (a new language)
    workspace_opened = Signal(object, str)  # 数据库连接 saved: work on this workspace now (and say this)

    def __init__(self, workspace: Workspace, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self._started_language = settings.language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(TitleLabel(_("Settings and backup")))
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._tab_keys: list[str] = []
        self.tabs.addTab(self._general_tab(), _("General"))
        self._tab_keys.append("general")
        self._add_tabs()
        keep_fitted(self.tabs, self._fit_scroll_buttons)

    # ----- the general tab ---------------------------------------------------------------------------

    def _general_tab(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(14)

        profile_box = QGroupBox(_("Branch profile"))
        profile_layout = QVBoxLayout(profile_box)
        self.profile_form = QFormLayout()
        self.profile_values: dict[str, QLabel] = {}
        for key, label in PROFILE_LABELS.items():
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.profile_values[key] = value
            self.profile_form.addRow(_(label) + "：", value)
        profile_layout.addLayout(self.profile_form)
        edit_profile = QPushButton(_("Change the branch profile…"))
        edit_profile.clicked.connect(self.edit_profile)
        profile_layout.addWidget(edit_profile, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(profile_box)
        self.operator_box = OperatorBox(self.workspace)
        layout.addWidget(self.operator_box)
        self.refresh_profile()

        size_box = QGroupBox(_("Text size"))
        size_layout = QHBoxLayout(size_box)
        self.size_buttons = QButtonGroup(self)
        size_names = {12: N_("Standard"), 14: N_("Larger"), 16: N_("Large"), 18: N_("Largest")}
        for size in FONT_SIZES:
            button = QRadioButton(f"{_(size_names[size])} ({size})")
            button.setObjectName(f"size{size}")
            button.setChecked(size == self.settings.font_size)
            self.size_buttons.addButton(button, size)
            size_layout.addWidget(button)
        size_layout.addStretch(1)
        self.size_buttons.idClicked.connect(self.change_font_size)
        layout.addWidget(size_box)

        language_box = QGroupBox(_("Language"))
        language_layout = QVBoxLayout(language_box)
        language_row = QHBoxLayout()
        self.language_buttons = QButtonGroup(self)
        self._language_codes: dict[int, str] = {}
        for number, (code, name) in enumerate((("zh_CN", "中文"), ("en", "English"))):
            button = QRadioButton(name)  # each language is named in its own words
            button.setChecked(code == self.settings.language)
            self.language_buttons.addButton(button, number)
            self._language_codes[number] = code
            language_row.addWidget(button)
        language_row.addStretch(1)
        language_layout.addLayout(language_row)
        self.language_note = QLabel(_("The new language is used from the next start of the program."))
        self.language_note.setWordWrap(True)
        self.language_note.hide()
        language_layout.addWidget(self.language_note)
        self.reopen_button = QPushButton(_("Reopen now"))
        self.reopen_button.setToolTip(_("Close the program and open it again in the new language"))
        self.reopen_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.reopen_button.clicked.connect(self.reopen_requested.emit)
        self.reopen_button.hide()
        language_layout.addWidget(self.reopen_button)
        self.language_buttons.idClicked.connect(self.change_language)
        layout.addWidget(language_box)

        privacy_box = QGroupBox(_("ID numbers and phones"))
        privacy_layout = QVBoxLayout(privacy_box)
        self.unmask_box = QCheckBox(_("Show full ID numbers and phones for this session"))
        self.unmask_box.toggled.connect(self.masking_changed.emit)
        privacy_layout.addWidget(self.unmask_box)
        note = QLabel(
            _(
                "Normally the middle digits are hidden on screen. When the program is closed, "
                "they are hidden again."
            )
        )
        note.setWordWrap(True)
        privacy_layout.addWidget(note)
        layout.addWidget(privacy_box)

        folder_box = QGroupBox(_("Where the data is kept"))
        folder_layout = QHBoxLayout(folder_box)
        folder_label = QLabel(str(self.workspace.folder))
        folder_label.setWordWrap(True)
        folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder_layout.addWidget(folder_label, 1)
        open_folder = QPushButton(_("Open folder"))
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.workspace.folder)))
        )
        folder_layout.addWidget(open_folder)
        layout.addWidget(folder_box)
        layout.addStretch(1)

        return scroll_area(content)

    def refresh_profile(self) -> None:
        profile = branch_service.load_profile(self.workspace)
        for key, label in self.profile_values.items():
            value = getattr(profile, key) if profile else ""
            label.setText(format_phone(value) if key.endswith("phone") else value)
        self.operator_box.refresh()  # the default operator is the secretary

    def edit_profile(self) -> None:
        dialog = SetupDialog(self.workspace, first_start=self.workspace.branch_id is None, parent=self)
        if dialog.exec():
            self.refresh_profile()
            self.profile_changed.emit()

    def change_font_size(self, size: int) -> None:
        self.settings.font_size = size
        apply_font_size(size)

    def change_language(self, number: int) -> None:
        code = self._language_codes[number]
        self.settings.language = code
        changed = code != self._started_language
        self.language_note.setVisible(changed)
        self.reopen_button.setVisible(changed)

    # ----- the other tabs ----------------------------------------------------------------------------

    def _add_tabs(self) -> None:
        """业务设置, 备份与恢复, 与乡镇交换, 数据库连接, 操作记录 and 关于. A saved business rule or a restore: every page
        reads again; a saved connection: the window works on the data it opened. A tab that cannot be
        used with this data (a township login has no branch of its own) says why, and the others stay
        usable: 数据库连接 above all, to go back."""
        self.connection_page = ConnectionPage(self.workspace, self)
        self.connection_page.workspace_opened.connect(self.workspace_opened.emit)
        makers: tuple[tuple[str, Callable[[], QWidget], str], ...] = (
            ("business", self._business_tab, _("Business rules")),
            ("backup", self._backup_tab, _("Backup and restore")),
            ("exchange", self._exchange_tab, _("Exchange with the township")),
            ("connection", lambda: self.connection_page, _("Database connection")),
            ("audit", lambda: AuditPage(self.workspace), _("Change log")),
            ("about", lambda: AboutPage(self.workspace), _("About")),
        )
        for key, make, title in makers:  # made without a parent: one that fails half-built is not shown
            try:
                page = make()
            except AppError as error:
                page = QLabel(error.message)
                page.setWordWrap(True)
                page.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                page.setContentsMargins(16, 16, 16, 16)
            self.tabs.addTab(page, title)
            self._tab_keys.append(key)

    def _business_tab(self) -> QWidget:
        self.business_page = BusinessSettingsPage(self.workspace)
        self.business_page.data_changed.connect(self.data_replaced.emit)
        return self.business_page

    def _backup_tab(self) -> QWidget:
        self.backup_page = BackupPage(self.workspace)
        self.backup_page.data_replaced.connect(self.data_replaced.emit)
        return self.backup_page

    def _exchange_tab(self) -> QWidget:
        from dangjian_desktop.ui.exchange.tab import ExchangeTab

        self.exchange_tab = ExchangeTab(self.workspace, self.settings)
        self.exchange_tab.data_changed.connect(self.data_replaced.emit)  # decisions: home, dues, notices
        return self.exchange_tab

    def _fit_scroll_buttons(self) -> None:
        """At the largest text in a small window the seven tabs do not all fit: the tab bar scrolls, with its
        arrows as wide as they need to be seen and hit (Qt's own are narrower than their arrows)."""
        bar = self.tabs.tabBar()
        arrows = bar.findChildren(QToolButton)
        if arrows:
            width = max(bar.fontMetrics().height(), *(arrow.minimumSizeHint().width() for arrow in arrows))
            bar.setStyleSheet(f"QTabBar::scroller {{ width: {2 * width}px; }}")

    def show_tab(self, key: str) -> None:
        if key in self._tab_keys:
            self.tabs.setCurrentIndex(self._tab_keys.index(key))
