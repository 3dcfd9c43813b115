"""The program's main window on a real X display, driven from outside (tests/ui/test_real_wheel.py).

Run as ``python -m tests.support.wheel_harness DATA_DIR`` with DISPLAY set. It opens the roster with one
member, then 修改党员信息 for that member, and answers one command per line on stdin with one JSON line
on stdout:

- ``where``: the centre of each watched field on the screen and its current value;
- ``close-dialog``: closes the member form (nothing saved) and then answers like ``where`` for the roster;
- ``quit``.

The window is the real one (prepare_application, MainWindow), so the wheel guard and focus policies are
those the secretary gets; the events come from the X server, so Qt sees them as spontaneous.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QSocketNotifier  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QWidget  # noqa: E402

from dangjian_desktop.app import prepare_application  # noqa: E402
from dangjian_desktop.domain.idnumber import check_digit  # noqa: E402
from dangjian_desktop.services import members  # noqa: E402
from dangjian_desktop.services.branch import BranchProfile, save_profile  # noqa: E402
from dangjian_desktop.services.workspace import open_workspace  # noqa: E402
from dangjian_desktop.ui.main_window import MainWindow, UiSettings  # noqa: E402
from dangjian_desktop.ui.members.member_dialog import MemberDialog  # noqa: E402
from dangjian_desktop.ui.members.page import RosterPage  # noqa: E402

MEMBER = {
    "name": "张秀英",
    "joined_date": "1990-07-01",
    "category": "full",
    "ethnicity": "汉族",
}
DIALOG_FIELDS = ("category", "ethnicity", "dues_category", "sex")


def _value(field: QWidget) -> object:
    if isinstance(field, QComboBox):
        return field.currentText()
    return field.property("value")


def _describe(fields: dict[str, QWidget]) -> dict[str, dict[str, object]]:
    answer = {}
    for name, field in fields.items():
        centre = field.mapToGlobal(field.rect().center())
        answer[name] = {"x": centre.x(), "y": centre.y(), "value": _value(field)}
    return answer


def main(folder: Path) -> int:
    app = QApplication([sys.argv[0]])
    workspace = open_workspace(folder)
    save_profile(workspace, BranchProfile(name="中共前进村支部委员会"))
    id_number = "37012419650308112"
    member_id = members.add_member(workspace, dict(MEMBER, id_number=id_number + check_digit(id_number))).id
    settings = UiSettings.in_folder(folder)
    prepare_application(app, settings)
    window = MainWindow(workspace, settings)
    roster = window.show_page("roster")
    assert isinstance(roster, RosterPage)
    window.move(0, 0)
    window.resize(1300, 740)
    window.show()
    dialog = MemberDialog(workspace, member_id, parent=window)
    dialog.move(20, 20)
    dialog.show()
    dialog.activateWindow()
    watched: dict[str, QWidget] = {name: dialog.editors[name] for name in DIALOG_FIELDS}

    def answer(payload: object) -> None:
        print(json.dumps(payload, ensure_ascii=False), flush=True)

    def command() -> None:
        nonlocal watched
        line = sys.stdin.readline().strip()
        if line in ("quit", ""):
            app.quit()
            return
        if line == "close-dialog":
            dialog.done(0)
            window.activateWindow()
            watched = {
                "status_filter": roster.status_filter,
                "category_filter": roster.category_filter,
                "away_filter": roster.away_filter,
            }
        app.processEvents()
        answer(_describe(watched))

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    answer({"ready": True})
    try:
        return app.exec()
    finally:
        workspace.close()


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
