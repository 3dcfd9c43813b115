"""乡镇汇总 through its real screen: a township login has the page in the navigation and sees a tab per
section with its chart and table; 导出Excel… and 保存为PDF… write the files; a village login never has
the page."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog
from tests.support.township import NAMES, act_as_township, build_township

from dangjian_desktop.ui.main_window import MainWindow, UiSettings
from dangjian_desktop.ui.township.page import TownshipPage


@pytest.fixture
def page(qtbot, workspace, monkeypatch, message_log) -> TownshipPage:
    build_township(workspace)
    act_as_township(monkeypatch)
    widget = TownshipPage(workspace)
    qtbot.addWidget(widget)
    widget.year.setValue(2026)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_tab_per_section_with_its_chart_and_table(page, tmp_path):
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == [
        "各支部党员结构", "各支部党费收缴情况", "三会一课等组织生活落实情况", "党务公开及公示期", "无职党员设岗定责",
        "流动党员失联情况",
    ]  # fmt: skip
    page.tabs.setCurrentIndex(1)
    dues = page.sections[1]
    table = dues.table
    assert [table.horizontalHeaderItem(c).text() for c in range(5)] == [
        "党支部",
        "应交",
        "收缴",
        "上缴",
        "欠缴",
    ]
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [*NAMES, "全镇合计"]
    assert dues.chart.chart is not None and dues.chart.chart.categories == ("前进村", "红星村", "新民村")
    dues.parts.setCurrentIndex(1)  # the month by month totals
    assert table.item(0, 0).text() == "1月"
    image = page.grab()
    assert not image.isNull()
    image.save(str(tmp_path / "township-dues.png"))


def test_export_writes_the_workbook_and_the_pdf(page, qtbot, tmp_path, monkeypatch):
    for suffix, button in ((".xlsx", page.excel_button), (".pdf", page.pdf_button)):
        target = tmp_path / f"汇总{suffix}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, target=target, **k: (str(target), ""))
        page.last_saved = None
        button.click()
        qtbot.waitUntil(lambda: page.last_saved is not None, timeout=20000)
        assert page.last_saved == target and target.stat().st_size > 1000
    assert "流动党员失联情况" in load_workbook(tmp_path / "汇总.xlsx").sheetnames


def test_only_a_township_login_has_the_page(qtbot, workspace, monkeypatch, message_log):
    settings = UiSettings.in_folder(workspace.folder)
    village = MainWindow(workspace, settings)
    qtbot.addWidget(village)
    keys = [village.navigation.item(i).text() for i in range(village.navigation.count())]
    assert "乡镇汇总" not in keys
    act_as_township(monkeypatch)
    township = MainWindow(workspace, settings)
    qtbot.addWidget(township)
    keys = [township.navigation.item(i).text() for i in range(township.navigation.count())]
    assert keys == ["乡镇汇总", "设置/备份"]  # no village pages: a township login has no branch
    assert township.first_page == "township"
    assert isinstance(township.show_page("township"), TownshipPage)


def test_a_village_login_is_told_in_words(qtbot, workspace, message_log):
    widget = TownshipPage(workspace)
    qtbot.addWidget(widget)
    assert "只有乡镇党委的账号能看全乡镇的汇总" in widget.summary.text()
    assert not widget.excel_button.isEnabled() and not widget.pdf_button.isEnabled()
