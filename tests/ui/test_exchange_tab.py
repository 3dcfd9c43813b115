"""设置 → 与乡镇交换, driven as the secretary does it, with real clicks: the key typed wrong (the service's
words next to the field) and then right; 上报数据到乡镇… before there is a key (it says what to do first),
then the preview and 保存… onto a USB stick (the file opens and its counts are the preview's); the
township's reply imported (its decisions in the table, "乡镇已收到第1次上报"), the same reply again, and a
reply signed with another key (refused in the service's words); a whole branch loaded from another PC's
file; and on the township's server the tab says one sentence and offers nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QStorageInfo, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog
from tests.ui.conftest import id_number as make_id

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services import backups, dues, exchange, members
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store import exchange_file
from dangjian_desktop.ui.exchange import places
from dangjian_desktop.ui.exchange.preview_dialog import PreviewDialog
from dangjian_desktop.ui.exchange.tab import ExchangeTab, on_the_server_sentence
from dangjian_desktop.ui.pages.settings_hub import SettingsPage
from dangjian_desktop.ui.ui_settings import UiSettings
from support.dialogs import DialogDriver
from support.exchange_files import decision, write_decisions_file

KEY = rules.format_key(rules.new_key())
SHOTS = os.environ.get("DANGJIAN_SCREENSHOTS", "")


def _shot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()  # the layouts settle, as they do before the screen is painted
        widget.grab().save(os.path.join(SHOTS, name))


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def tab(qtbot, workspace, message_log, real_look):
    real_look(14, bundled_font=True)  # the program's own look: the screenshots show its Chinese
    shown = ExchangeTab(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(shown)
    shown.resize(1100, 900)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def stick(tmp_path, monkeypatch) -> Path:
    """A USB stick plugged in (the folder where the file dialogs start)."""
    folder = tmp_path / "stick"
    folder.mkdir()
    monkeypatch.setattr(places, "removable_drives", lambda: [folder])
    return folder


def _no_dialog(*_args, **_kwargs):
    raise AssertionError("no file dialog may open here")


def _type(qtbot, editor, text: str) -> None:
    editor.clear()
    qtbot.keyClicks(editor, text)


def test_the_key_typed_wrong_then_right(qtbot, tab, workspace):
    box = tab.key_box
    assert box.form.isVisible() and not box.change_button.isVisible()
    assert box.state_label.text() == _(
        "The exchange key has not been entered yet: the township cannot take the branch's files without it."
    )
    wrong = KEY[:-1] + ("Z" if KEY[-1] != "Z" else "Y")  # one symbol mistyped: the check symbols find it
    _type(qtbot, box.code_edit, "")
    _type(qtbot, box.key_edit, wrong)
    _click(qtbot, box.save_button)

    with pytest.raises(rules.BadKey) as mistyped:
        rules.parse_key(wrong)
    key_error, code_error = box.rows["key"].error_label, box.rows["code"].error_label
    assert key_error.isVisible() and key_error.text() == mistyped.value.message
    assert code_error.isVisible() and code_error.text() == _(
        "Type the branch code the township gave you (e.g. 01)."
    )
    assert not exchange.key_state(workspace).has_key  # nothing was saved
    _shot(tab, "exchange_tab_key_mistyped.png")

    _type(qtbot, box.code_edit, "01")
    _type(qtbot, box.key_edit, KEY.lower().replace("-", " "))  # small letters and spaces are fine
    _click(qtbot, box.save_button)

    state = exchange.key_state(workspace)
    assert state.has_key and state.code == "01" and state.key_id == rules.key_id(KEY.replace("-", ""))
    assert not box.form.isVisible() and box.change_button.isVisible()
    assert box.state_label.text() == _("Branch code {code}, exchange key entered ({date})").format(
        code="01", date=format_date(dt.date.today(), "long")
    )
    assert not key_error.isVisible() and not code_error.isVisible()


def test_the_key_read_from_the_townships_key_file(qtbot, tab, workspace, tmp_path, monkeypatch):
    key_file = tmp_path / "密钥.txt"
    key_file.write_text(rules.key_file_text("07", "前进村", KEY.replace("-", "")), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(key_file), ""))
    _click(qtbot, tab.key_box.file_button)
    state = exchange.key_state(workspace)
    assert state.has_key and state.code == "07"


def test_sending_before_the_key_says_what_to_do_first(qtbot, tab, workspace, message_log, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _no_dialog)
    _click(qtbot, tab.export_button)
    assert message_log == [("info", tab.last_message)]
    assert "“" + _("Branch code and exchange key") + "”" in tab.last_message
    assert tab.key_box.form.isVisible()
    assert tab.key_box.code_edit.hasFocus()
    assert exchange.last_sent(workspace) is None


def test_the_preview_and_the_file_saved_on_the_stick(qtbot, tab, workspace, add_members, stick, monkeypatch):
    add_members(12)
    exchange.enter_key(workspace, "01", KEY)
    tab.refresh()
    asked: list[str] = []

    def save_as(_parent, _title, start, _pattern):
        asked.append(start)
        return str(stick / "上报文件"), ""  # she types a name without .zip

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    expected = exchange.preview(workspace)
    shown: dict[str, object] = {}

    def fill(dialog):
        assert isinstance(dialog, PreviewDialog)
        shown["areas"] = dialog.area_counts()
        shown["history"] = dialog.history_label.text()
        dialog.resize(dialog.sizeHint())
        _shot(dialog, "exchange_preview_dialog.png")
        _click(qtbot, dialog.save_button)

    driver = DialogDriver(tab, fill)
    _click(qtbot, tab.export_button)
    driver.done()

    assert shown["areas"] == expected.areas and expected.areas[_("Roster")] >= 12
    assert _("This is the branch's first report to the township.") in str(shown["history"])
    assert asked == [str(stick / expected.file_name)]  # starts on the stick, under the file's own name
    path = stick / "上报文件.zip"
    file = exchange_file.read(path)
    assert file.signed_with(rules.parse_key(KEY))
    assert file.manifest["sequence"] == 1 and file.manifest["branch"]["code"] == "01"
    assert exchange.common.counts_by_area(file.manifest["counts"]) == expected.areas
    assert tab.last_message == _(
        "Done: report No. {number} ({count} records) was saved {where}, under the name\n{name}\n\n"
        "Take it to the township. When the township gives you its reply file, import it here with "
        "“Import the township's reply…”."
    ).format(
        number=1,
        count=sum(expected.areas.values()),
        where=_("on the USB stick “{name}” ({drive})").format(
            name=QStorageInfo(str(stick)).displayName() or str(stick), drive=stick
        ),
        name=path.name,
    )  # the path in words: on the stick, under its name
    assert tab.settings.exchange_folder == str(stick)
    assert exchange.last_sent(workspace) is not None
    assert tab.sent_label.text() == _("The last report was written on {date}.").format(
        date=format_date(dt.date.today(), "long")
    )


def test_without_a_stick_the_dialog_starts_in_the_folder_used_last(tmp_path, monkeypatch):
    monkeypatch.setattr(places, "removable_drives", lambda: [])
    used = tmp_path / "上次"
    used.mkdir()
    assert places.start_folder(str(used)) == used
    assert places.start_folder(str(tmp_path / "gone")) == Path.home()
    assert places.where_in_words(used / "a.zip") == _("in the folder {folder}").format(folder=used)


def _reply(workspace, tmp_path: Path, handup_public_id: str, **kwargs) -> Path:
    return write_decisions_file(
        tmp_path / "乡镇答复.zip",
        workspace,
        KEY,
        [
            decision(
                "handup",
                "收到党费上缴 100.00 元",
                refers_to=handup_public_id,
                decided_on=dt.date(2026, 4, 15),
                details="收据号 0012",
            ),
            decision("notice", "公开2026年党费收缴情况", decided_on=dt.date(2026, 4, 16), details="张贴7天"),
            decision(
                "approval", "同意李秀英列为入党积极分子", decided_on=dt.date(2026, 4, 12), decided_by="镇党委"
            ),
        ],
        **kwargs,
    )


def test_the_townships_reply_imported(qtbot, tab, workspace, tmp_path, monkeypatch, message_log):
    exchange.enter_key(workspace, "01", KEY)
    handup = dues.record_handup(
        workspace, handed_on=dt.date(2026, 4, 10), amount="100", receiver="城关镇党委组织办"
    )
    public_id = next(h.public_id for h in dues.handups(workspace) if h.id == handup.id)
    assert public_id
    sent = exchange.export_branch(workspace, tmp_path)
    reply = _reply(workspace, tmp_path, public_id, accepted=(sent.sequence, dt.datetime(2026, 4, 14, 9, 30)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(reply), ""))
    tab.refresh()
    assert tab.no_decisions_label.isVisible() and not tab.decisions_table.isVisible()

    _click(qtbot, tab.import_button)

    assert message_log[-1][0] == "info"
    assert tab.last_message == (
        _(
            "The township's reply was imported: {new} new decisions, {updated} changed, {unchanged} "
            "unchanged. They are listed under “The township's decisions”."
        ).format(new=3, updated=0, unchanged=0)
        + "\n\n"
        + _("The township has received report No. {number}.").format(number=1)
    )
    assert tab.decisions_table.isVisible() and not tab.no_decisions_label.isVisible()
    assert tab.decision_rows() == [  # the newest first
        ["2026-04-16", _("Matter to make public"), "公开2026年党费收缴情况", "城关镇党委组织办", "张贴7天"],
        [
            "2026-04-15",
            _("Dues hand-up received"),
            "收到党费上缴 100.00 元",
            "城关镇党委组织办",
            "收据号 0012",
        ],
        ["2026-04-12", _("Approval"), "同意李秀英列为入党积极分子", "镇党委", ""],
    ]
    assert exchange.preview(workspace).last_accepted == 1  # the report the township took is remembered
    _shot(tab, "exchange_tab.png")

    _click(qtbot, tab.import_button)  # the same file again: nothing changes
    assert tab.last_message.startswith(
        _("This reply of the township was imported before; nothing was changed.")
    )
    assert len(tab.decision_rows()) == 3


def test_a_reply_signed_with_another_key_is_refused_in_words(qtbot, tab, workspace, tmp_path, monkeypatch):
    exchange.enter_key(workspace, "01", KEY)
    other = rules.format_key(rules.new_key())
    forged = write_decisions_file(
        tmp_path / "假的.zip", workspace, other, [decision("approval", "同意")], sequence=5
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(forged), ""))
    tab.refresh()
    _click(qtbot, tab.import_button)
    with pytest.raises(AppError) as refused:
        exchange.import_decisions(workspace, forged)
    assert tab.last_message == refused.value.message
    assert exchange.decisions(workspace) == [] and tab.no_decisions_label.isVisible()

    not_a_file = tmp_path / "照片.zip"
    not_a_file.write_bytes(b"not a zip at all")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(not_a_file), ""))
    _click(qtbot, tab.import_button)
    assert tab.last_message == exchange_file.NotAnExchangeFile(not_a_file).message


def _old_computer(tmp_path: Path, key: str):
    old = open_workspace(tmp_path / "old")
    save_profile(old, BranchProfile(name="中共前进村支部委员会"))
    members.add_member(
        old, {"name": "王建国", "id_number": make_id("19650312", 111), "joined_date": "1990-07-01"}
    )
    exchange.enter_key(old, "01", key)
    return old


def test_a_whole_branch_loaded_onto_this_computer(qtbot, tab, workspace, tmp_path, monkeypatch, message_log):
    old = _old_computer(tmp_path, KEY)
    try:
        first = exchange.export_branch(old, tmp_path / "第1次.zip").path
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(first), ""))
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (KEY, True))  # this PC has no key yet
        _click(qtbot, tab.load_button)
        assert message_log[0][0] == "confirm" and first.name in message_log[0][1]
        assert tab.last_message.startswith(
            _(
                "Done: the data of {branch} (code {code}) was loaded from the file: {new} new, {updated} updated, "
                "{unchanged} unchanged records."
            ).split("{branch}")[0]
        )
        assert [row.name for row in members.roster_rows(workspace)] == ["王建国"]
        assert exchange.key_state(workspace).code == "01" and tab.key_box.change_button.isVisible()

        members.add_member(
            old, {"name": "李秀英", "id_number": make_id("19700101", 222), "joined_date": "2000-07-01"}
        )
        second = exchange.export_branch(old, tmp_path / "第2次.zip").path
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(second), ""))
        monkeypatch.setattr(QInputDialog, "getText", _no_dialog)  # the key is here now: not asked again
        _click(qtbot, tab.load_button)
        assert sorted(row.name for row in members.roster_rows(workspace)) == ["李秀英", "王建国"]
        made = [b for b in backups.list_backups(workspace) if b.path.name in tab.last_message]
        assert len(made) == 1  # the data before was backed up, and the message names that backup
        assert made[0].created >= dt.datetime.now() - dt.timedelta(minutes=5)
    finally:
        old.close()


def test_the_settings_page_has_the_tab_and_shows_it_by_key(qtbot, workspace):
    page = SettingsPage(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(page)
    page.show_tab("exchange")
    assert page.tabs.currentWidget() is page.exchange_tab
    assert page.tabs.tabText(page.tabs.currentIndex()) == _("Exchange with the township")


def test_on_the_townships_server_the_tab_says_one_sentence(qtbot, township_db, tmp_path):
    workspace = open_workspace(tmp_path / "pc", database_url=township_db.url_for("village_a"))
    try:
        shown = ExchangeTab(workspace)
        qtbot.addWidget(shown)
        shown.show()
        assert shown.server_label.text() == on_the_server_sentence()
        assert not hasattr(shown, "export_button") and not hasattr(shown, "key_box")
        _shot(shown, "exchange_tab_on_server.png")
    finally:
        workspace.close()


def test_on_a_write_protected_stick_nothing_that_writes_can_be_clicked(qtbot, workspace, message_log):
    exchange.enter_key(workspace, "01", KEY)
    workspace.read_only = True  # as a write-protected USB stick opens (the banner says why)
    shown = ExchangeTab(workspace)
    qtbot.addWidget(shown)
    shown.show()
    writing = (shown.export_button, shown.import_button, shown.load_button, shown.key_box.change_button)
    assert not any(button.isEnabled() for button in writing)
    assert shown.key_box.state_label.text() == _("Branch code {code}, exchange key entered ({date})").format(
        code="01", date=format_date(dt.date.today(), "long")
    )  # what is there can still be read


def test_enter_goes_from_the_code_to_the_key_and_saves(qtbot, tab, workspace):
    box = tab.key_box
    box.code_edit.setFocus()
    qtbot.keyClicks(box.code_edit, "01")
    qtbot.keyClick(box.code_edit, Qt.Key.Key_Return)
    assert box.key_edit.hasFocus()
    qtbot.keyClicks(box.key_edit, KEY)
    qtbot.keyClick(box.key_edit, Qt.Key.Key_Return)
    assert exchange.key_state(workspace).has_key and not box.form.isVisible()
