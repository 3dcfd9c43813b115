"""The main window: a navigation list on the left, one page at a time on the right.

Also here: the UI settings kept in the data folder (text size, language), the home page, the settings
page and the plain page shown for the parts that are not built yet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QPoint,
    QProcess,
    QRect,
    QSettings,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.choices import ACTIVE, MEMBER_STATUS
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import DEFAULT_LANGUAGE, N_, SUPPORTED_LANGUAGES, _, format_date, format_number
from dangjian_desktop.services import backups as backup_service
from dangjian_desktop.services import branch as branch_service
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services.members import RosterRow
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.dialogs.setup_dialog import PROFILE_LABELS, SetupDialog
from dangjian_desktop.ui.members.page import RosterPage
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.operator_box import OperatorBox
from dangjian_desktop.ui.widgets.text_size import follow_text_size, keep_fitted, scaled_font

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.ini"
FONT_SIZES = (12, 14, 16, 18)
DEFAULT_FONT_SIZE = 12
# The smallest the window can be made: fits a 1024×600 screen (logical pixels, so also 1280×720 at 150 %
# or 1366×768) with a taskbar and a title bar. Pages that need more room scroll inside it (PageHolder).
MINIMUM_WINDOW = QSize(960, 500)
# The smallest window that still shows every page whole at the standard text size: a screen that leaves
# no room around it (1366×768) gets a maximised window at the first start.
ROOMY_WINDOW = QSize(1180, 660)
DEFAULT_SHARE_OF_SCREEN = 0.9  # the first start: a window this share of the screen, centred

# Shared look: roomy buttons and list items; sizes in the text's own units where Qt allows it.
STYLE_SHEET = """
QPushButton { padding: 4px 12px; min-height: 1.5em; }
QPushButton#primary { font-weight: bold; }
QComboBox, QLineEdit { padding: 2px 6px; min-height: 1.4em; }
QListWidget#navigation { border: none; background: #f3efe9; outline: 0; }
QWidget#sidebar { background: #f3efe9; }
QPushButton#quitButton { margin: 0 12px; }
QListWidget#navigation::item { padding: 10px 16px; border-left: 4px solid transparent; color: #222; }
QListWidget#navigation::item:selected { background: #ffffff; color: #a30000; border-left: 4px solid #c00000; }
QListWidget#navigation::item:hover:!selected { background: #ebe4da; }
QTableView { gridline-color: #d8d8d8; selection-background-color: #c7dcf5; selection-color: #000; }
QHeaderView::section { padding: 4px 4px; }
QLabel#countLabel { color: #333; }
QRadioButton, QCheckBox { spacing: 8px; padding: 4px 16px 4px 0; }
QRadioButton::indicator, QCheckBox::indicator { width: 20px; height: 20px; }
QTabBar::tab { padding: 6px 16px; }
QFrame#card { background: #ffffff; border: 1px solid #ddd; border-radius: 6px; }
"""


class UiSettings:
    """Text size, language, where the window was and the roster's columns, kept in ``settings.ini`` in the
    data folder (travels with a USB stick)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @classmethod
    def in_folder(cls, folder: Path) -> UiSettings:
        return cls(QSettings(str(Path(folder) / SETTINGS_FILE), QSettings.Format.IniFormat))

    @property
    def font_size(self) -> int:
        try:
            size = int(self._settings.value("ui/font_size", DEFAULT_FONT_SIZE))
        except (TypeError, ValueError):
            return DEFAULT_FONT_SIZE
        return size if size in FONT_SIZES else DEFAULT_FONT_SIZE

    @font_size.setter
    def font_size(self, size: int) -> None:
        self._settings.setValue("ui/font_size", int(size))
        self._settings.sync()

    @property
    def language(self) -> str:
        language = str(self._settings.value("ui/language", DEFAULT_LANGUAGE))
        return language if language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, language: str) -> None:
        self._settings.setValue("ui/language", language)
        self._settings.sync()

    # ----- the window's place ------------------------------------------------------------------------

    def window_place(self) -> tuple[QByteArray, QRect] | None:
        """Qt's record of the window's place (size, position, maximised, which screen) and the window's
        own (not maximised) rectangle, as saved when the program was last closed; None the first time."""
        saved = self._settings.value("window/geometry")
        rect = _rect_from_text(self._settings.value("window/normal"))
        if not isinstance(saved, QByteArray) or saved.isEmpty() or rect is None:
            return None
        return saved, rect

    def save_window_place(self, geometry: QByteArray, normal: QRect) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue(
            "window/normal", f"{normal.x()},{normal.y()},{normal.width()},{normal.height()}"
        )
        self._settings.sync()

    # ----- the roster's columns ----------------------------------------------------------------------

    @property
    def roster_columns(self) -> dict[str, bool]:
        """Columns the secretary chose to show (True) or hide (False); the others fit the window."""
        text = str(self._settings.value("roster/columns", "") or "")
        chosen: dict[str, bool] = {}
        for part in text.split(";"):
            name, _sep, shown = part.partition("=")
            if name.strip() and shown.strip() in ("0", "1"):
                chosen[name.strip()] = shown.strip() == "1"
        return chosen

    @roster_columns.setter
    def roster_columns(self, chosen: dict[str, bool]) -> None:
        self._settings.setValue(
            "roster/columns", ";".join(f"{k}={int(v)}" for k, v in sorted(chosen.items()))
        )
        self._settings.sync()


def _rect_from_text(value: object) -> QRect | None:
    try:
        x, y, width, height = (int(part) for part in str(value).split(","))
    except (TypeError, ValueError):
        return None
    return QRect(x, y, width, height) if width > 0 and height > 0 else None


def on_a_screen(rect: QRect, screens: list[QRect]) -> bool:
    """Whether a window at ``rect`` (its inside, without the title bar) can be seen and taken by its title
    bar on one of the screens (their room without the taskbar): its top edge on the screen and at least
    half of it (or half of the screen, for a window bigger than the screen) there. A window last used on a
    second screen that is no longer there, or moved almost out of sight, is not."""
    for area in screens:
        inside = rect.intersected(area)
        if inside.isEmpty():
            continue
        title_bar_reachable = area.top() <= rect.top() <= area.bottom() - 60
        wide_enough = inside.width() * 2 >= min(rect.width(), area.width())
        high_enough = inside.height() * 2 >= min(rect.height(), area.height())
        if title_bar_reachable and wide_enough and high_enough:
            return True
    return False


def default_place(area: QRect, minimum: QSize) -> tuple[QRect, bool]:
    """The first start (or a saved place no longer on any screen): most of the screen, centred. On a screen
    that leaves no room around a window of the ``minimum`` size (1366×768 for ``ROOMY_WINDOW``) the window
    is maximised instead. The window never gets bigger than the screen."""
    width = round(area.width() * DEFAULT_SHARE_OF_SCREEN)
    height = round(area.height() * DEFAULT_SHARE_OF_SCREEN)
    maximise = width < minimum.width() or height < minimum.height()
    rect = QRect(
        0,
        0,
        min(max(width, minimum.width()), area.width()),
        min(max(height, minimum.height()), area.height()),
    )
    rect.moveCenter(area.center())
    return rect, maximise


def apply_font_size(size: int) -> None:
    """Change the text size of the whole program at once: every open window and page follows."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    follow_text_size(app)  # installed at the start already (prepare_application); here for safety
    font = QFont(app.font())
    font.setPointSize(size)
    app.setFont(font)


# ----- the plain pages ----------------------------------------------------------------------------------


class PlaceholderPage(QWidget):
    """A part of the program that is not built yet says so; it shows no controls that do nothing."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(TitleLabel(title))
        text = QLabel(_("This part is not built yet. It will come in a later version."))
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addStretch(1)


class SummaryPage(QWidget):
    """首页 until the home page with the list of what is due (ui/pages/home_page.py) is there: the branch
    and its roster at a glance, in big plain figures."""

    def __init__(
        self, workspace: Workspace, rows: Callable[[], list[RosterRow]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._rows = rows
        self.dirty = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        self.branch_label = TitleLabel("", factor=1.6)
        layout.addWidget(self.branch_label)
        self.place_label = QLabel()
        layout.addWidget(self.place_label)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        self.figures: dict[str, QLabel] = {}
        cards = (
            ("members", N_("Members on the roster")),
            ("probationary", N_("Probationary members")),
            ("no_office", N_("Members without office (无职党员)")),
            ("away", N_("Members working away")),
            ("backup", N_("Last backup")),
        )
        for position, (key, caption) in enumerate(cards):
            card = QFrame()
            card.setObjectName("card")
            card_layout = QVBoxLayout(card)
            card_layout.setContentsMargins(16, 12, 16, 12)
            name = QLabel(_(caption))
            name.setWordWrap(True)
            figure = TitleLabel("", factor=1.8)
            figure.setObjectName(key)
            card_layout.addWidget(name)
            card_layout.addWidget(figure)
            self.figures[key] = figure
            grid.addWidget(card, position // 3, position % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        hint = QLabel(_("To see or change the list of members, click 'Roster' on the left."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)

    def showEvent(self, event) -> None:  # noqa: ANN001
        if self.dirty:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.dirty = False
        profile = branch_service.load_profile(self.workspace)
        if profile is None:
            self.branch_label.setText(_("No branch has been set up yet"))
            self.place_label.setText("")
            for figure in self.figures.values():
                figure.setText("—")
            return
        self.branch_label.setText(profile.name)
        self.place_label.setText("　".join(part for part in (profile.county, profile.township) if part))
        rows = [r for r in self._rows() if r.status == ACTIVE]
        self.figures["members"].setText(format_number(len(rows)))
        self.figures["probationary"].setText(format_number(sum(r.category == "probationary" for r in rows)))
        self.figures["no_office"].setText(format_number(sum(not r.office.strip() for r in rows)))
        self.figures["away"].setText(format_number(sum(r.flowing for r in rows)))
        found = backup_service.list_backups(self.workspace)
        if found:
            newest = max(found, key=lambda b: b.created).created
            self.figures["backup"].setText(f"{format_date(newest.date(), 'long')} {newest:%H:%M}")
        else:
            self.figures["backup"].setText(_("None yet"))


class SettingsPage(QWidget):
    """设置/备份: the branch profile, text size, language, masking, and the backup and change-log tabs."""

    masking_changed = Signal(bool)  # True: show full ID numbers and phones
    profile_changed = Signal()
    data_replaced = Signal()  # a restore replaced the data
    reopen_requested = Signal()  # close the program and start it again (a new language)

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
        self._add_plugged_tabs()

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

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    def refresh_profile(self) -> None:
        profile = branch_service.load_profile(self.workspace)
        for key, label in self.profile_values.items():
            value = getattr(profile, key) if profile else ""
            label.setText(format_phone(value) if key.endswith("phone") else value)
        if hasattr(self, "operator_box"):
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

    # ----- the tabs other parts of the program plug in -----------------------------------------------

    def _add_plugged_tabs(self) -> None:
        for key, module, class_name, title in (
            (
                "business",
                "dangjian_desktop.ui.pages.business_settings_page",
                "BusinessSettingsPage",
                _("Business rules"),
            ),
            ("backup", "dangjian_desktop.ui.pages.backup_page", "BackupPage", _("Backup and restore")),
            ("audit", "dangjian_desktop.ui.pages.audit_page", "AuditPage", _("Change log")),
            ("about", "dangjian_desktop.ui.pages.about_page", "AboutPage", _("About")),
        ):
            page = _plugged_page(module, class_name, self.workspace, self)
            if page is None:
                page = PlaceholderPage(title)
            else:
                for signal_name in ("restored", "data_replaced", "data_changed"):
                    signal = getattr(page, signal_name, None)
                    if signal is not None and hasattr(signal, "connect"):
                        signal.connect(self.data_replaced.emit)
            self.tabs.addTab(page, title)
            self._tab_keys.append(key)

    def show_tab(self, key: str) -> None:
        if key in self._tab_keys:
            self.tabs.setCurrentIndex(self._tab_keys.index(key))


def _read_again(key: str, page: QWidget) -> None:
    """Make a page show the data as it is now: pages differ in how they are told."""
    if isinstance(page, RosterPage):
        page.reload()
    elif hasattr(page, "dirty"):
        page.dirty = True
        if page.isVisible() and callable(getattr(page, "refresh", None)):
            page.refresh()
    elif callable(getattr(page, "refresh", None)):
        page.refresh()
    elif callable(getattr(page, "reload", None)):
        page.reload()  # pages that read their data only when asked (流动党员, 党费)


def _plugged_page(module: str, class_name: str, workspace: Workspace, parent: QWidget) -> QWidget | None:
    """Pages written elsewhere are imported only here, so the window works before they exist."""
    import importlib

    try:
        page_class = getattr(importlib.import_module(module), class_name)
    except (ImportError, AttributeError):
        return None
    try:
        return page_class(workspace, parent)
    except AppError as error:
        log.warning("%s could not open: %s", class_name, error)
        return None


# ----- the window ---------------------------------------------------------------------------------------


class PageHolder(QScrollArea):
    """Holds one page of the window, built the first time it is shown. A page that needs more room than the
    window has (the largest text on a small screen) scrolls inside it, so it no longer makes the whole
    window bigger than the screen; a page that fits looks as if it were not held at all (no frame, no
    margin, no scroll bars).

    The page gets the room there is, but never less than its minimum, as a layout would give it; not
    QScrollArea's own widgetResizable, which takes the height a page of word-wrapped text would like at
    its width for the least it can have, and so scrolls pages that fit."""

    FOCUS_MARGIN = 8  # room kept around a control scrolled into view

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"holder_{key}")
        self.setFrameShape(QFrame.Shape.NoFrame)

    def set_page(self, page: QWidget) -> None:
        self.setWidget(page)
        self.fit_page()
        for tabs in page.findChildren(QTabWidget):  # another tab may need another height at this width
            tabs.currentChanged.connect(lambda _index: self.fit_page())

    def fit_page(self) -> None:
        """Give the page the room in the window, or its minimum where the room is less (it scrolls)."""
        page = self.widget()
        if page is None:
            return
        least = _least_size(page)
        room = self.maximumViewportSize()  # without scroll bars
        bar_width = self.verticalScrollBar().sizeHint().width()
        bar_height = self.horizontalScrollBar().sizeHint().height()
        wide = least.width() > room.width()
        high = least.height() > room.height() - (bar_height if wide else 0)
        wide = least.width() > room.width() - (bar_width if high else 0)
        high = least.height() > room.height() - (bar_height if wide else 0)
        size = QSize(room.width() - (bar_width if high else 0), room.height() - (bar_height if wide else 0))
        size = size.expandedTo(least).boundedTo(page.maximumSize())
        if page.size() != size:
            page.resize(size)
        self._fit_wrapped(room, bar_width)

    def _fit_wrapped(self, room: QSize, bar_width: int) -> None:
        """Make the page taller where, at the width it got, wrapped text or rows of buttons that flow onto
        more lines need more height than its minimum says (a minimum does not know the width): the page
        scrolls down instead of squeezing what is under them out of sight. Once more when that brings a
        scroll bar, which takes some width."""
        page = self.widget()
        for _attempt in range(10):
            short = _height_short(page)
            if short <= 0:
                return
            height = page.height() + short
            width = page.width()
            if height > room.height():  # the scroll bar down the side takes its width
                width = max(min(width, room.width() - bar_width), _least_size(page).width())
            page.resize(width, min(height, page.maximumHeight()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self.fit_page()
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit_page()  # the page's minimum may have changed (another tab, more rows, a new text size)
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The page's own wish (QScrollArea would cap it at 36×24 lines): the window's first size is as
        before."""
        page = self.widget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def bring_into_view(self, widget: QWidget) -> None:
        """Scroll so that ``widget`` (a control on the page that has just got the keyboard focus) can be
        seen, as much of it as fits; nothing moves when it is in sight already. A part of the page that
        scrolls by itself (the general settings) is scrolled first; only what the control's own parents
        show counts (a field inside a list)."""
        page = self.widget()
        if page is None or not page.isAncestorOf(widget):
            return
        inner = widget.parentWidget()
        while inner is not None and inner is not page:
            if isinstance(inner, QScrollArea) and inner.widget() is not None:
                _show_in(inner, widget)
            inner = inner.parentWidget()
        _show_in(self, widget)


def _show_in(scroll: QScrollArea, widget: QWidget) -> None:
    """Scroll ``scroll`` the least that shows ``widget``, one of the descendants of what it scrolls."""
    content = scroll.widget()
    if content is None or not content.isAncestorOf(widget):
        return
    area = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not content:
        area &= QRect(parent.mapTo(content, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    if area.isEmpty():
        return
    viewport = scroll.viewport()
    _scroll_to_show(scroll.horizontalScrollBar(), area.left(), area.width(), viewport.width())
    _scroll_to_show(scroll.verticalScrollBar(), area.top(), area.height(), viewport.height())


def _height_short(page: QWidget) -> int:
    """How much height the page lacks at its present width: the most that one of its layouts shown (not
    one inside a part that scrolls by itself) has less than it needs at its width. Only layouts that know
    their least height at a width are asked (a row or column of wrapped labels and flowing rows); a tab
    widget or a widget with a layout answers with the height it would like, which would scroll pages that fit."""
    short = 0
    for widget in [page, *page.findChildren(QWidget)]:
        layout = widget.layout()
        if layout is None or not widget.isVisible() or not _knows_least_height(layout):
            continue
        if widget is not page and _scrolls_by_itself(widget, page):
            continue
        short = max(short, layout.minimumHeightForWidth(widget.width()) - widget.height())
    return short


def _knows_least_height(layout: QLayout) -> bool:
    if isinstance(layout, FlowLayout):
        return True
    if not isinstance(layout, QBoxLayout) or not layout.hasHeightForWidth():
        return False
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if not item.hasHeightForWidth():
            continue
        inner = item.layout()
        if inner is not None and not _knows_least_height(inner):
            return False
        if inner is None and not isinstance(item.widget(), QLabel):
            return False
    return True


def _scrolls_by_itself(widget: QWidget, page: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _least_size(widget: QWidget) -> QSize:
    """The least room a layout would give ``widget`` (Qt's qSmartMinSize)."""
    hint, least_hint, policy = widget.sizeHint(), widget.minimumSizeHint(), widget.sizePolicy()
    width = height = 0
    if policy.horizontalPolicy() != QSizePolicy.Policy.Ignored:
        can_shrink = bool(policy.horizontalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value)
        width = least_hint.width() if can_shrink else max(hint.width(), least_hint.width())
    if policy.verticalPolicy() != QSizePolicy.Policy.Ignored:
        can_shrink = bool(policy.verticalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value)
        height = least_hint.height() if can_shrink else max(hint.height(), least_hint.height())
    size = QSize(width, height).boundedTo(widget.maximumSize())
    if widget.minimumWidth() > 0:
        size.setWidth(widget.minimumWidth())
    if widget.minimumHeight() > 0:
        size.setHeight(widget.minimumHeight())
    return size.expandedTo(QSize(0, 0))


def _scroll_to_show(bar: QScrollBar, start: int, length: int, room: int) -> None:
    """Move ``bar`` the least that shows the stretch ``start``…``start + length`` of the page in ``room``
    pixels (with a small margin); one longer than the room is left alone if part of it is in sight already,
    else its beginning is shown."""
    margin = min(PageHolder.FOCUS_MARGIN, max((room - length) // 2, 0))
    shown_from = bar.value()
    shown_to = shown_from + room
    end = start + length
    if length > room:
        if start < shown_to and end > shown_from:
            return
        bar.setValue(start)
    elif start - margin < shown_from:
        bar.setValue(start - margin)
    elif end + margin > shown_to:
        bar.setValue(end + margin - room)


PAGES: tuple[tuple[str, str], ...] = (
    ("home", N_("Home")),
    ("roster", N_("Roster")),
    ("meetings", N_("Organisation life")),
    ("flowing", N_("Mobile members")),
    ("dues", N_("Party dues")),
    ("posts", N_("Posts")),
    ("notices", N_("Public notices")),
    ("settings", N_("Settings and backup")),
)


# Pages built by other parts of the program, imported only when first shown.
PLUGGED_PAGES: dict[str, tuple[str, str]] = {
    "home": ("dangjian_desktop.ui.pages.home_page", "HomePage"),
    "meetings": ("dangjian_desktop.ui.meetings.page", "MeetingsPage"),
    "flowing": ("dangjian_desktop.ui.flowing.page", "FlowingPage"),
    "dues": ("dangjian_desktop.ui.dues.page", "DuesPage"),
    "posts": ("dangjian_desktop.ui.posts.page", "PostsPage"),
    "notices": ("dangjian_desktop.ui.notices.page", "NoticesPage"),
}
# Pages whose changes show in the roster (who works away), so the roster is read again after them.
CHANGES_MEMBERS = frozenset({"flowing"})


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.masked = True
        self._all_rows: list[RosterRow] | None = None  # read once, shared by the home and roster pages
        self._stale: set[str] = set()  # opened pages whose data another page has changed since
        self.setMinimumSize(MINIMUM_WINDOW)
        self._update_title()

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFont(scaled_font(1.15))
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {
            "home": self._make_home_page,
            "roster": self._make_roster_page,
            "settings": self._make_settings_page,
        }
        for key, title in PAGES:
            item = QListWidgetItem(_(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
            self.stack.addWidget(PageHolder(key))  # the real page is built the first time it is shown
        self.navigation.currentRowChanged.connect(self._navigate)
        self.navigation.installEventFilter(self)  # Tab: into the page shown, not to 退出 below the list
        keep_fitted(self.navigation, self._fit_navigation)  # also after a new text size
        # A visible way out for those who do not use the window's ×, and Ctrl+Q from the keyboard.
        self.quit_button = QPushButton(_("Exit"))
        self.quit_button.setObjectName("quitButton")
        self.quit_button.setToolTip(_("Close the program (Ctrl+Q)"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.close)
        side = QWidget()
        side.setObjectName("sidebar")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 12)
        side_layout.setSpacing(8)
        side_layout.addWidget(self.navigation, 1)
        side_layout.addWidget(self.quit_button)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        quit_action = QAction(self)
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.triggered.connect(self.close)
        find_action = QAction(self)  # Ctrl+F: to the roster's search box from anywhere in the window
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.find_member)
        self.addActions([quit_action, find_action])
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            app.fontChanged.connect(self._text_size_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Tab in the page list goes to the first field or button of the page shown (with the focus ring
        round it), as she expects; 退出 is reached with Tab from the page's last control."""
        if (
            watched is self.navigation
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            first = self._first_control()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _first_control(self) -> QWidget | None:
        """The field a page names as its first (``first_field``: the roster's search box), else the control
        that comes first as she reads: the highest, and of those on one line the leftmost (the order Tab
        follows is the order the page was made in)."""
        holder = self.stack.currentWidget()
        page = holder.widget() if isinstance(holder, PageHolder) else None
        if page is None:
            return None
        controls = [
            widget
            for widget in page.findChildren(QWidget)
            if widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and not isinstance(widget, QTabBar)  # into the tab shown, not onto its title
        ]
        line = max(page.fontMetrics().height() // 2, 1)

        def place(widget: QWidget) -> tuple[int, int]:
            middle = widget.mapTo(page, QPoint(0, widget.height() // 2))  # a button is taller than a field
            return middle.y() // line, middle.x()

        named = getattr(page, "first_field", None)
        if named in controls:
            return named
        return min(controls, key=place, default=None)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        """A control of the page getting the keyboard focus (Tab, a shortcut, a page pointing at a field to
        fill in) is scrolled into view, once the page has its size."""
        if now is None or now.window() is not self:
            return
        holder = self.stack.currentWidget()
        if isinstance(holder, PageHolder) and holder.isAncestorOf(now):
            QTimer.singleShot(0, holder, lambda: self._keep_in_view(holder, now))

    @staticmethod
    def _keep_in_view(holder: PageHolder, widget: QWidget) -> None:
        if QApplication.focusWidget() is widget:  # still has the focus (and so still exists)
            holder.bring_into_view(widget)

    def _fit_navigation(self) -> None:
        metrics = self.navigation.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(self.navigation.item(i).text()) for i in range(self.navigation.count())
        )
        self.navigation.setFixedWidth(widest + 56)

    def _update_title(self) -> None:
        profile = branch_service.load_profile(self.workspace)
        title = _("Party Affairs Ledger")
        self.setWindowTitle(f"{title} — {profile.name}" if profile else title)

    # ----- pages -------------------------------------------------------------------------------------

    def all_rows(self) -> list[RosterRow]:
        """Every member of the branch (all statuses), read once and shared by the pages."""
        if self._all_rows is None:
            if self.workspace.branch_id is None:
                self._all_rows = []
            else:
                self._all_rows = member_service.roster_rows(self.workspace, statuses=MEMBER_STATUS.codes())
        return self._all_rows

    def _make_roster_page(self) -> QWidget:
        page = RosterPage(
            self.workspace,
            masked=self.masked,
            rows=self._all_rows,
            column_choices=self.settings.roster_columns,
        )
        page.data_changed.connect(lambda: self._page_changed_data("roster"))
        page.rows_loaded.connect(self._rows_loaded)
        page.columns_chosen.connect(self._columns_chosen)
        page.masking_changed.connect(lambda show: self.set_masked(not show))
        return page

    def _columns_chosen(self, chosen: dict[str, bool]) -> None:
        self.settings.roster_columns = chosen

    def _rows_loaded(self, rows: list[RosterRow]) -> None:
        if rows is not self._all_rows:
            self._all_rows = rows
            self._data_changed()

    def _make_settings_page(self) -> QWidget:
        page = SettingsPage(self.workspace, self.settings)
        page.unmask_box.setChecked(not self.masked)  # she may have switched it on the roster already
        page.masking_changed.connect(lambda show: self.set_masked(not show))
        page.profile_changed.connect(self._profile_changed)
        page.data_replaced.connect(self._data_replaced)
        page.reopen_requested.connect(self.reopen)
        return page

    def reopen(self) -> None:
        """Close the window (its place is kept) and start the program again on the same data."""
        from dangjian_desktop.app import start_command

        program, arguments = start_command(Path(self.workspace.folder))
        if not self.close():
            return
        log.info("reopening: %s %s", program, arguments)
        if not QProcess.startDetached(program, arguments):
            messages.error(None, _("The program could not be opened again. Please open it yourself."))
        QApplication.quit()

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use."""
        if key not in self.pages:
            keys = [k for k, _title in PAGES]
            position = keys.index(key)
            factory = self._factories.get(key, lambda: self._make_plugged_page(key))
            widget = factory()
            widget.setObjectName(f"page_{key}")
            holder = self.stack.widget(position)
            assert isinstance(holder, PageHolder)
            holder.set_page(widget)
            self.pages[key] = widget
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        keys = [k for k, _title in PAGES]
        self.navigation.setCurrentRow(keys.index(key))
        return self.page(key)

    def find_member(self) -> None:
        roster = self.show_page("roster")
        assert isinstance(roster, RosterPage)
        roster.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        roster.search_box.selectAll()

    def _make_home_page(self) -> QWidget:
        page = self._make_plugged_page("home", fallback=lambda: SummaryPage(self.workspace, self.all_rows))
        signal = getattr(page, "open_page", None)
        if signal is not None and hasattr(signal, "connect"):
            signal.connect(self.open_page)
        signal = getattr(page, "open_item", None)  # after open_page: the line itself, to show on its page
        if signal is not None and hasattr(signal, "connect"):
            signal.connect(self.show_due_item)
        return page

    def _make_plugged_page(self, key: str, fallback: Callable[[], QWidget] | None = None) -> QWidget:
        """Pages written elsewhere, if they are there yet; otherwise the honest placeholder."""
        title = _(dict(PAGES)[key])
        page = None
        if key in PLUGGED_PAGES:
            module, class_name = PLUGGED_PAGES[key]
            page = _plugged_page(module, class_name, self.workspace, self)
        if page is None:
            return fallback() if fallback else PlaceholderPage(title)
        signal = getattr(page, "data_changed", None)
        if signal is not None and hasattr(signal, "connect"):
            signal.connect(lambda key=key: self._page_changed_data(key))
        return page

    def open_page(self, key: str) -> None:
        """Open a page by its key (the home page's lines do); "backup" is a tab of the settings page."""
        if key == "backup":
            settings_page = self.show_page("settings")
            if isinstance(settings_page, SettingsPage):
                settings_page.show_tab("backup")
        elif key in dict(PAGES):
            self.show_page(key)

    def show_due_item(self, item: object, as_of: object = None) -> None:
        """A home line, once its page is open (``open_page``): the page shows the line's own thing — with its
        ``show_due_item(item, as_of)`` if it has one (the dues page: the 欠缴 tab, the member selected), else
        the line's member selected with its ``select_member(member_id)``."""
        page = self.pages.get(str(getattr(item, "page", "")))
        if page is None or not self.stack.currentWidget().isAncestorOf(page):
            return  # the page did not open
        show = getattr(page, "show_due_item", None)
        member_id = getattr(item, "member_id", None)
        if callable(show):
            show(item, as_of)
        elif member_id is not None and callable(getattr(page, "select_member", None)):
            page.select_member(member_id)

    def _navigate(self, position: int) -> None:
        if position < 0:
            return
        key = PAGES[position][0]
        try:
            page = self.page(key)
            if key in self._stale:
                self._stale.discard(key)
                _read_again(key, page)
        except AppError as error:
            messages.error(self, error.message)
            return
        self.stack.setCurrentIndex(position)

    # ----- what pages tell each other ----------------------------------------------------------------

    def set_masked(self, masked: bool) -> None:
        """The one switch for full ID numbers and phones, shown both on the roster and on 设置."""
        self.masked = masked
        roster = self.pages.get("roster")
        if isinstance(roster, RosterPage):
            roster.set_masked(masked)
        settings = self.pages.get("settings")
        if isinstance(settings, SettingsPage):
            with QSignalBlocker(settings.unmask_box):
                settings.unmask_box.setChecked(not masked)

    def _page_changed_data(self, source: str) -> None:
        """A page changed data: every other opened page reads its data again when it is next shown (the
        roster shows who works away, the dues and posts pages list the members, the home page counts)."""
        self._stale |= {key for key in self.pages if key not in (source, "settings")}
        if source in CHANGES_MEMBERS:
            self._all_rows = None
        self._data_changed()

    def _text_size_changed(self) -> None:
        """A new text size (设置): the fonts of every open page have followed (ui/widgets/text_size.py); each
        page also reads its data again when next shown, so its tables' rows and columns are fitted to the
        new text as when it was first shown."""
        self._stale |= {key for key in self.pages if key != "settings"}
        current = PAGES[self.navigation.currentRow()][0] if self.navigation.currentRow() >= 0 else ""
        if current in self._stale:  # the page in sight (not the settings page): once the fonts are done
            QTimer.singleShot(0, self, lambda: self._navigate(self.navigation.currentRow()))

    def _data_changed(self) -> None:
        home = self.pages.get("home")
        if home is not None and hasattr(home, "dirty"):
            home.dirty = True  # the home page reads its figures again when next shown

    def _data_replaced(self) -> None:
        """After a restore every page reads the data again."""
        self._all_rows = None
        self._data_changed()
        self._profile_changed()
        for key, page in self.pages.items():
            if key != "settings":
                _read_again(key, page)

    def _profile_changed(self) -> None:
        self._update_title()
        home = self.pages.get("home")
        if home is not None and hasattr(home, "dirty"):
            home.dirty = True
            if home.isVisible() and callable(getattr(home, "refresh", None)):
                home.refresh()
        settings_page = self.pages.get("settings")
        if isinstance(settings_page, SettingsPage):
            settings_page.refresh_profile()

    # ----- where the window is ----------------------------------------------------------------------

    def place_on_screen(self) -> None:
        """Put the window (before it is shown) where it was when the program was last closed: size,
        position and maximised or not. A place no longer on any screen (a second screen taken away, a
        smaller screen) is not used: the window then gets the first start's size, centred."""
        screens = [screen.availableGeometry() for screen in QGuiApplication.screens()]
        saved = self.settings.window_place()
        if saved is not None:
            geometry, normal = saved
            if on_a_screen(normal, screens) and self.restoreGeometry(geometry):
                log.info("window placed as last time: %s", _rect_text(normal))
                return
            log.info("the window's last place %s is not on a screen now; placed anew", _rect_text(normal))
        primary = QGuiApplication.primaryScreen()
        area = primary.availableGeometry() if primary is not None else QRect(0, 0, 1366, 728)
        rect, maximise = default_place(area, ROOMY_WINDOW.expandedTo(self.minimumSize()))
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMaximized)
        self.setGeometry(rect)
        if maximise:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def save_place(self) -> None:
        """Remember the window's size, position and maximised state for the next start."""
        normal = self.normalGeometry()
        if not normal.isValid() or normal.isEmpty():
            normal = self.geometry()
        self.settings.save_window_place(self.saveGeometry(), normal)

    def closeEvent(self, event: QCloseEvent) -> None:
        log.info("main window closed")
        if self.isVisible():  # a window never shown has no place to remember
            self.save_place()
        super().closeEvent(event)


def _rect_text(rect: QRect) -> str:
    return f"{rect.width()}×{rect.height()} at {rect.x()},{rect.y()}"
