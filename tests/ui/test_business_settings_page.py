"""The 业务设置 tab: every business setting in one form, checked before it is stored, audited, and the
党章 text of the activity book replaced from a file and put back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from dangjian_desktop.services import audit_log, settings
from dangjian_desktop.ui.pages import business_settings_page
from dangjian_desktop.ui.pages.business_settings_page import BusinessSettingsPage
from dangjian_desktop.ui.pages.setting_fields import ChoiceField, LineField, TableField


@pytest.fixture
def page(qtbot, workspace):
    shown = BusinessSettingsPage(workspace)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    return shown


def _type(qtbot, field: LineField, text: str) -> None:
    field.line.clear()
    if text.isascii():
        qtbot.keyClicks(field.line, text)
    else:  # QTest types ASCII only: put the text in as an input method would
        field.line.setText(text)
        field.line.textEdited.emit(text)


def _save(qtbot, page: BusinessSettingsPage, key: str) -> None:
    qtbot.mouseClick(page.group_of(key).save_button, Qt.MouseButton.LeftButton)


def test_every_registered_business_setting_has_a_field(page):
    shown = {key for group in page.groups.values() for key in group.fields}
    for key in settings.ALL_KEYS:
        if key.startswith("posts.") or key == "flowing.constitution_text":
            continue
        assert key in shown
    assert list(page.groups)[:2] == ["dues", "flowing"]
    assert page.groups["dues"].title() == "党费"
    assert isinstance(page.field("dues.handup_period"), ChoiceField)
    assert page.field("dues.handup_period").combo.currentText() == "每季度"
    assert page.field("dues.rounding").combo.currentData() == "fen"
    assert isinstance(page.field("dues.farmer_amount"), LineField)
    assert page.field("dues.farmer_amount").line.text() == "0.50"


def test_changing_the_farmer_amount_is_saved_and_in_the_change_log(qtbot, page, workspace):
    field = page.field("dues.farmer_amount")
    _type(qtbot, field, "0.80")
    with qtbot.waitSignal(page.data_changed, timeout=2000):
        _save(qtbot, page, "dues.farmer_amount")
    assert settings.get(workspace, settings.DUES_FARMER_AMOUNT) == Decimal("0.80")
    assert page.group_of("dues.farmer_amount").status_label.text() == "已保存。"
    assert field.line.text() == "0.80"
    entries = [e for e in audit_log.recent_entries(workspace, table="setting")]
    assert entries and entries[0].after == {"dues.farmer_amount": "0.80"}
    assert entries[0].summary == "农民党员每月党费"


def test_a_value_out_of_range_is_shown_next_to_its_field_and_nothing_is_saved(qtbot, page, workspace):
    field = page.field("dues.farmer_amount")
    _type(qtbot, field, "1.50")
    _type(qtbot, page.field("dues.months_ahead"), "12")  # a right value in the same group waits too
    _save(qtbot, page, "dues.farmer_amount")
    assert field.row.error_label.isVisible()
    assert "农民党员" in field.row.error_label.text() and "元" in field.row.error_label.text()
    assert field.line.text() == "1.50"  # what was typed is kept
    assert "没有保存" in page.group_of("dues.farmer_amount").status_label.text()
    assert settings.get(workspace, settings.DUES_FARMER_AMOUNT) == Decimal("0.50")
    assert settings.get(workspace, settings.DUES_MONTHS_AHEAD) == 6
    assert audit_log.recent_entries(workspace, table="setting") == []

    page.refresh()  # coming back to the tab keeps the typing
    assert field.line.text() == "1.50"
    _type(qtbot, field, "1.00")
    _save(qtbot, page, "dues.farmer_amount")
    assert not field.row.error_label.isVisible()
    assert settings.get(workspace, settings.DUES_FARMER_AMOUNT) == Decimal("1.00")
    assert settings.get(workspace, settings.DUES_MONTHS_AHEAD) == 12


def test_a_choice_is_shown_in_chinese_and_stored_as_its_code(qtbot, page, workspace):
    combo = page.field("dues.handup_period").combo
    combo.setCurrentIndex(combo.findText("每年"))
    _save(qtbot, page, "dues.handup_period")
    assert settings.get(workspace, settings.DUES_HANDUP_PERIOD) == "year"


def test_saving_without_changes_says_so_and_writes_nothing(qtbot, page, workspace):
    _save(qtbot, page, "dues.farmer_amount")
    assert page.group_of("dues.farmer_amount").status_label.text() == "没有改动。"
    assert audit_log.recent_entries(workspace, table="setting") == []


def test_meeting_frequencies_and_grades(qtbot, page, workspace):
    meetings = pytest.importorskip("dangjian_desktop.services.meetings")
    table = page.field("meetings.frequencies")
    assert isinstance(table, TableField)
    combo = table.combos["party_lecture"]
    combo.setCurrentIndex(combo.findData("month"))
    _type(qtbot, page.field("meetings.evaluation_grades"), "优秀、合格、不合格")
    _save(qtbot, page, "meetings.frequencies")
    assert meetings.frequencies(workspace)["party_lecture"] == "month"
    assert meetings.evaluation_grades(workspace) == ("优秀", "合格", "不合格")
    assert page.field("meetings.evaluation_grades").line.text() == "优秀、合格、不合格"


def test_the_party_constitution_text_is_replaced_from_a_file_and_put_back(
    qtbot, page, workspace, tmp_path, monkeypatch
):
    flowing = pytest.importorskip("dangjian_desktop.services.flowing")
    row = page.groups["flowing"].constitution
    assert row is not None
    assert "程序自带" in row.state_label.text()
    assert not row.restore_button.isEnabled()

    own = tmp_path / "党章.txt"
    own.write_text("中国共产党章程\n第一章　党员\n第一条　本支部核对过的文字。\n", encoding="utf-8")
    monkeypatch.setattr(business_settings_page, "choose_text_file", lambda parent: own)
    with qtbot.waitSignal(page.data_changed, timeout=2000):
        qtbot.mouseClick(row.replace_button, Qt.MouseButton.LeftButton)
    assert flowing.constitution_text(workspace).startswith("中国共产党章程\n第一章")
    assert "本支部" in row.state_label.text() and "中国共产党章程" in row.state_label.text()
    assert row.message_label.text() == "党章文字已替换。"
    assert row.restore_button.isEnabled()

    qtbot.mouseClick(row.restore_button, Qt.MouseButton.LeftButton)
    assert flowing.constitution_text(workspace) == flowing.bundled_constitution_text()
    assert "程序自带" in row.state_label.text()
    assert not row.restore_button.isEnabled()
    assert len(audit_log.recent_entries(workspace, table="setting")) == 2


def test_a_file_that_is_not_text_is_refused_in_words(qtbot, page, workspace, tmp_path, monkeypatch):
    pytest.importorskip("dangjian_desktop.services.flowing")
    row = page.groups["flowing"].constitution
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    monkeypatch.setattr(business_settings_page, "choose_text_file", lambda parent: empty)
    qtbot.mouseClick(row.replace_button, Qt.MouseButton.LeftButton)
    assert row.message_label.isVisible() and row.message_label.text()
    assert "程序自带" in row.state_label.text()
    assert audit_log.recent_entries(workspace, table="setting") == []
