"""The desktop program's start: arguments, logging, crash handling, Qt set-up, then the main window.

Start it with ``dangjian-desktop`` or ``python -m dangjian_desktop`` (``--data-dir DIR`` to use another
data folder). ``--smoke-test`` starts the program, shows the main window on the roster page and exits 0
as soon as the window has painted; on any failure it prints the reason and exits non-zero.
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import logging.handlers
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import TextIO

from dangjian_desktop import __version__
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _, set_language
from dangjian_desktop.paths import data_dir, log_dir, resource_path

log = logging.getLogger("dangjian_desktop")

LOG_FILE = "dangjian-desktop.log"
FAULT_FILE = "crash-faults.log"
BUNDLED_FONT = ("fonts", "NotoSansSC-Regular.ttf")
SMOKE_TEST_TIMEOUT_MS = 60_000

_keep_alive: list[object] = []  # Qt translators and the fault log must live as long as the program


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="dangjian-desktop", description="党建台账桌面版 (Party Affairs Ledger)"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the data folder (default: $DANGJIAN_DATA_DIR, portable.txt, or the per-user folder)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="work on the township's server: postgresql://USER:PASSWORD@HOST:PORT/DATABASE "
        "(default: $DANGJIAN_DATABASE_URL, else the choice in 设置 → 数据库连接)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start, show the roster page, exit 0 once the window has painted (non-zero on failure)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def _print(text: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    if stream is not None:  # a windowed program on Windows has no console
        print(text, file=stream, flush=True)


def _writable_log_folder(folder: Path) -> Path | None:
    """The data folder's logs/; when that cannot be written (a write-protected stick, a file named logs),
    a folder in the system's temporary folder; None when nothing can be written at all."""
    candidates = [lambda: log_dir(folder), lambda: _temporary_log_dir()]
    for make in candidates:
        try:
            logs = make()
            probe = logs / f".write-test-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
            return logs
        except OSError:
            continue
    return None


def _temporary_log_dir() -> Path:
    logs = Path(tempfile.gettempdir()) / "dangjian-desktop-logs"
    logs.mkdir(parents=True, exist_ok=True)
    return logs


def start_command(folder: Path) -> tuple[str, list[str]]:
    """The program and arguments that start this program again on the same data folder: the frozen
    build's own executable, or this Python with ``-m dangjian_desktop``."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--data-dir", str(folder)]
    return sys.executable, ["-m", "dangjian_desktop", "--data-dir", str(folder)]


def setup_logging(folder: Path) -> Path:
    """A rotating log file in the log folder; faults (crashes of Qt itself) go to a file beside it. Falls
    back to a temporary folder when the data folder cannot be written, and to no log file at all."""
    found = _writable_log_folder(folder)
    if found is None:
        return folder
    logs = found
    root = logging.getLogger()
    if not any(getattr(h, "_dangjian", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            logs / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        from dangjian_desktop.services.connection import MaskPasswords

        handler.addFilter(MaskPasswords())  # the server's password never reaches the file
        handler._dangjian = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        fault_file = (logs / FAULT_FILE).open("a", encoding="utf-8")
        faulthandler.enable(fault_file)
        _keep_alive.append(fault_file)
    return logs


class CrashHandler:
    """``sys.excepthook``: log the error, then tell the secretary in plain words (or, in the smoke test,
    print the traceback and make the program exit 1)."""

    def __init__(self, log_folder: Path, smoke_test: bool) -> None:
        self.log_folder = log_folder
        self.smoke_test = smoke_test
        self.failed = False
        self._showing = False

    def __call__(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.critical("unexpected error\n%s", details)
        self.failed = True
        from PySide6.QtWidgets import QApplication

        if self.smoke_test:
            _print(f"smoke test failed: unexpected error\n{details}")
            QApplication.exit(1)
            return
        if self._showing or QApplication.instance() is None:
            _print(details)
            return
        self._showing = True
        try:
            from dangjian_desktop.ui import messages

            if isinstance(error, AppError):
                messages.error(None, error.message)
            else:
                messages.error(
                    None,
                    _(
                        "Something unexpected went wrong. What you were doing may not have been finished; "
                        "data saved before is safe. The details are written in the log file; you can copy "
                        "them for whoever helps you."
                    ),
                    details=f"dangjian-desktop {__version__}\n{details}",
                    log_folder=str(self.log_folder),
                )
        finally:
            self._showing = False


def setup_fonts(app, size: int) -> str:  # noqa: ANN001 - QApplication
    """Use the system's font where it has a Chinese one; otherwise the bundled Noto Sans SC (SIL OFL), so
    Chinese never shows as boxes. Returns the family in use."""
    from PySide6.QtGui import QFont, QFontDatabase

    font = QFont(app.font())
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        font_id = QFontDatabase.addApplicationFont(str(resource_path(*BUNDLED_FONT)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            font = QFont(families[0])
        else:
            log.warning("the bundled font %s could not be loaded", "/".join(BUNDLED_FONT))
    font.setPointSize(size)
    app.setFont(font)
    return font.family()


def install_qt_translations(app, language: str) -> None:  # noqa: ANN001 - QApplication
    """Qt's own strings (确定/取消 on standard buttons, the context menu of a text field) in Chinese."""
    if language != "zh_CN":
        return
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        _keep_alive.append(translator)
    else:
        log.warning("qtbase_zh_CN.qm not found in %s", folder)

    class QtSupplement(QTranslator):
        """Asked first (installed last); None lets Qt ask its own catalogue."""

        def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201, ARG002
            return QT_MISSING_ZH_CN.get((context, source))

    supplement = QtSupplement(app)
    app.installTranslator(supplement)
    _keep_alive.append(supplement)


# Labels of Qt's own file dialog (used on Linux) that Qt's zh_CN catalogue lacks in the form with a
# keyboard accelerator, so "Look in:" and "Files of type:" showed in English.
QT_MISSING_ZH_CN = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


def prepare_application(app, settings) -> None:  # noqa: ANN001 - QApplication, UiSettings
    """Language, Qt's translations, fonts and look; call before building any window."""
    from PySide6.QtGui import QIcon

    from dangjian_desktop.ui.form_keys import install_form_keys
    from dangjian_desktop.ui.main_window import STYLE_SHEET
    from dangjian_desktop.ui.wheel_guard import install_wheel_guard
    from dangjian_desktop.ui.widgets.focus_ring import install_focus_ring
    from dangjian_desktop.ui.widgets.text_size import follow_text_size

    set_language(settings.language)
    install_qt_translations(app, settings.language)
    follow_text_size(app)  # a text size chosen later in 设置 reaches every open window at once
    family = setup_fonts(app, settings.font_size)
    log.info("language %s, font %s %s pt", settings.language, family, settings.font_size)
    icon = resource_path("icons", "app.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyleSheet(STYLE_SHEET)
    install_wheel_guard(app)
    install_form_keys(app)
    install_focus_ring(app)  # where the keyboard focus is, after Tab


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = _parse_args(argv)
    smoke = args.smoke_test
    if args.database:  # the same as the variable, for this process only: it wins over the saved choice
        from dangjian_desktop.services.workspace import DATABASE_URL_VARIABLE

        os.environ[DATABASE_URL_VARIABLE] = args.database
    try:
        folder = data_dir(args.data_dir)
    except OSError as error:
        _print(_("The data folder cannot be used: {error}").format(error=error))
        return 1
    logs = setup_logging(folder)
    log.info("start %s, data folder %s%s", __version__, folder, " (smoke test)" if smoke else "")
    crash_handler = CrashHandler(logs, smoke)
    sys.excepthook = crash_handler
    try:
        return _run(folder, smoke, crash_handler, started)
    except Exception:  # noqa: BLE001 - the last line of defence: report, never a silent crash
        crash_handler(*sys.exc_info())  # type: ignore[arg-type]
        return 1


def _run(folder: Path, smoke: bool, crash_handler: CrashHandler, started: float) -> int:
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from dangjian_desktop.services.workspace import claim_data_folder
    from dangjian_desktop.ui import messages
    from dangjian_desktop.ui.dialogs.setup_dialog import SetupDialog
    from dangjian_desktop.ui.main_window import MainWindow, UiSettings

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "dangjian-desktop"])
    app.setApplicationName("dangjian-desktop")
    app.setApplicationVersion(__version__)
    settings = UiSettings.in_folder(folder)
    prepare_application(app, settings)

    def fail(message: str, details: str = "") -> int:
        log.error("%s %s", message, details)
        if smoke:
            _print(f"smoke test failed: {message}\n{details}".rstrip())
        else:
            messages.error(None, message, details=details)
        return 1

    claim = claim_data_folder(folder)
    if claim is None:
        return _already_open(folder, smoke)
    from dangjian_desktop.ui.single_instance import FirstInstance, bring_forward

    shown: list[QWidget] = []
    listener = FirstInstance(folder, lambda: bring_forward(shown[-1] if shown else None))
    _keep_alive.extend([claim, listener])

    try:
        workspace = _open_or_rescue(folder, smoke)
    except AppError as error:
        return fail(error.message)
    except Exception as error:  # noqa: BLE001 - a locked or unreadable database
        return fail(_("The data could not be opened: {error}").format(error=error), traceback.format_exc())
    if workspace is None:
        return 0 if not smoke else 1

    window = None
    try:
        if (
            workspace.branch_id is None and not workspace.is_server and not smoke
        ):  # a server's are the township's
            dialog = SetupDialog(workspace, first_start=True)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                log.info("setup cancelled; quitting")
                return 0
        window = MainWindow(workspace, settings)
        shown.append(window)
        if workspace.read_only:
            _show_read_only_banner(window, workspace.read_only_reason)
        if smoke:
            return _smoke_test(app, window, crash_handler, started)
        window.show_page(window.first_page)
        window.place_on_screen()  # where it was last time, if that is still on a screen
        window.show()
        if workspace.notes:  # what upgrading the data found (e.g. a month paid twice), once
            messages.warning(window, "\n\n".join(workspace.notes))
        return app.exec()
    finally:
        (window.workspace if window is not None else workspace).close()  # 数据库连接 may have switched it


def _already_open(folder: Path, smoke: bool) -> int:
    """A second start on the same data folder: the first window comes forward, this one says so and ends
    (exit 0; in the smoke test exit 3, so scripts can tell)."""
    from dangjian_desktop.ui import messages
    from dangjian_desktop.ui.single_instance import ask_first_to_come_forward

    came_forward = ask_first_to_come_forward(folder)
    text = _("The program is already open on this computer; use the window that is open.")
    log.info("already open on %s (first window asked to come forward: %s)", folder, came_forward)
    if smoke:
        _print(f"smoke test stopped: {text}")
        return 3
    _print(text)
    messages.info(None, text)
    return 0


def _open_or_rescue(folder: Path, smoke: bool):  # noqa: ANN202 - a Workspace or None
    """The workspace; when the data cannot be opened, the rescue window (restore a backup) instead of
    quitting, then the workspace again. None when she closes the rescue window."""
    from PySide6.QtWidgets import QDialog

    from dangjian_desktop.domain.data_problems import LiveDataProblem
    from dangjian_desktop.services.workspace import open_workspace
    from dangjian_desktop.ui.dialogs.rescue_dialog import RescueDialog

    chosen = _open_chosen_server(folder, smoke)
    if chosen is not USE_LOCAL_DATA:
        return chosen
    while True:
        try:
            return open_workspace(folder)
        except LiveDataProblem as problem:
            log.error("the data cannot be opened (%s): %s", problem.kind, problem.detail)
            if smoke:
                raise
            rescue = RescueDialog(folder, problem)
            if rescue.exec() != QDialog.DialogCode.Accepted:
                return None


USE_LOCAL_DATA = object()  # the data folder's own SQLite file, as before issue 18


def _open_chosen_server(folder: Path, smoke: bool):  # noqa: ANN202 - a Workspace, None or USE_LOCAL_DATA
    """设置 → 数据库连接 chose the township's server (and no DANGJIAN_DATABASE_URL says otherwise): the
    workspace there, None when she quit, USE_LOCAL_DATA when she chose this PC's own data."""
    from dangjian_desktop.services import connection
    from dangjian_desktop.services.workspace import DATABASE_URL_VARIABLE

    settings = connection.load_settings(folder)
    if not settings.is_server or os.environ.get(DATABASE_URL_VARIABLE):
        return USE_LOCAL_DATA
    from dangjian_desktop.ui.dialogs.login_dialog import USE_LOCAL, connect_at_start

    found = connect_at_start(folder, settings, smoke)
    if found == USE_LOCAL:
        log.info("the server cannot be used; working on this PC's own data")
        return USE_LOCAL_DATA
    return found


def _show_read_only_banner(window, reason: str = "") -> None:  # noqa: ANN001 - the MainWindow
    from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

    banner = QToolBar()
    banner.setObjectName("readOnlyBanner")
    banner.setMovable(False)
    banner.setFloatable(False)
    banner.toggleViewAction().setVisible(False)  # no right-click menu that hides it
    banner.setStyleSheet("QToolBar { background: #fff3c4; border: none; border-bottom: 1px solid #e0c060; }")
    label = QLabel(reason or _("The USB stick is write-protected: you can only look, not change anything."))
    label.setWordWrap(True)
    label.setStyleSheet("color: #5c4400; padding: 8px 16px; font-weight: bold;")
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    banner.addWidget(label)
    window.addToolBar(banner)


class _FirstPaint:
    """Exits the event loop right after the window's first paint."""

    def __init__(self, app, window, started: float) -> None:  # noqa: ANN001
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.app = app
        self.started = started
        self.done = False

        class Filter(QObject):
            def eventFilter(inner, watched, event) -> bool:  # noqa: N805, ANN001
                if event.type() == QEvent.Type.Paint and not self.done:
                    self.done = True
                    QTimer.singleShot(0, self.finish)
                return False

        self.filter = Filter(window)
        window.installEventFilter(self.filter)

    def finish(self) -> None:
        _print(
            f"smoke test ok: main window painted {time.perf_counter() - self.started:.2f} s after start",
            sys.stdout,
        )
        self.app.exit(0)


def _smoke_test(app, window, crash_handler: CrashHandler, started: float) -> int:  # noqa: ANN001
    from PySide6.QtCore import QTimer

    from dangjian_desktop.ui.members.page import RosterPage

    roster = window.show_page("roster")
    if not isinstance(roster, RosterPage):
        _print("smoke test failed: the roster page did not open")
        return 1
    watcher = _FirstPaint(app, window, started)

    def too_slow() -> None:
        _print(f"smoke test failed: the window did not paint within {SMOKE_TEST_TIMEOUT_MS // 1000} s")
        app.exit(2)

    QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, too_slow)
    window.resize(1366, 768)
    window.show()
    code = app.exec()
    if crash_handler.failed:
        return code or 1
    if code == 0 and not watcher.done:
        return 2
    return code


if __name__ == "__main__":
    raise SystemExit(main())
