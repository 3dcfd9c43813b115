"""The import dialog, driven like the secretary does: a real .xlsx with good rows and a bad one."""

from __future__ import annotations

import csv
import threading
import time

import openpyxl
import pytest
from PySide6.QtCore import Qt

from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import backups, members
from dangjian_desktop.services.members.roster_import import ImportCancelled
from dangjian_desktop.ui.members import import_dialog
from dangjian_desktop.ui.members.import_dialog import STEP_CHOOSE, STEP_PREVIEW, ImportDialog


def _id(birth: str, sequence: int) -> str:
    first17 = f"370102{birth}{sequence:03d}"
    return first17 + check_digit(first17)


GOOD_ROWS = [
    ("张三", "男", _id("19700101", 1), "1995-07-01"),
    ("李秀英", "女", _id("19750315", 2), "2001.7"),
    ("王建国", "男", _id("19620820", 3), "1988年6月"),
]
BAD_ID = _id("19800202", 5)[:-1] + ("0" if _id("19800202", 5)[-1] != "0" else "1")  # wrong check digit


@pytest.fixture
def sheet(tmp_path):
    """A sheet as secretaries make them: a title row, the header, three good rows and one bad (row 5)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["前进村党员花名册"])
    ws.append(["姓名", "性别", "公民身份号码", "入党日期", "党小组"])
    ws.append([*GOOD_ROWS[0], "第一党小组"])
    ws.append([*GOOD_ROWS[1], "第一党小组"])
    ws.append(["赵错号", "男", BAD_ID, "2005-07-01", "第二党小组"])
    ws.append([*GOOD_ROWS[2], "第二党小组"])
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    return path


def _open(qtbot, workspace, path) -> ImportDialog:
    dialog = ImportDialog(workspace, path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _wait_for_preview(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == STEP_PREVIEW, timeout=10_000)


def test_the_preview_lists_the_bad_row_and_only_the_good_rows_are_imported(
    qtbot, workspace, sheet, message_log
):
    dialog = _open(qtbot, workspace, sheet)
    _wait_for_preview(qtbot, dialog)

    rows = dialog.problem_rows()
    assert [row for row, _column, _problem in rows] == ["5"]  # the Excel row number, title row counted
    assert rows[0][1] == "公民身份号码"
    assert rows[0][2]  # says what is wrong
    summary = dialog.summary_label.text()
    assert "4" in summary and "3" in summary and "1" in summary
    assert "3" in dialog.import_button.text()
    assert dialog.import_button.isVisible()
    assert dialog.good_model.rowCount() == 3
    assert all("*" in row[3] for row in dialog.good_model.rows())  # ID numbers masked in the preview
    assert members.roster_rows(workspace) == []  # nothing written before the secretary says so

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)

    assert dialog.result() == ImportDialog.DialogCode.Accepted
    names = sorted(row.name for row in members.roster_rows(workspace))
    assert names == sorted(name for name, *_rest in GOOD_ROWS)
    assert (dialog.summary.added, dialog.summary.updated) == (3, 0)
    assert message_log and message_log[-1][0] == "info" and "3" in message_log[-1][1]
    assert any(b.reason == "before-import" for b in backups.list_backups(workspace))


def test_stopping_while_reading_writes_nothing(qtbot, workspace, sheet, message_log, monkeypatch):
    started = threading.Event()

    def slow_read(path, *, workspace=None, progress=None, cancel=None):
        started.set()
        for done in range(1000):
            if cancel():
                raise ImportCancelled()
            progress(done, 1000)
            time.sleep(0.01)
        raise AssertionError("the Stop button did not stop the reading")

    monkeypatch.setattr(import_dialog, "read_roster_file", slow_read)
    dialog = _open(qtbot, workspace, sheet)
    assert started.wait(5)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    assert dialog.result() == ImportDialog.DialogCode.Rejected
    assert dialog.summary is None
    assert members.roster_rows(workspace) == []


def test_stopping_while_writing_writes_nothing(qtbot, workspace, sheet, message_log, monkeypatch):
    real_commit = import_dialog.commit_import
    started = threading.Event()

    def commit_after_stop(ws, preview, *, progress=None, cancel=None):
        started.set()
        deadline = time.monotonic() + 5
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real_commit(ws, preview, progress=progress, cancel=cancel)

    monkeypatch.setattr(import_dialog, "commit_import", commit_after_stop)
    dialog = _open(qtbot, workspace, sheet)
    _wait_for_preview(qtbot, dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert started.wait(5)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    assert dialog.result() == ImportDialog.DialogCode.Rejected
    assert dialog.summary is None
    assert members.roster_rows(workspace) == []
    assert message_log and message_log[-1][0] == "info"  # "stopped, nothing written"


def test_import_nothing_writes_nothing(qtbot, workspace, sheet, message_log):
    dialog = _open(qtbot, workspace, sheet)
    _wait_for_preview(qtbot, dialog)
    qtbot.mouseClick(dialog.import_nothing_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ImportDialog.DialogCode.Rejected
    assert members.roster_rows(workspace) == []


def test_a_sheet_without_problems_offers_just_import(qtbot, workspace, tmp_path, message_log):
    path = tmp_path / "good.csv"
    lines = ["姓名,性别,公民身份号码,入党日期"] + [",".join(row) for row in GOOD_ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = _open(qtbot, workspace, path)
    _wait_for_preview(qtbot, dialog)
    assert dialog.problem_rows() == []
    assert dialog.import_button.text() == import_dialog._("Import")
    assert not dialog.save_problems_button.isVisible() or dialog.preview.warnings


def test_an_unreadable_file_is_explained_and_the_dialog_stays_open(qtbot, workspace, tmp_path, message_log):
    path = tmp_path / "not a sheet.xlsx"
    path.write_bytes(b"this is not a workbook")
    dialog = _open(qtbot, workspace, path)
    qtbot.waitUntil(lambda: bool(message_log), timeout=10_000)
    assert message_log[0][0] == "error" and "not a sheet.xlsx" in message_log[0][1]
    assert dialog.isVisible()
    assert dialog.stack.currentIndex() == STEP_CHOOSE


def test_the_list_of_problems_can_be_saved(qtbot, workspace, sheet, message_log, tmp_path, monkeypatch):
    target = tmp_path / "问题清单"
    monkeypatch.setattr(
        import_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)")
    )
    dialog = _open(qtbot, workspace, sheet)
    _wait_for_preview(qtbot, dialog)
    qtbot.mouseClick(dialog.save_problems_button, Qt.MouseButton.LeftButton)

    saved = target.with_name("问题清单.csv")
    with saved.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) >= 2
    assert rows[1][0] == "5" and rows[1][1] == "公民身份号码"

    text_file = tmp_path / "问题清单.txt"
    import_dialog.write_problem_list(text_file, dialog.preview)
    assert "5" in text_file.read_text(encoding="utf-8-sig")


def test_the_preview_shows_which_column_goes_where_and_offices_land_in_office(
    qtbot, workspace, tmp_path, message_log
):
    """工作单位及职务 holds an office for village cadres and the work for the others."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "公民身份号码", "民族", "工作单位及职务", "籍贯"])
    ws.append(["张三", GOOD_ROWS[0][2], "汉族", "村委会主任"])
    ws.append(["李秀英", GOOD_ROWS[1][2], "回族", "村妇女主任"])
    ws.append(["王建国", GOOD_ROWS[2][2], "汉族", "务农"])
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    dialog = _open(qtbot, workspace, path)
    _wait_for_preview(qtbot, dialog)

    mapping = dict(dialog.mapping_model.rows())
    assert mapping["姓名"] == "姓名" and mapping["民族"] == "民族"
    assert mapping["工作单位及职务"] == "写的是职务（村委会主任、村会计等）就进“职务”，否则进“职业”"
    assert mapping["籍贯"] == "不导入"
    assert dialog.tabs.tabText(dialog.tabs.indexOf(dialog.mapping_view)) == "哪一列导入到哪里"
    assert members.roster_rows(workspace) == []  # seen before anything is written

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    stored = {m.name: members.get_member(workspace, m.id).data for m in members.roster_rows(workspace)}
    assert stored["张三"].office == "村委会主任" and stored["李秀英"].office == "村妇女主任"
    assert stored["王建国"].office == "" and stored["王建国"].occupation == "务农"
