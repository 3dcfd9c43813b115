"""The township's side of the USB exchange on the 乡镇汇总 page, on a real PostgreSQL server as the township
login: 导入村里的数据… (the administrator's login asked once, a wrong password and a login that is not the
owner refused in words; each file's result per area; a file signed with another branch's key refused with
nothing changed), 各村上报情况, and 给村里的答复 (a hand-up confirmed, the reply file written and taken by
the village's own PC). Files are made as the villages make them (SQLite data folders, the key the
township issued, ``export_branch``). Screens are saved to $DANGJIAN_SHOTS when set."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget
from tests.support.village_files import village_file, village_pc

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.i18n import _
from dangjian_desktop.services import exchange
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.ui.township import owner_login
from dangjian_desktop.ui.township.decision_dialog import DecisionDialog
from dangjian_desktop.ui.township.import_results import ImportResultsDialog
from dangjian_desktop.ui.township.owner_login import OwnerLoginDialog
from dangjian_desktop.ui.township.page import TownshipPage
from dangjian_desktop.ui.ui_settings import DEFAULT_FONT_SIZE

FRONT, RED_FLAG = "中共前进村支部委员会", "中共红旗村支部委员会"  # branches A and B of the server


def shot(widget: QWidget, tmp_path: Path, name: str) -> None:
    image = widget.grab()
    assert not image.isNull()
    image.save(str(Path(os.environ.get("DANGJIAN_SHOTS", tmp_path)) / name))


@pytest.fixture(autouse=True)
def _no_remembered_login():
    owner_login._remembered.clear()
    yield
    owner_login._remembered.clear()


@pytest.fixture
def villages(township_db, tmp_path):
    """Two villages on their own PCs (A and B) with the keys the township issued, and a third PC that
    calls itself A but holds B's key (its files must be refused)."""
    key_a = exchange.issue_key(township_db.owner_url, "A").key
    key_b = exchange.issue_key(township_db.owner_url, "B").key
    made = {
        "A": village_pc(tmp_path / "village-a", FRONT, "A", key_a),
        "B": village_pc(tmp_path / "village-b", RED_FLAG, "B", key_b),
        "forged": village_pc(tmp_path / "village-forged", FRONT, "A", key_b),
    }
    yield made
    for workspace in made.values():
        workspace.close()


@pytest.fixture
def page(qtbot, township_db, tmp_path, message_log, real_look):
    real_look(DEFAULT_FONT_SIZE)  # the program's font: the pictures show the Chinese as she sees it
    workspace = open_workspace(tmp_path / "township", database_url=township_db.url_for("township"))
    assert workspace.is_township
    widget = TownshipPage(workspace)
    qtbot.addWidget(widget)
    widget.year.setValue(2026)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    workspace.close()


class Driver:
    """Answers the page's dialogs as a user would: the administrator's login typed in (``logins``: the
    attempts, in order), the import's results looked at and closed, a reply filled in."""

    def __init__(
        self, qtbot, page: TownshipPage, tmp_path: Path, logins: list[tuple[str, str]], name: str = ""
    ) -> None:
        self.qtbot, self.tmp_path, self.logins, self.name = qtbot, tmp_path, list(logins), name
        self.login_problems: list[str] = []
        self.results: list[ImportResultsDialog] = []
        self.fill_reply = None
        page.dialog_opened.connect(lambda dialog: QTimer.singleShot(0, lambda: self.answer(dialog)))

    def answer(self, dialog) -> None:
        if isinstance(dialog, OwnerLoginDialog):
            self.sign_in(dialog)
        elif isinstance(dialog, ImportResultsDialog):
            self.results.append(dialog)
            shot(dialog, self.tmp_path, f"import-results-{self.name}{len(self.results)}.png")
            close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
            self.qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
        elif isinstance(dialog, DecisionDialog):
            assert self.fill_reply is not None
            self.fill_reply(dialog)

    def sign_in(self, dialog: OwnerLoginDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        while self.logins and dialog.isVisible():
            user, password = self.logins.pop(0)
            dialog.user.clear()
            dialog.password.clear()
            self.qtbot.keyClicks(dialog.user, user)
            self.qtbot.keyClicks(dialog.password, password)
            self.qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
            if dialog.isVisible():
                self.login_problems.append(dialog.general_error.text())
                shot(dialog, self.tmp_path, "administrator-login.png")
        if dialog.isVisible():
            dialog.reject()


def owner_of(township_db) -> tuple[str, str]:
    parts = urlsplit(township_db.owner_url)
    return unquote(parts.username or ""), unquote(parts.password or "")


def import_by_clicking(qtbot, page: TownshipPage, monkeypatch, files: list[Path]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files], ""))
    page.importer.outcomes = None
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.importer.outcomes is not None and page.import_button.isEnabled(), timeout=60000
    )


def members_shown(page: TownshipPage) -> dict[str, str]:
    """The report's first section (members per branch) as shown: branch -> number of members."""
    table = page.sections[0].table
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def area_rows(dialog: ImportResultsDialog) -> dict[str, tuple[int, ...]]:
    table = dialog.areas
    return {
        table.item(r, 0).text(): tuple(int(table.item(r, c).text()) for c in range(1, 5))
        for r in range(table.rowCount())
    }


def test_importing_two_villages_files(qtbot, page, villages, township_db, tmp_path, monkeypatch, message_log):
    files = [village_file(villages[code], tmp_path / "stick") for code in ("A", "B")]
    user, password = owner_of(township_db)
    driver = Driver(
        qtbot,
        page,
        tmp_path,
        [(user, "not-the-password"), ("township", "secret"), (user, password)],
        "two-files-",
    )
    assert page.sections[0].table.horizontalHeaderItem(1).text() == "党员数"
    assert members_shown(page) == {FRONT: "0", RED_FLAG: "0", "全镇合计": "0"}
    import_by_clicking(qtbot, page, monkeypatch, files)

    # the administrator's login: a wrong password, then the township's own login, each refused in words
    assert driver.login_problems == [
        _("The township server refused the user name or the password. Please check both and try again."),
        _(
            "The login {user} may not do this: the administrator's commands need the database's "
            "owner (the login that ran admin init)."
        ).format(user="township"),
    ]
    # one results dialog: both files imported, each with its branch, number and areas
    (dialog,) = driver.results
    files_table = dialog.files
    assert [files_table.item(r, 0).text() for r in range(2)] == [f.name for f in files]
    assert [files_table.item(r, 1).text() for r in range(2)] == [f"A　{FRONT}", f"B　{RED_FLAG}"]
    assert [files_table.item(r, 3).text() for r in range(2)] == [_("Taken in")] * 2
    outcome_a = page.importer.outcomes[0].imported
    dialog.show_outcome(page.importer.outcomes[0])
    shown = area_rows(dialog)
    assert shown[_("Total")] == (outcome_a.new, outcome_a.updated, outcome_a.unchanged, outcome_a.removed)
    roster, dues = shown["花名册"], shown["党费"]
    assert roster[0] >= 4 and roster[1:] == (0, 0, 0)  # four members, new on the server
    assert dues[0] > 0
    # the report was read again: the villages' members are on the server now
    assert members_shown(page) == {FRONT: "4", RED_FLAG: "4", "全镇合计": "8"}
    shot(page, tmp_path, "township-report-after-import.png")

    # the same file again: asked no password (kept for the session), nothing changed, said so
    import_by_clicking(qtbot, page, monkeypatch, files[:1])
    assert driver.logins == []  # no login asked again
    again = page.importer.outcomes[0].imported
    assert again.already and again.new == again.updated == again.removed == 0
    dialog = driver.results[-1]
    assert dialog.files.item(0, 3).text() == _("Imported before")
    assert _("This file was imported before: nothing was changed.") in dialog.heading.text()
    # the password was kept in memory only: not in any file of the township's data folder
    owner = owner_login._remembered[page.workspace.db.url]
    assert password in owner
    for path in page.workspace.folder.rglob("*"):
        if path.is_file():
            assert owner.encode() not in path.read_bytes(), path


def test_a_file_signed_with_another_branchs_key_is_refused(
    qtbot, page, villages, township_db, tmp_path, monkeypatch, message_log
):
    forged = village_file(villages["forged"], tmp_path / "stick")
    driver = Driver(qtbot, page, tmp_path, [owner_of(township_db)], "refused-")
    import_by_clicking(qtbot, page, monkeypatch, [forged])
    (outcome,) = page.importer.outcomes
    assert outcome.imported is None and "A" in outcome.refusal
    (dialog,) = driver.results
    assert dialog.files.item(0, 3).text() == _("Refused")
    assert outcome.refusal in dialog.heading.text() and not dialog.areas.isVisibleTo(dialog)
    assert members_shown(page)[FRONT] == "0"  # nothing was written
    assert exchange.last_imports(township_db.url_for("township")) == []


def test_which_villages_have_reported(qtbot, page, villages, township_db, tmp_path, monkeypatch, message_log):
    Driver(qtbot, page, tmp_path, [owner_of(township_db)], "sequence-")
    first = village_file(villages["A"], tmp_path / "stick")
    second = village_file(villages["A"], tmp_path / "stick")
    import_by_clicking(qtbot, page, monkeypatch, [first, second])
    page.views.tabBar().setCurrentIndex(1)  # 各村上报情况
    table = page.reports_tab.table
    rows = [[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())]
    today = dt.date.today().isoformat()
    assert rows == [
        ["A", FRONT, _("No.{n}").format(n=2), today, today],
        ["B", RED_FLAG, _("Not sent yet"), "", ""],
    ]
    shot(page, tmp_path, "township-reports-from-villages.png")


def test_a_hand_up_confirmed_and_the_reply_file_taken_by_the_village(
    qtbot, page, villages, township_db, tmp_path, monkeypatch, message_log
):
    driver = Driver(qtbot, page, tmp_path, [owner_of(township_db)], "for-reply-")
    import_by_clicking(qtbot, page, monkeypatch, [village_file(villages["A"], tmp_path / "stick")])
    page.views.tabBar().setCurrentIndex(2)  # 给村里的答复
    replies = page.replies_tab
    assert replies.code() == "A" and replies.table.rowCount() == 0
    (handup,) = replies.handups
    assert (handup.handed_on, str(handup.amount), handup.receiver) == (
        dt.date(2026, 4, 10),
        "100.00",
        "城关镇党委组织办",
    )

    def fill(dialog: DecisionDialog) -> None:
        assert dialog.kind.currentData() == rules.APPROVAL  # an approval confirms no hand-up
        assert not dialog.form.isRowVisible(dialog.rows["handup"]) and dialog.subject.text() == ""
        dialog.kind.setCurrentIndex(dialog.kind.findData(rules.HANDUP))
        assert dialog.handup.currentData() == handup.public_id
        assert "100.00" in dialog.subject.text()  # read off the hand-up
        dialog.decided_by.setFocus()
        dialog.decided_by.insert("城关镇党委 王明")  # Chinese comes through the input method, not key by key
        shot(dialog, tmp_path, "reply-dialog.png")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    driver.fill_reply = fill
    qtbot.mouseClick(replies.add_button, Qt.MouseButton.LeftButton)
    assert replies.table.rowCount() == 1
    (decision,) = exchange.decisions_for(township_db.url_for("township"), "A")
    assert (decision.kind, decision.refers_to, decision.decided_by) == (
        rules.HANDUP,
        handup.public_id,
        "城关镇党委 王明",
    )
    assert replies.table.item(0, 3).text() == _("{date}: {amount} yuan to {receiver}").format(
        date="2026-04-10", amount="100.00", receiver="城关镇党委组织办"
    )
    shot(page, tmp_path, "township-replies.png")

    target = tmp_path / "stick" / "答复.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(replies.export_button, Qt.MouseButton.LeftButton)
    assert replies.last_export == target and target.is_file()
    assert message_log[-1][0] == "info" and str(target) in message_log[-1][1]

    village = villages["A"]
    taken = exchange.import_decisions(village, target)
    assert taken.new == 1 and taken.accepted_sequence == 1
    (received,) = exchange.decisions(village)
    assert received.kind == rules.HANDUP and received.refers_to == handup.public_id
    with sqlite3.connect(village.db_path) as connection:  # the village's own hand-up, by its public id
        own = connection.execute(
            "SELECT handed_on, amount_fen FROM dues_handup WHERE public_id = ?", (handup.public_id,)
        )
        assert own.fetchall() == [("2026-04-10", 10000)]


def test_cancelling_changes_nothing(qtbot, page, villages, township_db, tmp_path, monkeypatch, message_log):
    """No file chosen, or the administrator's login cancelled: nothing imported, nothing asked later."""
    file_a = village_file(villages["A"], tmp_path / "stick")
    opened: list[str] = []
    page.dialog_opened.connect(lambda dialog: opened.append(type(dialog).__name__))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert opened == []  # no file: not even the login is asked
    Driver(qtbot, page, tmp_path, [])  # the login dialog is closed with 取消
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(file_a)], ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert opened == ["OwnerLoginDialog"] and page.importer.task is None and page.import_button.isEnabled()
    assert owner_login._remembered == {} and exchange.last_imports(township_db.url_for("township")) == []
