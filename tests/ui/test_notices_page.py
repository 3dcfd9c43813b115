"""The 党务公开 page through its real screens: write a notice from a template, be refused for a member's
phone, publish it, preview it, print it through the printer dialog and save the PDF; walk a 四议两公开
matter and write its resolution notice; verify a sheet."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import members
from dangjian_desktop.services import notices as service
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.notices.editor import NoticeEditor
from dangjian_desktop.ui.notices.page import NoticesPage
from dangjian_desktop.ui.notices.step_dialog import StepDialog
from support.dialogs import DialogDriver
from support.printing import accept_print_dialog, dark_share, page_sizes_mm


def _id(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def people(workspace) -> dict[str, int]:
    save_profile(workspace, BranchProfile(name="中共前进村支部委员会", supervision_phone="05318765432"))
    ids = {}
    for n, name in enumerate(("张建国", "李秀英", "王德福"), start=1):
        ids[name] = members.add_member(
            workspace, {"name": name, "id_number": _id(n), "phone": f"1381234560{n}"}
        ).id
    return ids


@pytest.fixture
def page(qtbot, workspace, people) -> NoticesPage:
    widget = NoticesPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _save(dialog) -> None:  # noqa: ANN001
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def write_free_notice(page: NoticesPage, body: str) -> None:
    def fill(editor: NoticeEditor) -> None:
        assert isinstance(editor, NoticeEditor)
        editor.type_combo.setCurrentIndex(editor.type_combo.findData("free"))
        editor.title_edit.setText("关于召开全体党员大会的通知")
        editor.body_edit.setPlainText(body)
        editor.start_edit.setDate(editor.issued_edit.date())
        _save(editor)
        assert not editor.isVisible(), editor.error_label.text()

    driver = DialogDriver(page, fill)
    page.archive_tab.new_button.click()
    driver.done()


def wait_for_preview(qtbot, tab) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: tab._preview_task is None and tab.preview_pages > 0, timeout=15000)


def test_write_publish_preview_print_and_save_a_notice(
    qtbot, page, workspace, message_log, monkeypatch, tmp_path
):
    tab = page.archive_tab
    assert tab.table.rowCount() == 0

    # A member's phone in the text: publishing is refused, with what and where said in words.
    write_free_notice(page, "有事请联系张建国，电话13812345601。")
    assert tab.table.rowCount() == 1 and tab.selected.is_draft
    tab.publish_button.click()
    kind, said = message_log[-1]
    assert kind == "confirm" and "138****5601" in said and "正文" in said and "第 1 行" in said
    assert "村党支部 0531-8765432" in said and "党务公开 → 设置" in said  # which phones may be printed (m14)
    assert "公开电话" in said  # how to allow a phone meant for the public (first-week m14)
    assert service.list_notices(workspace)[0].is_draft
    assert page.tabs.currentWidget() is page.settings_tab  # she said yes: the public phones are shown
    page.tabs.setCurrentWidget(tab)

    # Correct the draft in the editor and publish.
    def fix(editor: NoticeEditor) -> None:
        editor.body_edit.setPlainText(
            "经村党支部研究，定于2026年3月10日上午9时召开全体党员大会，请准时参加。"
        )
        _save(editor)

    driver = DialogDriver(page, fix)
    tab.edit_button.click()
    driver.done()
    wait_for_preview(qtbot, tab)
    tab.publish_button.click()
    assert message_log[-2][0] == "confirm" and message_log[-1][0] == "info"
    published = service.list_notices(workspace)[0]
    assert published.number == f"党务公开〔{dt.date.today().year}〕1号"
    assert published.number in message_log[-1][1] and published.check_code_text in message_log[-1][1]
    assert tab.selected.id == published.id and tab.table.item(0, 0).text() == published.number
    wait_for_preview(qtbot, tab)
    assert tab.preview_pages == 1

    # Print through the printer dialog (a PDF printer stands in for the real one): A4 portrait, whole sheet.
    printed = tmp_path / "printed.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)
    tab.print_button.click()
    assert dialogs.opened == 1 and dialogs.printers[0].docName() == published.number
    assert page_sizes_mm(printed) == [(210, 297)] and dark_share(printed) > 0.005
    assert "sent to the printer" in tab.last_message or "打印机" in tab.last_message

    # On A3 the dialog is set for A3.
    tab.size_combo.setCurrentIndex(tab.size_combo.findData("a3"))
    tab.print_button.click()
    assert page_sizes_mm(printed) == [(297, 420)]
    tab.size_combo.setCurrentIndex(tab.size_combo.findData("a4"))

    # Save the PDF: the same sheet as the command line prints.
    target = tmp_path / "notice.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.save_button.click()
    assert target.read_bytes() == service.pdf_bytes(workspace, published.id)
    text = PdfReader(target).pages[0].extract_text().replace(" ", "").replace("\n", "")
    assert "定于2026年3月10日上午9时召开全体党员大会" in text and published.number in text

    # Posted on the board.
    def posted(dialog) -> None:  # noqa: ANN001
        dialog.posted_check.setChecked(True)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    driver = DialogDriver(page, posted)
    tab.board_button.click()
    driver.done()
    assert service.get_notice(workspace, published.id).on_board()

    # Verify the sheet.
    page.tabs.setCurrentIndex(NoticesPage.TAB_VERIFY)
    page.verify_tab.number_edit.setText(published.number)
    page.verify_tab.code_edit.setText(published.check_code_text)
    page.verify_tab.verify_button.click()
    assert page.verify_tab.result_label.text() == "真实有效"
    page.verify_tab.code_edit.setText("2222-2222")
    page.verify_tab.verify_button.click()
    assert page.verify_tab.result_label.text() != "真实有效"


def test_a_correction_is_written_as_a_new_notice(qtbot, page, workspace, message_log):
    write_free_notice(page, "定于2026年3月10日召开全体党员大会。")
    tab = page.archive_tab
    tab.publish_button.click()
    old = tab.selected

    def edit(editor: NoticeEditor) -> None:
        assert old.number in editor.body_edit.toPlainText()
        editor.body_edit.setPlainText(editor.body_edit.toPlainText().replace("3月10日", "3月12日"))
        _save(editor)

    driver = DialogDriver(page, edit)
    tab.correct_button.click()
    driver.done()
    assert tab.selected.is_draft and tab.selected.refers_to == old.id
    tab.publish_button.click()
    assert service.get_notice(workspace, old.id).status == "withdrawn"
    wait_for_preview(qtbot, tab)


def test_a_matter_walks_its_steps_and_writes_its_resolution_notice(qtbot, page, workspace, message_log):
    page.tabs.setCurrentIndex(NoticesPage.TAB_MATTERS)
    tab = page.matters_tab

    def new_matter(dialog) -> None:  # noqa: ANN001
        dialog.title_edit.setText("村道硬化工程")
        dialog.content_edit.setPlainText("对村内主干道1.2公里进行硬化。")
        _save(dialog)

    driver = DialogDriver(page, new_matter)
    tab.new_button.click()
    driver.done()
    assert tab.selected.title == "村道硬化工程"
    assert not tab.resolution_button.isEnabled()

    def step(numbers):  # noqa: ANN001, ANN202
        def fill(dialog: StepDialog) -> None:
            for key, value in zip(("expected", "present", "votes_for"), numbers, strict=True):
                dialog.spins[key].setValue(value)
            assert dialog.outcome_label.text()
            _save(dialog)

        return fill

    for numbers in ((5, 5, 5), (9, 8, 8), (30, 25, 22), (40, 30, 28)):
        driver = DialogDriver(page, step(numbers))
        tab.step_button.click()
        driver.done()
    assert [s.passed for s in tab.selected.steps] == [True] * 4
    assert tab.steps_table.rowCount() == 4 and tab.resolution_button.isEnabled()

    def check_resolution(editor: NoticeEditor) -> None:
        assert "村道硬化工程" in editor.title_edit.text()
        assert "应到40人，实到30人" in editor.body_edit.toPlainText()
        _save(editor)

    driver = DialogDriver(page, check_resolution)
    tab.resolution_button.click()
    driver.done()
    assert page.tabs.currentWidget() is page.archive_tab
    page.archive_tab.publish_button.click()
    assert service.list_notices(workspace)[0].status == "published"
    page.tabs.setCurrentIndex(NoticesPage.TAB_MATTERS)
    assert tab.implement_button.isEnabled()
    wait_for_preview(qtbot, page.archive_tab)


def test_verifying_a_corrected_notice_says_so_first_in_the_headline(qtbot, page, workspace, message_log):
    write_free_notice(page, "定于2026年3月10日召开全体党员大会。")
    tab = page.archive_tab
    tab.publish_button.click()
    old = tab.selected
    later = service.publish(workspace, service.start_correction(workspace, old.id).id)
    page.tabs.setCurrentIndex(NoticesPage.TAB_VERIFY)
    verify = page.verify_tab
    verify.number_edit.setText(old.number)
    verify.code_edit.setText(old.check_code_text)
    qtbot.mouseClick(verify.verify_button, Qt.MouseButton.LeftButton)
    assert verify.result_label.text() == f"已作废：已被{later.number}更正"  # not a green 真实有效
    assert verify.message_label.text().startswith("这张公告是本支部发的，但已经作废")
    assert "#c00000" in verify.result_label.styleSheet()
    if shots := __import__("os").environ.get("NOTICE_SHOT"):
        page.grab().save(f"{shots}/verify.png")


def test_the_data_source_row_is_as_tall_as_what_it_holds(qtbot, workspace, people):
    """The dues notice's 数据来源 is one row (year, months): no band of empty space around it, even after
    the candidate's tall form was shown (first-week c6)."""
    editor = NoticeEditor(workspace, None, None, type_code="recruitment")
    qtbot.addWidget(editor)
    editor.resize(1229, 691)
    editor.show()
    qtbot.waitExposed(editor)
    line = editor.fontMetrics().height()
    assert editor.source_stack.height() > 6 * line  # the candidate's form
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("dues"))
    qtbot.waitUntil(lambda: editor.source_stack.height() < 3 * line)
    year_row = editor.source_stack.currentWidget()
    assert year_row.isVisible() and editor.title_edit.y() - editor.source_stack.geometry().bottom() < 3 * line


def _new_matter(page: NoticesPage, title: str) -> None:
    page.tabs.setCurrentIndex(NoticesPage.TAB_MATTERS)
    driver = DialogDriver(page, lambda d: (d.title_edit.setText(title), _save(d)))
    page.matters_tab.new_button.click()
    driver.done()


def _record_step(page: NoticesPage, numbers: tuple[int, int, int, int], day: dt.date, check=None) -> None:  # noqa: ANN001
    def fill(dialog: StepDialog) -> None:
        dialog.date_edit.setDate(day)
        for key, value in zip(("expected", "present", "votes_for", "against"), numbers, strict=True):
            dialog.spins[key].setValue(value)
        if check:
            check(dialog)
        _save(dialog)

    driver = DialogDriver(page, fill)
    page.matters_tab.step_button.click()
    driver.done()


def test_a_failed_vote_asks_first_and_then_ends_the_matter(qtbot, page, workspace, message_log):
    _new_matter(page, "新建文化广场")
    tab = page.matters_tab
    said: list[str] = []
    # 5 of 5 present, 2 for: the quorum is met and the vote fails — the dialog says beforehand what
    # recording it does, and asks before recording it
    _record_step(page, (5, 5, 2, 3), dt.date(2026, 3, 1), lambda d: said.append(d.outcome_label.text()))
    assert "结束" in said[0]  # “记录后这个事项就结束了…”
    assert message_log[-2][0] == "confirm" and "不能再记录" in message_log[-2][1]
    assert message_log[-1][0] == "warning"
    assert not tab.step_button.isEnabled() and tab.selected.status == "rejected"


def test_a_meeting_without_a_quorum_is_recorded_and_convened_again(qtbot, page, workspace, message_log):
    """The matter quorum rule on the screen: 16 of 26 at the 党员大会 (18 needed) is 未达到法定人数, said so
    before recording, recorded without ending the matter, and the meeting is recorded again."""
    _new_matter(page, "村道硬化工程")
    tab = page.matters_tab
    _record_step(page, (5, 5, 5, 0), dt.date(2026, 3, 1))
    _record_step(page, (9, 8, 8, 0), dt.date(2026, 3, 2))
    seen: dict[str, str] = {}

    def look(dialog: StepDialog) -> None:
        seen["outcome"] = dialog.outcome_label.text()
        seen["expected"] = str(dialog.spins["expected"].value())

    _record_step(page, (26, 16, 16, 0), dt.date(2026, 3, 5), look)
    assert "18" in seen["outcome"] and "重新召开" in seen["outcome"] and "不结束" not in seen["outcome"]
    confirms = [text for kind, text in message_log if kind == "confirm"]
    assert confirms == []  # nothing is ended, so nothing to confirm
    assert message_log[-1][0] == "info" and "未达到法定人数" in message_log[-1][1]
    matter = tab.selected
    assert matter.status == "open" and matter.next_step == "review" and tab.step_button.isEnabled()
    outcome_cells = [tab.steps_table.item(row, 3).text() for row in range(tab.steps_table.rowCount())]
    assert outcome_cells == ["通过", "通过", "未达到法定人数（另行召开）"]

    def convened_again(dialog: StepDialog) -> None:
        seen["again"] = " ".join(label.text() for label in dialog.findChildren(QLabel))

    _record_step(page, (26, 20, 19, 0), dt.date(2026, 3, 12), convened_again)
    assert "再次召开" in seen["again"] or "重新召开" in seen["again"]
    assert tab.selected.next_step == "resolve" and tab.steps_table.rowCount() == 4
    # a step dated before the one before it is refused in the dialog, which stays open
    refused: dict[str, object] = {}

    def too_early(dialog: StepDialog) -> None:
        dialog.date_edit.setDate(dt.date(2026, 3, 11))
        for key, value in zip(("expected", "present", "votes_for"), (40, 30, 28), strict=True):
            dialog.spins[key].setValue(value)
        _save(dialog)
        refused["visible"] = dialog.isVisible()
        refused["text"] = dialog.outcome_label.text()
        dialog.reject()

    driver = DialogDriver(page, too_early)
    tab.step_button.click()
    driver.done()
    assert refused["visible"] and "2026年3月12日" in str(refused["text"])
    assert tab.selected.next_step == "resolve"


def test_the_settings_tab_saves_public_phones_and_holidays(qtbot, page, workspace):
    page.tabs.setCurrentIndex(NoticesPage.TAB_SETTINGS)
    tab = page.settings_tab
    tab.phones_edit.setPlainText("镇党委组织委员 0531-82345678")
    tab.holidays_edit.setPlainText("2026-10-01\n2026-10-02")
    tab.day_spins["recruitment"].setValue(6)
    tab.save_button.click()
    saved = service.notice_settings(workspace)
    assert saved.public_phones == ("镇党委组织委员 0531-82345678",)
    assert saved.holidays == (dt.date(2026, 10, 1), dt.date(2026, 10, 2))
    assert saved.days["recruitment"] == 6
    tab.holidays_edit.setPlainText("十月一日")
    tab.save_button.click()
    assert "2026-10-01" in tab.message_label.text()  # says how to write it


def test_filling_in_from_the_data_asks_before_replacing_a_changed_text(qtbot, page, workspace, monkeypatch):
    asked: list[str] = []
    answers: list[bool] = []
    # answered from ``answers``; when none is left, yes (so a failure that closes the editor never hangs)
    monkeypatch.setattr(
        messages,
        "confirm",
        lambda _p, text, *a, **k: asked.append(text) or (answers.pop(0) if answers else True),
    )

    def fill(editor: NoticeEditor) -> None:
        editor.type_combo.setCurrentIndex(editor.type_combo.findData("dues"))
        editor.first_month.setValue(1)
        editor.last_month.setValue(1)
        assert editor.generate_button.isVisible()

        # an empty text is filled without a question, and so is one the same as the data's
        editor.generate_button.click()
        generated = editor.body_edit.toPlainText()
        assert "张建国" in generated and editor.title_edit.text() and asked == []
        editor.generate_button.click()
        assert asked == [] and editor.body_edit.toPlainText() == generated

        # other months: the text was not touched since it was filled, so no question either
        editor.last_month.setValue(2)
        editor.generate_button.click()
        assert asked == [] and editor.body_edit.toPlainText() != generated
        editor.last_month.setValue(1)
        editor.generate_button.click()
        assert asked == [] and editor.body_edit.toPlainText() == generated

        # the secretary adds a line and changes the title: asked, and "no" keeps everything
        editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
        editor.body_edit.insertPlainText("\n请未交清的党员于月底前交到支部。")
        editor.title_edit.setText("一月党费公示")
        edited = editor.body_edit.toPlainText()
        answers.append(False)
        editor.generate_button.click()
        assert asked == ["正文已经写过或改过，用数据重新生成会替换现在的正文。要替换吗？"]
        assert editor.body_edit.toPlainText() == edited and editor.title_edit.text() == "一月党费公示"

        # "yes" replaces the text, and Ctrl+Z brings back what was typed
        answers.append(True)
        editor.generate_button.click()
        assert len(asked) == 2 and editor.body_edit.toPlainText() == generated
        assert editor.title_edit.text() != "一月党费公示"
        qtbot.keyClick(editor.body_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert editor.body_edit.toPlainText() == edited
        _save(editor)
        assert not editor.isVisible(), editor.error_label.text()

    driver = DialogDriver(page, fill)
    page.archive_tab.new_button.click()
    driver.done()
    assert service.list_notices(workspace)[0].body.endswith("请未交清的党员于月底前交到支部。")
    assert answers == []


def test_a_text_typed_by_hand_is_kept_when_the_answer_is_no(qtbot, page, workspace, monkeypatch):
    asked: list[str] = []
    answers = [False]  # then yes to "close without saving?" when the test closes the editor
    monkeypatch.setattr(
        messages,
        "confirm",
        lambda _p, text, *a, **k: asked.append(text) or (answers.pop(0) if answers else True),
    )

    def fill(editor: NoticeEditor) -> None:
        editor.type_combo.setCurrentIndex(editor.type_combo.findData("dues"))
        editor.body_edit.setPlainText("本支部党费收缴情况如下：")
        editor.generate_button.click()
        assert len(asked) == 1 and editor.body_edit.toPlainText() == "本支部党费收缴情况如下："
        assert editor.title_edit.text() == ""

    driver = DialogDriver(page, fill)
    page.archive_tab.new_button.click()
    driver.done()
    assert len(asked) == 2  # the question, then "close without saving?" when the test closed the editor


def test_a_home_line_about_a_notice_opens_it_in_the_archive(qtbot, workspace, people, message_log):
    from dangjian_desktop.services.home import NOTICE
    from dangjian_desktop.ui.main_window import MainWindow, UiSettings
    from dangjian_desktop.ui.pages.home_page import ITEM_ROLE, HomePage

    today = dt.date.today()
    published = []
    for title in ("关于组织生活会的通知", "关于发展党员的公示", "关于召开党员大会的通知"):
        draft = service.create_draft(workspace, "free", title=title, body="经研究决定。", today=today)
        published.append(service.publish(workspace, draft.id))
    for notice in published[1:]:
        service.set_board_dates(workspace, notice.id, today, today)  # put up and taken down the same day
    wanted = published[0]  # the oldest, so not the archive's first row; never recorded as posted

    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show_page("home")
    window.show()
    qtbot.waitExposed(window)
    notices_page = window.page("notices")
    assert isinstance(notices_page, NoticesPage)
    notices_page.tabs.setCurrentWidget(notices_page.verify_tab)  # left on another tab
    home = window.show_page("home")
    assert isinstance(home, HomePage)
    lines = [home.list.item(row) for row in range(home.list.count())]
    item = next(i for i in lines if getattr(i.data(ITEM_ROLE), "kind", None) == NOTICE)
    assert "关于组织生活会的通知" in item.text() and "还没登记张贴" in item.text()
    home.list.scrollToItem(item)
    qtbot.mouseClick(
        home.list.viewport(), Qt.MouseButton.LeftButton, pos=home.list.visualItemRect(item).center()
    )

    assert window.navigation.currentItem().text() == "党务公开"
    assert notices_page.tabs.currentWidget() is notices_page.archive_tab
    assert notices_page.archive_tab.selected.id == wanted.id


def test_the_members_meeting_step_picks_the_meeting_recorded_in_organisation_life(
    qtbot, page, workspace, message_log
):
    from dangjian_desktop.services import meetings
    from dangjian_desktop.services.notices import matters as major_matters

    held = meetings.record_meeting(
        workspace, {"kind": "支部党员大会", "held_on": dt.date(2026, 3, 5), "topic": "审议村道硬化工程"}
    )
    _new_matter(page, "村道硬化工程")
    _record_step(page, (5, 5, 5, 0), dt.date(2026, 3, 1))
    _record_step(page, (9, 8, 8, 0), dt.date(2026, 3, 2))
    seen: dict[str, object] = {}

    def pick(dialog: StepDialog) -> None:
        seen["expected before"] = dialog.spins["expected"].value()  # the roster's members, prefilled
        assert dialog.meeting_combo.isVisible() and dialog.meeting_combo.count() == 2
        dialog.meeting_combo.setCurrentIndex(1)
        seen["date"] = dialog.date_edit.date().toPython()
        seen["present"] = dialog.spins["present"].value()
        dialog.spins["votes_for"].setValue(3)
        _save(dialog)

    driver = DialogDriver(page, pick)
    page.matters_tab.step_button.click()
    driver.done()
    assert seen == {"expected before": 3, "date": dt.date(2026, 3, 5), "present": 3}
    review = major_matters.get_matter(workspace, page.matters_tab.selected.id).step_info("review")
    assert review.meeting_id == held.meeting.id and review.passed
