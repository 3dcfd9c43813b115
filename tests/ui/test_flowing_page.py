"""The 流动党员 page through the real screen: register a member leaving, add an organisation-life record,
print the activity book (file dialog patched), and print every book in a batch with a progress bar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLineEdit, QPlainTextEdit

from dangjian_desktop.services import flowing
from dangjian_desktop.ui.flowing.leave_dialog import LeaveDialog
from dangjian_desktop.ui.flowing.org_life_dialog import OrgLifeDialog
from dangjian_desktop.ui.flowing.page import TAB_ALERTS, FlowingPage
from dangjian_desktop.ui.flowing.print_book_dialog import PrintBookDialog
from dangjian_desktop.ui.widgets.pdf_preview import pdf_page_images
from support.printing import accept_print_dialog, dark_share, page_sizes_mm

TODAY = dt.date.today()


def _fill(dialog, values: dict[str, str]) -> None:
    for key, text in values.items():
        editor = dialog.editors[key]
        if isinstance(editor, QLineEdit):
            editor.setText(text)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            editor.setCurrentText(text)


def _drive(monkeypatch, dialog_class, values: dict[str, str], log: list) -> None:
    """Instead of waiting for the user, fill the real dialog and press its Save button."""

    def exec_(self) -> int:
        _fill(self, values)
        self.buttons.accepted.emit()
        log.append(self)
        return self.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)


def _row_of(table, name: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)


def test_leave_record_and_print_the_book_on_screen(
    qtbot, workspace, add_members, message_log, monkeypatch, tmp_path
):
    add_members(3)  # 张三 and two others; sample member 2 is marked as working away on the roster
    page = FlowingPage(workspace)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.away_table.rowCount() == 1  # marked on the roster, leave not registered
    assert "未办外出登记" in page.away_table.item(0, 1).text()
    assert not page.record_button.isEnabled()

    changes: list[bool] = []
    page.data_changed.connect(lambda: changes.append(True))  # the roster and home page read again
    opened: list = []
    since = (TODAY - dt.timedelta(days=90)).isoformat()
    _drive(
        monkeypatch,
        LeaveDialog,
        {
            "member": "张三",
            "since": since,
            "destination": "江苏省苏州市昆山市",
            "workplace": "星光电子厂",
            "receiving_org": "中共星光电子厂支部委员会",
            "home_contact": "李红梅",
        },
        opened,
    )
    qtbot.mouseClick(page.leave_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].result() == QDialog.DialogCode.Accepted
    number = f"{TODAY.year}-001"
    assert ("info", f"张三 的外出登记已办好。活动证编号：{number}。") in message_log
    row = _row_of(page.away_table, "张三")
    assert page.away_table.item(row, 1).text() == "江苏省苏州市昆山市 星光电子厂"
    assert page.away_table.item(row, 3).text() == number
    assert page.selected_member() is not None and page.record_button.isEnabled()
    assert changes == [True]

    # a mistake is shown under its field and nothing is saved; then the corrected record goes in
    bad: list = []
    _drive(monkeypatch, OrgLifeDialog, {"date": "2099-01-01", "kind": "党课", "content": ""}, bad)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert bad[0].result() != QDialog.DialogCode.Accepted
    assert bad[0].rows["content"].error_label.text() and bad[0].rows["date"].error_label.text()
    good: list = []
    record_day = (TODAY - dt.timedelta(days=30)).isoformat()
    _drive(
        monkeypatch,
        OrgLifeDialog,
        {"date": record_day, "kind": "主题党日", "content": "参观红色教育基地"},
        good,
    )
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert good[0].result() == QDialog.DialogCode.Accepted
    assert "参观红色教育基地" in page.details.toPlainText()
    assert changes == [True, True]  # the refused record changed nothing

    # print the book: choose the layout, save through the (patched) file dialog
    target = tmp_path / "张三的活动证.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    shown: list[PrintBookDialog] = []

    def print_exec(self) -> int:
        shown.append(self)
        assert self.pages.count() >= 10  # the preview shows every page
        for button in self.layout_group.buttons():
            if button.property("layout_code") == "a4-booklet":
                button.setChecked(True)
        assert self.pages.count() >= 5 and "长边翻转" in self.info.text()
        qtbot.mouseClick(self.save_button, Qt.MouseButton.LeftButton)
        return 1

    monkeypatch.setattr(PrintBookDialog, "exec", print_exec)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert shown and shown[0].saved_path == target
    reader = PdfReader(target)
    assert round(float(reader.pages[0].mediabox.width)) == 842  # A4 landscape sheets
    text = "".join(p.extract_text() for p in reader.pages)
    assert "参观红色教育基地" in text and number in text
    assert not [m for m in message_log if m[0] in ("warning", "error")]

    page.tabs.setCurrentIndex(TAB_ALERTS)
    assert page.alert_table.rowCount() == 1  # the member marked on the roster only


def test_print_all_books_with_progress(qtbot, workspace, add_members, message_log, monkeypatch, tmp_path):
    ids = add_members(4)
    for member_id in ids:
        flowing.register_leave(
            workspace,
            member_id,
            {"since": (TODAY - dt.timedelta(days=10)).isoformat(), "destination": "浙江省宁波市"},
        )
    page = FlowingPage(workspace)
    qtbot.addWidget(page)
    page.show()
    folder = tmp_path / "books"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    assert page.progress is not None
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _t in message_log), timeout=30000)
    assert len(list(Path(folder).glob("*.pdf"))) == 4
    assert "已打印 4 本活动证" in message_log[-1][1]
    assert page.batch_button.isEnabled() and page.progress is None


def test_the_pdf_preview_renders_pages(tmp_path, workspace, add_members):
    (member_id,) = add_members(1)
    flowing.register_leave(workspace, member_id, {"since": TODAY.isoformat(), "destination": "江苏省"})
    path = tmp_path / "b.pdf"
    flowing.print_book(workspace, member_id, path, layout="inserts")
    images = pdf_page_images(path.read_bytes(), 200)
    assert images and images[0].width() == 200 and not images[0].isNull()


def test_printing_the_booklet_paints_every_page_landscape_both_sides(
    qtbot, tmp_path, workspace, add_members, monkeypatch, message_log
):
    (member_id,) = add_members(1)
    flowing.register_leave(workspace, member_id, {"since": TODAY.isoformat(), "destination": "江苏省"})
    dialog = PrintBookDialog(workspace, member_id, "张三")
    qtbot.addWidget(dialog)
    for button in dialog.layout_group.buttons():
        if button.property("layout_code") == "a4-booklet":
            button.setChecked(True)
    dialogs = accept_print_dialog(monkeypatch, tmp_path / "printed.pdf")
    duplex_asked = []
    set_duplex = QPrinter.setDuplex
    monkeypatch.setattr(
        QPrinter, "setDuplex", lambda self, mode: duplex_asked.append(mode) or set_duplex(self, mode)
    )
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 1 and not message_log
    (printer,) = dialogs.printers
    assert printer.docName().endswith("_张三")  # the book's number and the member's name
    assert duplex_asked == [printer.DuplexMode.DuplexLongSide]
    expected = len(PdfReader(dialog._preview_file).pages)
    assert page_sizes_mm(dialogs.target) == [(297, 210)] * expected  # A4 landscape sheets
    assert all(dark_share(dialogs.target, i) > 0.005 for i in range(expected))


def test_the_leave_form_fills_in_the_phone_from_the_roster(qtbot, workspace, add_members):
    add_members(4)  # sample member 1 has 13800000001; member 0 (张三) has none
    dialog = LeaveDialog(workspace)
    qtbot.addWidget(dialog)
    names = {dialog.member_combo.itemText(i): i for i in range(dialog.member_combo.count())}
    phone = dialog.editors["phone"]
    dialog.member_combo.setCurrentIndex(names["张三"])
    assert phone.text() == ""
    others = [name for name in names if name != "张三"]
    dialog.member_combo.setCurrentIndex(names[others[0]])
    assert phone.text().startswith("138")  # as on the roster
    phone.setText("13912345678")  # she knows the new number
    dialog.member_combo.setCurrentIndex(names[others[1]])
    assert phone.text() == "13912345678"  # what she typed is kept


def test_the_book_preview_leaves_no_personal_data_in_the_temporary_folder(
    qtbot, tmp_path, workspace, add_members, monkeypatch, message_log
):
    """code.md C3: one temporary folder per dialog, reused for every layout, gone when the dialog closes;
    Save copies the pages previewed."""
    import tempfile

    temporary = tmp_path / "temp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    (member_id,) = add_members(1)
    flowing.register_leave(workspace, member_id, {"since": TODAY.isoformat(), "destination": "江苏省"})
    dialog = PrintBookDialog(workspace, member_id, "张三")
    qtbot.addWidget(dialog)
    for button in dialog.layout_group.buttons():  # each layout once, as the reviewer did
        button.setChecked(True)
    assert [p.name for p in temporary.iterdir()] == [dialog.preview_folder.name]
    assert [p.name for p in dialog.preview_folder.iterdir()] == ["preview.pdf"]

    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == (dialog.preview_folder / "preview.pdf").read_bytes()

    dialog.reject()
    assert list(temporary.iterdir()) == []
