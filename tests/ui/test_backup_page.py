"""The 备份与恢复 page: back up, restore, and undo the restore with the backup made before it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dangjian_desktop.services import members
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.pages.backup_page import BackupPage
from dangjian_desktop.ui.widgets.backup_table import format_size

LI = {"name": "李四", "id_number": "370101190102039973", "joined_date": "1930-07-01"}


def _names_after_reopening(workspace) -> list[str]:
    fresh = open_workspace(workspace.folder, daily_backup=False)
    try:
        return [row.name for row in members.roster_rows(fresh)]
    finally:
        fresh.close()


def _restore(qtbot, page: BackupPage, path) -> None:
    assert page.select_backup(path)
    with qtbot.waitSignal(page.data_replaced, timeout=10_000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)


def test_a_restore_brings_back_the_earlier_data_and_can_itself_be_undone(qtbot, workspace, message_log):
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    page.show()
    assert page.backups == []
    assert str(workspace.folder) in page.folder_label.text()

    qtbot.mouseClick(page.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert [b.reason for b in page.backups] == ["manual"]
    empty_backup = page.backups[0].path
    assert page.table.rowCount() == 1

    members.add_member(workspace, LI)
    assert _names_after_reopening(workspace) == ["李四"]

    _restore(qtbot, page, empty_backup)
    assert message_log[0][0] == "confirm"
    assert members.roster_rows(workspace) == []  # the page's workspace was reopened on the restored file
    assert _names_after_reopening(workspace) == []
    safety = [b for b in page.backups if b.reason == "before-restore"]
    assert len(safety) == 1
    assert page.selected_backup().path == safety[0].path  # the page points at the way back
    assert message_log[-1][0] == "info"

    _restore(qtbot, page, safety[0].path)
    assert [row.name for row in members.roster_rows(workspace)] == ["李四"]
    assert _names_after_reopening(workspace) == ["李四"]
    assert [b.reason for b in page.backups].count("before-restore") == 2


def test_nothing_happens_when_the_secretary_says_no(qtbot, workspace, message_log, monkeypatch):
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    members.add_member(workspace, LI)
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: False)
    assert page.select_backup(page.backups[0].path)
    assert page.restore_selected() is False
    assert [row.name for row in members.roster_rows(workspace)] == ["李四"]
    assert len(page.backups) == 1


def test_a_damaged_backup_is_refused_with_the_message_given(qtbot, workspace, message_log):
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    members.add_member(workspace, LI)
    broken = page.backups[0].path
    broken.write_bytes(b"not a database at all" * 100)
    page.refresh()
    assert page.select_backup(broken)
    assert page.restore_selected() is False
    assert message_log[-1][0] == "error"
    assert [row.name for row in members.roster_rows(workspace)] == ["李四"]


def test_sizes_read_plainly():
    assert format_size(300).endswith("KB")
    assert format_size(200 * 1024).startswith("200")
    assert format_size(3 * 1024 * 1024 + 200_000).endswith("MB")


def test_the_oldest_of_30_backups_can_be_restored_and_is_not_pruned_by_the_safety_copy(
    qtbot, workspace, message_log
):
    """With the 30 backups kept already, the safety copy made before a restore must not prune away the
    very backup being restored (the oldest)."""
    import datetime as dt

    from dangjian_desktop.store.backup import KEEP_BACKUPS, make_backup

    start = dt.datetime(2026, 1, 1, 8)
    for day in range(KEEP_BACKUPS):
        if day == 1:
            members.add_member(workspace, LI)
        make_backup(workspace.db_path, workspace.backups_dir, "daily", now=start + dt.timedelta(days=day))
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    page.show()
    oldest = page.backups[-1]
    assert oldest.created == start

    _restore(qtbot, page, oldest.path)

    assert message_log[-1][0] == "info"
    assert _names_after_reopening(workspace) == []  # as on the first day, before 李四 was entered
    assert oldest.path.is_file()  # still there: the restore can be repeated
    assert len(page.backups) == KEEP_BACKUPS
    safety = [b for b in page.backups if b.reason == "before-restore"]
    assert len(safety) == 1


def test_the_restore_message_names_receipts_printed_after_the_backup(qtbot, workspace, message_log):
    """Issue 13: backup → pay → restore → pay. The message names the receipt that is on paper but not
    in the restored data, and the next payment does not get its number again."""
    import datetime as dt

    from dangjian_desktop.domain.dues import Month
    from dangjian_desktop.services import dues

    month = Month.of(dt.date.today())
    li = members.add_member(workspace, LI).id
    dues.declare_standard(workspace, li, year=month.year, category="farmer")
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    before_payment = page.backups[0].path
    printed = dues.record_payment(workspace, li, month, month, "0.50").receipt_number

    _restore(qtbot, page, before_payment)

    _kind, text = message_log[-1]
    assert "恢复" in text.splitlines()[0]  # the usual "done" first, then the numbers
    assert f"收据 {printed} 已经开出，但恢复的数据里没有，请补录。" in text
    again = dues.record_payment(workspace, li, month, month, "0.50").receipt_number
    assert again != printed and again > printed
