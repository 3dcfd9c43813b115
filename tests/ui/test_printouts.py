"""The paths to paper a secretary looks for (issue 14): the 花名册 and the 外出党员通讯录 each have 打印… and
保存为 PDF…, like every other document. Clicked as she clicks them; what reached the printer and the file
is read back."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from dangjian_desktop.services.members import roster_print
from dangjian_desktop.ui.members.page import RosterPage
from support.branch import add_branch_members
from support.printing import accept_print_dialog, dark_share, page_sizes_mm, similarity


def _text(path) -> str:
    return "".join(re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(str(path)).pages)


def _shown(qtbot, widget):  # noqa: ANN001, ANN202
    qtbot.addWidget(widget)
    widget.resize(1366, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def roster(qtbot, workspace, message_log) -> RosterPage:
    add_branch_members(workspace)
    return _shown(qtbot, RosterPage(workspace))


def test_the_roster_page_prints_the_roster(qtbot, roster, workspace, tmp_path, monkeypatch, message_log):
    assert [roster.print_button.text(), roster.pdf_button.text()] == ["打印…", "保存为 PDF…"]
    assert roster.print_button.isVisible() and roster.pdf_button.isVisible()
    no_file_dialog = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: no_file_dialog.append(a))
    printed = tmp_path / "printed.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)
    roster.search_box.setText("王建国")  # a filter on the screen does not shorten the paper roster
    qtbot.mouseClick(roster.print_button, Qt.MouseButton.LeftButton)
    today = dt.date.today()
    assert (
        dialogs.opened == 1
        and dialogs.printers[0].docName() == f"中共前进村支部委员会党员花名册{today:%Y%m%d}"
    )
    assert page_sizes_mm(printed) == [(297, 210)] and dark_share(printed) > 0.005  # A4 landscape
    assert similarity(printed, roster_print.roster_pdf_bytes(workspace)) > 0.7
    assert not no_file_dialog and not message_log


def test_the_roster_page_saves_the_roster_as_pdf(qtbot, roster, tmp_path, monkeypatch, message_log):
    target = tmp_path / "花名册"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(roster.pdf_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "花名册.pdf"
    text = _text(saved)
    assert "党员花名册" in text and "阿卜杜热合曼" in text and "共16名党员" in text
    assert message_log == [("info", f"花名册已保存为 {saved}。")]


def test_the_directory_of_members_away_prints_and_saves_as_pdf_or_excel(
    qtbot, workspace, tmp_path, monkeypatch, message_log
):
    """流动党员 → 通讯录… opens 打印… / 保存为 PDF… / 导出 Excel…, instead of a save dialog set to Excel."""
    from dangjian_desktop.services import flowing
    from dangjian_desktop.ui.flowing.directory_dialog import DirectoryDialog
    from dangjian_desktop.ui.flowing.page import FlowingPage

    ids = add_branch_members(workspace, 6)
    flowing.register_leave(
        workspace,
        ids["张秀英"],
        {
            "since": "2026-03-01",
            "destination": "江苏省苏州市昆山市",
            "receiving_org": "中共星光电子厂支部委员会",
            "receiving_phone": "051255556666",
        },
    )
    page = FlowingPage(workspace)
    qtbot.addWidget(page)
    printed = tmp_path / "printed.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)
    saved_pdf, saved_xlsx = tmp_path / "通讯录.pdf", tmp_path / "通讯录.xlsx"
    answers = iter([(str(saved_pdf.with_suffix("")), ""), (str(saved_xlsx), "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(answers))
    seen: list[DirectoryDialog] = []

    def exec_(dialog: DirectoryDialog) -> int:
        seen.append(dialog)
        assert [b.text() for b in (dialog.print_button, dialog.pdf_button, dialog.excel_button)] == [
            "打印…",
            "保存为 PDF…",
            "导出Excel…",
        ]
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.excel_button, Qt.MouseButton.LeftButton)
        return 0

    monkeypatch.setattr(DirectoryDialog, "exec", exec_)
    qtbot.mouseClick(page.directory_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert dialogs.opened == 1 and page_sizes_mm(printed) == [(297, 210)] and dark_share(printed) > 0.005
    text = _text(saved_pdf)
    assert "外出党员通讯录" in text and "张秀英" in text and "0512-55556666" in text and "内部资料" in text
    assert saved_xlsx.is_file() and saved_xlsx.read_bytes()[:2] == b"PK"
    assert [kind for kind, _text in message_log] == ["info", "info"]
    assert str(saved_pdf) in message_log[0][1] and str(saved_xlsx) in message_log[1][1]


def test_the_record_of_a_matter_prints_and_saves_from_the_matters_tab(
    qtbot, workspace, tmp_path, monkeypatch, message_log
):
    """四议两公开 → a matter → 打印全过程记录… / 保存为 PDF…: every step with its date and votes."""
    from dangjian_desktop.services.notices import matter_print
    from dangjian_desktop.services.notices import matters as major_matters
    from dangjian_desktop.ui.notices.page import NoticesPage

    add_branch_members(workspace, 3)
    matter = major_matters.new_matter(workspace, "村内道路硬化及路灯安装工程", "硬化村内主干道1.2公里")
    for code, day, numbers in (
        ("propose", dt.date(2026, 11, 2), (5, 5, 5)),
        ("consult", dt.date(2026, 11, 4), (9, 8, 8)),
        ("review", dt.date(2026, 11, 9), (26, 24, 21)),
    ):
        expected, present, votes_for = numbers
        major_matters.record_step(
            workspace,
            matter.id,
            code,
            day,
            {"expected": expected, "present": present, "votes_for": votes_for},
        )
    page = _shown(qtbot, NoticesPage(workspace))
    page.tabs.setCurrentIndex(NoticesPage.TAB_MATTERS)
    tab = page.matters_tab
    assert tab.selected is not None and tab.selected.id == matter.id
    assert [tab.print_record_button.text(), tab.pdf_record_button.text()] == [
        "打印全过程记录…",
        "保存为 PDF…",
    ]
    assert tab.print_record_button.isVisible() and tab.print_record_button.isEnabled()

    printed = tmp_path / "printed.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)
    qtbot.mouseClick(tab.print_record_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 1 and dialogs.printers[0].docName() == "四议两公开-村内道路硬化及路灯安装工程"
    assert page_sizes_mm(printed)[0] == (210, 297) and dark_share(printed) > 0.005
    assert similarity(printed, matter_print.record_pdf_bytes(workspace, matter.id)) > 0.7

    target = tmp_path / "record.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.pdf_record_button, Qt.MouseButton.LeftButton)
    text = _text(target)
    assert "党员大会审议" in text and "2026年11月9日" in text and "应到26人，实到24人" in text
    assert message_log[-1] == ("info", f"事项记录已保存为 {target}。")


def test_id_numbers_are_printed_only_while_shown_in_full(qtbot, roster, tmp_path, monkeypatch, message_log):
    """Masked on screen (the default): no ID number on the paper. Shown in full for the session: the
    internal roster, with the numbers and a line saying to keep it in the branch file."""
    from support.branch import id_number

    targets = iter([tmp_path / "masked.pdf", tmp_path / "full.pdf"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(next(targets)), ""))
    qtbot.mouseClick(roster.pdf_button, Qt.MouseButton.LeftButton)
    roster.set_masked(False)
    qtbot.mouseClick(roster.pdf_button, Qt.MouseButton.LeftButton)
    masked, full = _text(tmp_path / "masked.pdf"), _text(tmp_path / "full.pdf")
    assert id_number(1) not in masked and "内部留存" not in masked
    assert id_number(1) in full and "内部留存，含公民身份号码" in full
