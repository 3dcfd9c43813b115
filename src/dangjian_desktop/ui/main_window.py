"""The main window: a navigation list on the left, one page at a time on the right.

The pages are 首页, one per module (features.py, in its order) and 设置/备份; each is built the first time it
is shown (ui/navigation.py) and held in a PageHolder (ui/page_holder.py). The window also passes on what
the pages tell each other: a page that changed data makes the others read again when next shown.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QProcess, QRect, QSignalBlocker, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.features import feature
from dangjian_desktop.i18n import _
from dangjian_desktop.services import branch as branch_service
from dangjian_desktop.services.members import RosterRow
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.members.page import RosterPage
from dangjian_desktop.ui.module_page import HasFirstField, ModulePage, SelectsMember, ShowsDueItem
from dangjian_desktop.ui.navigation import (
    CHANGES_MEMBERS,
    HOME,
    PAGES,
    SETTINGS,
    page_class,
    page_keys,
    pages_for,
)
from dangjian_desktop.ui.page_holder import PageHolder, _least_size
from dangjian_desktop.ui.ui_settings import (
    DEFAULT_FONT_SIZE,
    FONT_SIZES,
    SETTINGS_FILE,
    UiSettings,
    apply_font_size,
)
from dangjian_desktop.ui.widgets.text_size import keep_fitted, scaled_font
from dangjian_desktop.ui.window_place import _rect_text, default_place, on_a_screen

if TYPE_CHECKING:
    from dangjian_desktop.services.home import DueItem
    from dangjian_desktop.ui.pages.home_page import HomePage
    from dangjian_desktop.ui.pages.settings_hub import SettingsPage

# Names other modules and the tests import from here.
__all__ = [
    "DEFAULT_FONT_SIZE",
    "FONT_SIZES",
    "MINIMUM_WINDOW",
    "PAGES",
    "ROOMY_WINDOW",
    "SETTINGS_FILE",
    "STYLE_SHEET",
    "MainWindow",
    "PageHolder",
    "UiSettings",
    "_least_size",
    "apply_font_size",
    "default_place",
    "on_a_screen",
]

log = logging.getLogger(__name__)
SETTINGS_TABS = ("backup", "exchange")  # pages the home page's lines name that are tabs of 设置

# The smallest the window can be made: fits a 1024×600 screen (logical pixels, so also 1280×720 at 150 %
# or 1366×768) with a taskbar and a title bar. Pages that need more room scroll inside it (PageHolder).
MINIMUM_WINDOW = QSize(960, 500)
# The smallest window that still shows every page whole at the standard text size: a screen that leaves
# no room around it (1366×768) gets a maximised window at the first start.
ROOMY_WINDOW = QSize(1180, 660)

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


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.masked = True
        self._all_rows: list[RosterRow] | None = None  # the roster as last read; new rows: home counts
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
        self.pages: dict[str, QWidget] = {}  # the pages built so far, by key
        self._modules: dict[str, ModulePage] = {}  # the same, for the modules' pages
        self.home: HomePage | None = None
        self.settings_page: SettingsPage | None = None
        self._factories: dict[str, Callable[[], QWidget]] = {
            HOME: self._make_home_page,
            "roster": self._make_roster_page,
            SETTINGS: self._make_settings_page,
        }
        self.page_list: tuple[tuple[str, str], ...] = ()
        self._fill_navigation(workspace)
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

        if isinstance(page, HasFirstField) and page.first_field in controls:
            return page.first_field
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

    def _make_home_page(self) -> QWidget:
        from dangjian_desktop.ui.pages.home_page import HomePage  # with every module's services: when shown

        page = HomePage(self.workspace, self)
        page.open_page.connect(self.open_page)
        page.open_item.connect(self.show_due_item)  # after open_page: the line itself, to show on its page
        self.home = page
        return page

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
        self._modules["roster"] = page
        return page

    def _make_module_page(self, key: str) -> QWidget:
        """A module's page, of the class the registry names (features.py)."""
        page = page_class(feature(key))(self.workspace, self)
        if not isinstance(page, ModulePage):
            raise TypeError(f"the page of {key} has no data_changed signal or reload()")
        page.data_changed.connect(lambda: self._page_changed_data(key))
        self._modules[key] = page
        return page

    def _columns_chosen(self, chosen: dict[str, bool]) -> None:
        self.settings.roster_columns = chosen

    def _rows_loaded(self, rows: list[RosterRow]) -> None:
        if rows is not self._all_rows:
            self._all_rows = rows
            self._data_changed()

    def _make_settings_page(self) -> QWidget:
        from dangjian_desktop.ui.pages.settings_hub import SettingsPage  # its four tabs: when first shown

        page = SettingsPage(self.workspace, self.settings)
        page.unmask_box.setChecked(not self.masked)  # she may have switched it on the roster already
        page.masking_changed.connect(lambda show: self.set_masked(not show))
        page.profile_changed.connect(self._profile_changed)
        page.data_replaced.connect(self._data_replaced)
        page.reopen_requested.connect(self.reopen)
        page.workspace_opened.connect(self.switch_workspace)
        self.settings_page = page
        return page

    def _fill_navigation(self, workspace: Workspace) -> None:
        """The left-hand list and an empty holder per page, for this login: a township login also has the
        township's own pages (features.py township_only). Nothing is done when the list stays the same."""
        pages = pages_for(workspace.is_township)
        if pages == self.page_list:
            return
        with QSignalBlocker(self.navigation):
            self.navigation.clear()
        while (holder := self.stack.widget(0)) is not None:
            self.stack.removeWidget(holder)
            holder.deleteLater()
        self.page_list = pages
        for key, title in pages:
            item = QListWidgetItem(_(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
            self.stack.addWidget(PageHolder(key))  # the real page is built the first time it is shown

    def switch_workspace(self, workspace: Workspace, text: str = "") -> None:
        """Work on other data from now on (设置 → 数据库连接 saved: the township's server, or this PC's own
        data): every page built so far goes and is built again on the new data when next shown; the
        home page is shown, and ``text`` said."""
        old = self.workspace
        if workspace.branch_id is None and not workspace.is_server:
            from dangjian_desktop.ui.dialogs.setup_dialog import SetupDialog

            SetupDialog(workspace, first_start=True, parent=self).exec()  # this PC's data, never set up
        self.workspace = workspace
        for key in list(self.pages):
            holder = self.stack.widget(page_keys(self.page_list).index(key))
            if isinstance(holder, PageHolder):
                page = holder.takeWidget()
                if page is not None:
                    page.deleteLater()
        self.pages.clear()
        self._modules.clear()
        self._stale.clear()
        self.home = None
        self.settings_page = None
        self._all_rows = None
        if old is not workspace:
            old.close()
        log.info("now working on %s", "the server" if workspace.is_server else "local data")
        self._update_title()
        self._show_read_only(workspace)
        self._fill_navigation(workspace)  # a township login has its own pages, a village's not
        self.navigation.setCurrentRow(-1)  # so that showing the first page builds it anew
        self.show_page(self.first_page)
        if text:
            messages.info(self, text)

    def _show_read_only(self, workspace: Workspace) -> None:
        """The yellow line saying she can only look (a township login, a server of another version, a
        write-protected stick): the old data's goes, the new data's comes."""
        from dangjian_desktop.app import _show_read_only_banner  # the one banner, as at the start

        for banner in self.findChildren(QToolBar, "readOnlyBanner"):
            self.removeToolBar(banner)
            banner.deleteLater()
        if workspace.read_only:
            _show_read_only_banner(self, workspace.read_only_reason)

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
            position = page_keys(self.page_list).index(key)
            factory = self._factories.get(key, lambda: self._make_module_page(key))
            widget = factory()
            widget.setObjectName(f"page_{key}")
            holder = self.stack.widget(position)
            assert isinstance(holder, PageHolder)
            holder.set_page(widget)
            self.pages[key] = widget
        return self.pages[key]

    @property
    def first_page(self) -> str:
        """Where the window opens: the home page, or for a township login its first page (it has no home)."""
        return self.page_list[0][0]

    def show_page(self, key: str) -> QWidget:
        self.navigation.setCurrentRow(page_keys(self.page_list).index(key))
        return self.page(key)

    def find_member(self) -> None:
        if "roster" not in page_keys(self.page_list):
            return  # a township login has no roster of its own
        roster = self.show_page("roster")
        assert isinstance(roster, RosterPage)
        roster.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        roster.search_box.selectAll()

    def open_page(self, key: str) -> None:
        """Open a page by its key (the home page's lines do); "backup" and "exchange" are tabs of the
        settings page."""
        if key in SETTINGS_TABS:
            self.show_page(SETTINGS)
            if self.settings_page is not None:
                self.settings_page.show_tab(key)
        elif key in page_keys(self.page_list):
            self.show_page(key)

    def show_due_item(self, item: DueItem, as_of: dt.date | None = None) -> None:
        """A home line, once its page is open (``open_page``): the page shows the line's own thing — with its
        ``show_due_item(item, as_of)`` if it has one (the dues page: the 欠缴 tab, the member selected), else
        the line's member selected with its ``select_member(member_id)``."""
        page = self._modules.get(item.page)
        shown = self.stack.currentWidget()
        if page is None or shown is None or not shown.isAncestorOf(self.pages[item.page]):
            return  # the page did not open
        if isinstance(page, ShowsDueItem):
            page.show_due_item(item, as_of)
        elif item.member_id is not None and isinstance(page, SelectsMember):
            page.select_member(item.member_id)

    def _navigate(self, position: int) -> None:
        if position < 0:
            return
        key = self.page_list[position][0]
        try:
            self.page(key)
            if key in self._stale:
                self._stale.discard(key)
                self._read_again(key)
        except AppError as error:
            messages.error(self, error.message)
            return
        self.stack.setCurrentIndex(position)

    def _read_again(self, key: str) -> None:
        """Make a page show the data as it is now: the home page when it is next shown (at once when it is
        in sight), a module's page with its ``reload()``."""
        if key == HOME:
            self._home_read_again()
        elif key in self._modules:
            self._modules[key].reload()

    def _home_read_again(self) -> None:
        if self.home is not None:
            self.home.dirty = True
            if self.home.isVisible():
                self.home.refresh()

    # ----- what pages tell each other ----------------------------------------------------------------

    def set_masked(self, masked: bool) -> None:
        """The one switch for full ID numbers and phones, shown both on the roster and on 设置."""
        self.masked = masked
        roster = self.pages.get("roster")
        if isinstance(roster, RosterPage):
            roster.set_masked(masked)
        if self.settings_page is not None:
            with QSignalBlocker(self.settings_page.unmask_box):
                self.settings_page.unmask_box.setChecked(not masked)

    def _page_changed_data(self, source: str) -> None:
        """A page changed data: every other opened page reads its data again when it is next shown (the
        roster shows who works away, the dues and posts pages list the members, the home page counts)."""
        self._stale |= {key for key in self.pages if key not in (source, SETTINGS)}
        if source in CHANGES_MEMBERS:
            self._all_rows = None
        self._data_changed()

    def _text_size_changed(self) -> None:
        """A new text size (设置): the fonts of every open page have followed (ui/widgets/text_size.py); each
        page also reads its data again when next shown, so its tables' rows and columns are fitted to the
        new text as when it was first shown."""
        self._stale |= {key for key in self.pages if key != SETTINGS}
        current = self.page_list[self.navigation.currentRow()][0] if self.navigation.currentRow() >= 0 else ""
        if current in self._stale:  # the page in sight (not the settings page): once the fonts are done
            QTimer.singleShot(0, self, lambda: self._navigate(self.navigation.currentRow()))

    def _data_changed(self) -> None:
        if self.home is not None:
            self.home.dirty = True  # the home page reads its figures again when next shown

    def _data_replaced(self) -> None:
        """After a restore every page reads the data again."""
        self._all_rows = None
        self._data_changed()
        self._profile_changed()
        for key in self.pages:
            if key != SETTINGS:
                self._read_again(key)

    def _profile_changed(self) -> None:
        self._update_title()
        self._home_read_again()
        if self.settings_page is not None:
            self.settings_page.refresh_profile()

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
