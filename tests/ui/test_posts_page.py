"""The 设岗定责 page through its real screens: assign a post (with the warning and reason for a member
with an office), record performance after a meeting, grade, and preview and save the board."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import members
from dangjian_desktop.services import posts as service
from dangjian_desktop.ui.posts.page import AssignDialog, PostsPage
from support.dialogs import DialogDriver
from support.printing import accept_print_dialog, dark_share, page_sizes_mm, similarity


def _id(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def people(workspace) -> dict[str, int]:
    ids = {}
    for n, (name, office) in enumerate((("张建国", ""), ("李秀英", ""), ("王德福", "村委会委员")), start=1):
        ids[name] = members.add_member(workspace, {"name": name, "id_number": _id(n), "office": office}).id
    return ids


@pytest.fixture
def page(qtbot, workspace, people) -> PostsPage:
    widget = PostsPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_assign_a_post_and_record_performance_through_the_screens(
    qtbot, page, people, workspace, message_log
):
    page.tabs.setCurrentIndex(PostsPage.TAB_ASSIGN)
    tab = page.assign_tab
    waiting = [tab.waiting_list.item(i).text() for i in range(tab.waiting_list.count())]
    assert waiting == ["张建国", "李秀英"]  # the office holder is not waiting for a post
    term = page.term
    assert term is not None and term.year == dt.date.today().year

    def assign_zhang(dialog: AssignDialog) -> None:
        dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(people["张建国"]))
        dialog.post_combo.setCurrentIndex(
            dialog.post_combo.findData(service.find_post(workspace, "政策法规宣传岗").id)
        )
        assert dialog.check.allowed and not dialog.check.warnings
        dialog.commitment_edit.insertPlainText("每月至少走访群众2次")  # keyClicks takes ASCII only
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    driver = DialogDriver(page, assign_zhang)
    qtbot.mouseClick(tab.assign_button, Qt.MouseButton.LeftButton)
    assert driver.done()[0].result() == AssignDialog.DialogCode.Accepted
    rows = service.assignments(workspace, term.id)
    assert [(r.member_name, r.post_name, r.commitment) for r in rows] == [
        ("张建国", "政策法规宣传岗", "每月至少走访群众2次")
    ]
    assert tab.table.rowCount() == 1 and tab.table.item(0, 1).text() == "张建国"
    assert [tab.waiting_list.item(i).text() for i in range(tab.waiting_list.count())] == ["李秀英"]

    # a member with an office: the warning shows, and the reason is asked for before anything is saved
    def assign_wang(dialog: AssignDialog) -> None:
        dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(people["王德福"]))
        dialog.post_combo.setCurrentIndex(
            dialog.post_combo.findData(service.find_post(workspace, "党务村务监督岗").id)
        )
        assert "村委会委员" in dialog.warning_label.text()
        assert dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.rows["reason"].error_label.isVisibleTo(dialog)
        assert len(service.assignments(workspace, term.id)) == 1
        dialog.reason_edit.insert("本人申请，支委会同意")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    driver = DialogDriver(page, assign_wang)
    qtbot.mouseClick(tab.assign_button, Qt.MouseButton.LeftButton)
    assert driver.done()[0].result() == AssignDialog.DialogCode.Accepted
    wang = next(r for r in service.assignments(workspace, term.id) if r.member_name == "王德福")
    assert wang.exception_reason == "本人申请，支委会同意"

    # quick entry after a meeting: both members at once
    page.tabs.setCurrentIndex(PostsPage.TAB_RECORDS)
    records = page.records_tab
    assert records.members_list.count() == 2
    qtbot.mouseClick(records.all_button, Qt.MouseButton.LeftButton)
    records.text_edit.insertPlainText("参加村环境卫生整治")
    records.confirmed_edit.setText("王书记")
    qtbot.mouseClick(records.save_button, Qt.MouseButton.LeftButton)
    saved = service.records(workspace, term.id)
    assert sorted(r.member_name for r in saved) == ["张建国", "王德福"]
    assert {r.text for r in saved} == {"参加村环境卫生整治"} and {r.confirmed_by for r in saved} == {"王书记"}
    assert records.table.rowCount() == 2
    assert message_log[-1][0] == "info"

    # nothing ticked: said in words, nothing saved
    records.text_edit.insertPlainText("又一次")
    qtbot.mouseClick(records.save_button, Qt.MouseButton.LeftButton)
    assert records.general_error.isVisibleTo(records) and len(service.records(workspace, term.id)) == 2

    # grade on the evaluation tab
    page.tabs.setCurrentIndex(PostsPage.TAB_EVALUATE)
    evaluate = page.evaluate_tab
    assert evaluate.table.rowCount() == 2
    row = next(r for r in range(2) if evaluate.table.item(r, 0).text() == "张建国")
    combo = evaluate.grade_combo(row)
    combo.setCurrentIndex(combo.findData("优秀"))
    evaluate.table.item(row, evaluate.COL_COMMENT).setText("按时履岗")
    qtbot.mouseClick(evaluate.save_button, Qt.MouseButton.LeftButton)
    zhang = next(r for r in service.assignments(workspace, term.id) if r.member_name == "张建国")
    assert (zhang.grade, zhang.comment, zhang.record_count) == ("优秀", "按时履岗", 1)
    evaluate.table.selectRow(next(r for r in range(2) if evaluate.table.item(r, 0).text() == "张建国"))
    assert "参加村环境卫生整治" in evaluate.history.toPlainText()


def test_the_board_tab_previews_and_saves_the_board_and_cards(
    qtbot, page, people, workspace, message_log, monkeypatch, tmp_path
):
    term = page.term
    service.assign(
        workspace,
        people["张建国"],
        service.find_post(workspace, "政策法规宣传岗").id,
        term.id,
        commitment="每月至少走访群众2次",
    )
    page.tabs.setCurrentIndex(PostsPage.TAB_BOARD)
    board = page.board_tab
    qtbot.waitUntil(lambda: board.preview_pages >= 1 and not board.busy, timeout=10_000)
    assert "1" in board.summary_label.text()

    target = tmp_path / "公示.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    board.size_combo.setCurrentIndex(board.size_combo.findData("a3"))
    qtbot.mouseClick(board.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(board.export_message), timeout=10_000)
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")

    cards = tmp_path / "cards"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(cards), ""))
    qtbot.mouseClick(board.cards_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "1" in board.export_message and "cards" in board.export_message, timeout=10_000)
    assert (tmp_path / "cards.pdf").is_file()


def test_the_board_and_the_duty_cards_print_through_the_printer_dialog(
    qtbot, page, people, workspace, message_log, monkeypatch, tmp_path
):
    term = page.term
    page.tabs.setCurrentIndex(PostsPage.TAB_BOARD)
    board = page.board_tab
    assert [b.text() for b in (board.print_button, board.save_button)] == ["打印公示…", "保存公示 PDF…"]
    assert [b.text() for b in (board.print_cards_button, board.cards_button)] == [
        "打印责任岗卡片…",
        "保存责任岗卡片 PDF…",
    ]
    printed = tmp_path / "printed.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)

    # nobody on a post yet: no cards to print, said in words; the printer dialog does not open
    qtbot.mouseClick(board.print_cards_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 0 and message_log[-1][0] == "info" and "没有可打印" in message_log[-1][1]

    for name in ("张建国", "李秀英"):
        service.assign(workspace, people[name], service.find_post(workspace, "政策法规宣传岗").id, term.id)
    board.reload()
    qtbot.waitUntil(lambda: board.preview_pages >= 1 and not board.busy, timeout=10_000)

    # the board on A4 portrait: the PDF the preview shows goes to the printer
    qtbot.mouseClick(board.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 1 and dialogs.printers[-1].docName().endswith("-A4")
    assert page_sizes_mm(printed) == [(210, 297)] and dark_share(printed) > 0.005
    assert similarity(printed, service.board_pdf(workspace, term.id, "a4")) > 0.7

    # on A3 the dialog is set for A3 landscape
    board.size_combo.setCurrentIndex(board.size_combo.findData("a3"))
    qtbot.waitUntil(lambda: not board.busy, timeout=10_000)
    qtbot.mouseClick(board.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 2 and page_sizes_mm(printed) == [(420, 297)]
    assert similarity(printed, service.board_pdf(workspace, term.id, "a3")) > 0.7

    # the duty cards: one A4 sheet for two cards
    qtbot.mouseClick(board.print_cards_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 3 and page_sizes_mm(printed) == [(210, 297)]
    assert similarity(printed, service.duty_cards_pdf(workspace, term.id)) > 0.7
    assert not [m for m in message_log if m[0] in ("warning", "error")]


def test_the_catalogue_tab_adds_a_post_and_turns_one_off(qtbot, page, workspace, message_log):
    tab = page.catalogue_tab
    assert tab.table.rowCount() == 9

    def fill(dialog) -> None:  # noqa: ANN001
        dialog.name_edit.insert("护林防火岗")
        dialog.duties_edit.setPlainText("巡山护林\n防火宣传")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    driver = DialogDriver(page, fill)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert driver.done()[0].saved is not None
    assert [p.name for p in service.list_posts(workspace)][-1] == "护林防火岗"
    assert tab.table.rowCount() == 10

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.toggle_button, Qt.MouseButton.LeftButton)
    assert not service.list_posts(workspace)[0].active
    assert tab.toggle_button.text() == "启用"

    tab.several_check.setChecked(True)
    tab.grades_edit.setText("优秀、称职、基本称职、不称职")
    qtbot.mouseClick(tab.save_settings_button, Qt.MouseButton.LeftButton)
    settings = service.post_settings(workspace)
    assert settings.allow_several_posts and settings.grades == ("优秀", "称职", "基本称职", "不称职")


@pytest.fixture
def graded(page, people, workspace) -> dict[str, service.AssignmentInfo]:
    """张建国 and 李秀英 on a post for the page's term; 张建国 graded 优秀."""
    term = page.term
    post_id = service.find_post(workspace, "政策法规宣传岗").id
    rows = {name: service.assign(workspace, people[name], post_id, term.id) for name in ("张建国", "李秀英")}
    rows["张建国"] = service.evaluate(workspace, rows["张建国"].id, "优秀", "按时履岗")
    page.tabs.setCurrentIndex(PostsPage.TAB_EVALUATE)
    return rows


def _row_of(tab, name: str) -> int:  # noqa: ANN001
    return next(r for r in range(tab.table.rowCount()) if tab.table.item(r, tab.COL_MEMBER).text() == name)


def _saved(workspace, page, name: str) -> service.AssignmentInfo:  # noqa: ANN001
    return next(r for r in service.assignments(workspace, page.term.id) if r.member_name == name)


def test_a_grade_given_by_mistake_is_taken_back_on_the_evaluation_tab(
    qtbot, page, graded, workspace, message_log
):
    tab = page.evaluate_tab
    row = _row_of(tab, "张建国")
    assert tab.grade_combo(row).currentData() == "优秀"
    tab.grade_combo(row).setCurrentIndex(tab.grade_combo(row).findData(""))
    tab.table.item(row, tab.COL_COMMENT).setText("")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

    assert message_log == [("info", "已取消张建国（政策法规宣传岗）的评定。")]
    zhang = _saved(workspace, page, "张建国")
    assert (zhang.grade, zhang.comment) == ("", "")
    row = _row_of(tab, "张建国")  # the table was read again
    assert tab.grade_combo(row).currentText() == "（未评）"
    assert tab.table.item(row, tab.COL_COMMENT).text() == ""
    page.reload()
    assert tab.grade_combo(_row_of(tab, "张建国")).currentData() == ""

    # saving again with nothing changed sends nothing
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert message_log[-1] == ("info", "已保存 0 条评岗结果。")


def test_grading_and_taking_back_in_one_save_are_both_said(qtbot, page, graded, workspace, message_log):
    tab = page.evaluate_tab
    zhang, li = _row_of(tab, "张建国"), _row_of(tab, "李秀英")
    tab.grade_combo(zhang).setCurrentIndex(0)
    tab.table.item(zhang, tab.COL_COMMENT).setText("")
    tab.grade_combo(li).setCurrentIndex(tab.grade_combo(li).findData("称职"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert message_log == [("info", "已保存 1 条评岗结果，取消了张建国（政策法规宣传岗）的评定。")]
    assert _saved(workspace, page, "张建国").grade == "" and _saved(workspace, page, "李秀英").grade == "称职"


def test_a_comment_without_a_grade_is_refused_at_its_row(qtbot, page, graded, workspace, message_log):
    tab = page.evaluate_tab
    first, second = 0, 1
    names = [tab.table.item(r, tab.COL_MEMBER).text() for r in (first, second)]
    assert names == ["张建国", "李秀英"]
    # the first row gets a new grade and comment (saved), the second a comment but no grade (refused)
    tab.grade_combo(first).setCurrentIndex(tab.grade_combo(first).findData("称职"))
    tab.table.item(first, tab.COL_COMMENT).setText("积极宣传政策")
    tab.grade_combo(second).setCurrentIndex(0)
    tab.table.item(second, tab.COL_COMMENT).setText("表现不错")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

    assert len(message_log) == 1 and message_log[0][0] == "error"
    said = message_log[0][1]
    assert said.startswith(names[second] + "：写了评语就要评等次"), said
    assert tab.table.currentRow() == second and tab.table.currentColumn() == tab.COL_GRADE
    assert tab.table.item(second, tab.COL_COMMENT).text() == "表现不错"  # the table keeps what was typed
    assert tab.grade_combo(first).currentData() == "称职"
    refused = _saved(workspace, page, names[second])
    assert (refused.grade, refused.comment) == ("", "")  # nothing saved for that row
    before = _saved(workspace, page, names[first])
    assert (before.grade, before.comment) == ("称职", "积极宣传政策")  # saved before the error

    # choose a grade for the refused row: now it saves, and the row saved before is not counted twice
    tab.grade_combo(second).setCurrentIndex(tab.grade_combo(second).findData("优秀"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert message_log[-1] == ("info", "已保存 1 条评岗结果。")
    fixed = _saved(workspace, page, names[second])
    assert (fixed.grade, fixed.comment) == ("优秀", "表现不错")


def test_spaces_typed_in_the_comment_of_an_ungraded_row_change_nothing(
    qtbot, page, graded, workspace, message_log
):
    tab = page.evaluate_tab
    li = _row_of(tab, "李秀英")
    tab.table.item(li, tab.COL_COMMENT).setText("  ")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert message_log == [("info", "已保存 0 条评岗结果。")]
    assert _saved(workspace, page, "李秀英").grade == ""


def test_grades_typed_but_not_saved_survive_leaving_the_tab_and_the_page(
    qtbot, page, graded, workspace, message_log
):
    tab = page.evaluate_tab
    li = _row_of(tab, "李秀英")
    tab.grade_combo(li).setCurrentIndex(tab.grade_combo(li).findData("称职"))
    tab.table.item(li, tab.COL_COMMENT).setText("认真负责")
    page.tabs.setCurrentIndex(PostsPage.TAB_ASSIGN)  # another tab, then back
    page.tabs.setCurrentIndex(PostsPage.TAB_EVALUATE)
    page.hide()  # another page of the window, then back: the page is read again when shown
    page.show()
    li = _row_of(tab, "李秀英")
    assert tab.typed(li) == ("称职", "认真负责")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert message_log == [("info", "已保存 1 条评岗结果。")]
    assert (_saved(workspace, page, "李秀英").grade, _saved(workspace, page, "李秀英").comment) == (
        "称职",
        "认真负责",
    )
    assert not tab.has_unsaved_edits()


def test_a_full_post_is_not_offered_first_and_takes_one_more_only_with_a_reason_shown_on_the_board(
    qtbot, page, people, workspace, message_log
):
    term = page.term
    assert term is not None
    post = service.add_post(workspace, {"name": "垃圾分类督导岗", "duties": "督促分类", "members_needed": 1})
    service.assign(workspace, people["张建国"], post.id, term.id)

    dialog = AssignDialog(workspace, term, people["李秀英"], parent=page)
    qtbot.addWidget(dialog)
    full = dialog.post_combo.findData(post.id)
    assert dialog.post_combo.currentIndex() != full  # a post with room is offered first
    assert "已满" in dialog.post_combo.itemText(full)
    assert "已满" not in dialog.post_combo.currentText()

    dialog.post_combo.setCurrentIndex(full)
    assert "已经有 1 人了" in dialog.warning_label.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # without a reason: refused
    assert dialog.result() != AssignDialog.DialogCode.Accepted
    assert dialog.rows["reason"].error_label.isVisibleTo(dialog)
    assert [r.member_name for r in service.assignments(workspace, term.id)] == ["张建国"]

    dialog.reason_edit.insert("李秀英住在垃圾站旁，自愿兼管")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == AssignDialog.DialogCode.Accepted
    board = service.board_text(workspace, term.id)
    assert "垃圾分类督导岗（需要1人，安排2人：李秀英住在垃圾站旁，自愿兼管）" in board
