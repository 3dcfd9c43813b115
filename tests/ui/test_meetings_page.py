"""Organisation life through the real screens: record a meeting with attendance (one click per member,
members away pre-marked 外出) and see the home page's list of what is due change; fill in a democratic
evaluation and find it in the member's history; print a 会议记录."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import meetings, members
from dangjian_desktop.ui.meetings.evaluation_dialog import EvaluationDialog
from dangjian_desktop.ui.meetings.meeting_dialog import MeetingDialog
from dangjian_desktop.ui.meetings.page import MeetingsPage
from dangjian_desktop.ui.pages.home_page import PAGE_ROLE, HomePage
from support.dialogs import DialogDriver
from support.printing import accept_print_dialog, dark_share, page_sizes_mm, similarity


def _id(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def people(workspace) -> dict[str, int]:
    rows = [
        ("张建国", {"office": "书记", "party_group": "第一党小组"}),
        ("李秀英", {"office": "组织委员", "party_group": "第一党小组"}),
        ("王德福", {"party_group": "第二党小组"}),
        ("赵春梅", {"party_group": "第二党小组", "flowing": True, "away_place": "浙江省宁波市"}),
    ]
    return {
        name: members.add_member(workspace, {"name": name, "id_number": _id(n), **extra}).id
        for n, (name, extra) in enumerate(rows, start=1)
    }


@pytest.fixture
def home(qtbot, workspace, people) -> HomePage:
    widget = HomePage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def page(qtbot, workspace, people) -> MeetingsPage:
    widget = MeetingsPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _due_line(home: HomePage, words: str):  # noqa: ANN202
    for row in range(home.list.count()):
        item = home.list.item(row)
        if words in item.text():
            return item
    return None


def test_record_a_meeting_with_attendance_and_the_home_page_changes(qtbot, home, page, people, message_log):
    general = "本季度的支部党员大会还没有开"
    assert _due_line(home, general) is not None
    assert any(text.startswith(general) for text in home.line_texts())
    due_before = len([item for item in home.items if item.urgent])
    assert home.heading.text() == f"要办的事（{due_before} 件）"

    def fill(dialog: MeetingDialog) -> None:
        assert isinstance(dialog, MeetingDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData(rules.GENERAL_MEETING))
        attendance = dialog.attendance
        assert [a.name for a in attendance.attendees] == ["张建国", "李秀英", "王德福", "赵春梅"]
        away = attendance.button(people["赵春梅"], rules.AWAY)
        assert away.isChecked()  # members away are pre-marked 外出
        assert dialog.count_label.text() == "应到4人，实到3人，缺席1人（外出1人）"
        dialog.topic.insert("学习贯彻党的二十届三中全会精神")  # keyClicks takes ASCII only
        dialog.place.insert("村党群服务中心")
        dialog.presenter.insert("张建国")
        dialog.recorder.insert("李秀英")
        leave = attendance.button(people["李秀英"], rules.LEAVE)
        qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)  # one click
        assert leave.isChecked()
        attendance._notes[people["李秀英"]].insert("生病住院")
        assert dialog.count_label.text() == "应到4人，实到2人，缺席2人（请假1人、外出1人）"
        dialog.minutes.setPlainText("一、传达全会精神。\n二、党员讨论。")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible(), dialog.error_label.text()

    driver = DialogDriver(page, fill)
    qtbot.mouseClick(page.meetings_tab.add_button, Qt.MouseButton.LeftButton)
    driver.done()

    saved = meetings.list_meetings(page.workspace)
    assert len(saved) == 1 and saved[0].kind == rules.GENERAL_MEETING
    count = saved[0].count
    assert (count.expected, count.present, count.on_leave, count.away) == (4, 2, 1, 1)
    tab = page.meetings_tab
    assert tab.table.rowCount() == 1 and tab.table.item(0, 2).text() == "学习贯彻党的二十届三中全会精神"
    record = tab.record.toPlainText()
    assert "李秀英（请假：生病住院）" in record and "赵春梅（外出）" in record

    home.refresh()
    assert _due_line(home, general) is None
    assert len([item for item in home.items if item.urgent]) == due_before - 1
    assert home.heading.text() == f"要办的事（{due_before - 1} 件）"


def test_a_line_of_the_home_page_opens_its_page(qtbot, home):
    item = _due_line(home, "本月的支部委员会还没有开")
    assert item is not None and item.data(PAGE_ROLE) == "meetings"
    home.list.scrollToItem(item)
    rect = home.list.visualItemRect(item)
    with qtbot.waitSignal(home.open_page, timeout=2000) as signal:
        qtbot.mouseClick(home.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["meetings"]
    assert home.branch_label.text() == "中共前进村支部委员会"
    assert home.date_label.text().startswith("今天是")
    assert "花名册上共有党员 4 名" in home.summary_label.text()


def test_a_democratic_evaluation_through_the_screen_reaches_the_members_history(
    qtbot, page, people, message_log
):
    page.tabs.setCurrentIndex(MeetingsPage.TAB_EVALUATION)
    tab = page.evaluation_tab
    assert tab.table.rowCount() == 4
    tab.table.selectRow(2)  # 王德福

    def fill(dialog: EvaluationDialog) -> None:
        assert isinstance(dialog, EvaluationDialog) and dialog.row.name == "王德福"
        dialog.self_assessment.setPlainText("按时参加组织生活，带头参加村里义务劳动。")
        dialog.votes["优秀"].setValue(3)
        dialog.votes["合格"].setValue(1)
        assert "优秀" in dialog.suggestion.text()
        dialog.grade.setCurrentIndex(dialog.grade.findData("优秀"))
        dialog.save()
        assert not dialog.isVisible(), dialog.error_label.text()

    driver = DialogDriver(page, fill)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    driver.done()
    grade_column = tab.table.columnCount() - 1
    assert tab.table.item(2, grade_column).text() == "优秀"
    assert "4 名党员中已评定 1 名" in tab.status.text()

    page.show_member(people["王德福"])
    history = page.timeline_tab.table
    texts = [history.item(row, 2).text() for row in range(history.rowCount())]
    year = tab.year.value()
    assert f"{year}年度民主评议：优秀" in texts


def test_print_the_meeting_record(qtbot, page, people, workspace, tmp_path, monkeypatch, message_log):
    meetings.record_meeting(workspace, {"kind": "党课", "held_on": dt.date.today(), "topic": "书记讲党课"})
    page.reload()
    tab = page.meetings_tab
    assert [tab.print_button.text(), tab.pdf_button.text()] == ["打印会议记录…", "保存为 PDF…"]
    no_file_dialog = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: no_file_dialog.append(a))

    # Print: the printer dialog, and the 会议记录 page reaches the printer (no file to save, no message).
    printed = tmp_path / "printed.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 1 and dialogs.printers[0].docName() == f"会议记录-{dt.date.today()}-党课"
    assert page_sizes_mm(printed) == [(210, 297)] and dark_share(printed) > 0.005
    meeting_id = tab.selected_id()
    assert similarity(printed, meetings.minutes_pdf_bytes(workspace, meeting_id)) > 0.7
    assert not no_file_dialog and not message_log

    # Save as PDF: as before, the file and a message saying where it is.
    target = tmp_path / "会议记录.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    assert target.is_file()
    text = "".join(PdfReader(target).pages[0].extract_text().split())
    assert "会议记录" in text and "书记讲党课" in text and "赵春梅（外出）" in text
    assert message_log[-1] == ("info", f"会议记录已保存为 {target}。")
    assert dialogs.opened == 1  # saving does not print


def test_print_the_evaluation_results(qtbot, page, people, workspace, tmp_path, monkeypatch, message_log):
    page.tabs.setCurrentIndex(MeetingsPage.TAB_EVALUATION)
    tab = page.evaluation_tab
    year = tab.year.value()
    printed = tmp_path / "printed.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)

    # nothing recorded yet: said in words, the printer dialog does not open
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 0 and message_log[-1][0] == "warning" and "没有可打印" in message_log[-1][1]

    meetings.save_evaluation(workspace, year, people["王德福"], votes={"优秀": 3, "合格": 1}, grade="优秀")
    meetings.save_evaluation(workspace, year, people["张建国"], votes={"合格": 4}, grade="合格")
    tab.reload()
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 1 and dialogs.printers[0].docName() == f"民主评议结果-{year}"
    sizes = page_sizes_mm(printed)
    assert len(sizes) == 1 and dark_share(printed) > 0.005
    assert similarity(printed, meetings.evaluation_pdf_bytes(workspace, year)) > 0.7

    target = tmp_path / "评议"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "评议.pdf"
    assert saved.read_bytes() == meetings.evaluation_pdf_bytes(workspace, year)
    assert message_log[-1] == ("info", f"评议结果已保存为 {saved}。")


def test_the_home_page_before_the_branch_is_set_up(qtbot, empty_workspace):
    widget = HomePage(empty_workspace)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.branch_label.text() == "还没有设置支部"
    assert widget.items == [] and widget.list.count() == 0


def test_the_checklist_marks_away_whoever_was_away_on_the_meetings_date(qtbot, workspace, people):
    """王德福 left to work away 30 days ago. A meeting dated 60 days back has him present; moving the date
    after his leaving marks him 外出; a mark she chose herself stays whatever the date."""
    from dangjian_desktop.services import flowing

    today = dt.date.today()
    flowing.register_leave(
        workspace,
        people["王德福"],
        {"since": (today - dt.timedelta(days=30)).isoformat(), "destination": "浙江省宁波市"},
    )
    dialog = MeetingDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(rules.GENERAL_MEETING))
    attendance = dialog.attendance

    earlier = today - dt.timedelta(days=60)
    dialog.date.setDate(dialog.date.date().addDays(-60))
    assert attendance.button(people["王德福"], "").isChecked()  # he was still at home
    assert attendance.button(
        people["赵春梅"], rules.AWAY
    ).isChecked()  # away, no stay on record: the roster says so
    qtbot.mouseClick(attendance.button(people["李秀英"], rules.LEAVE), Qt.MouseButton.LeftButton)

    dialog.date.setDate(dialog.date.date().addDays(50))  # ten days ago: he had left
    assert attendance.button(people["王德福"], rules.AWAY).isChecked()
    assert attendance.button(people["李秀英"], rules.LEAVE).isChecked()  # her own click is kept

    dialog.date.setDate(dialog.date.date().addDays(-50))
    assert attendance.button(people["王德福"], "").isChecked()
    assert earlier.isoformat() == dialog.date.date().toString("yyyy-MM-dd")
