"""A change on one page reaches the others: paying dues on the dues page takes the member's arrears line
off the home page; registering a leave on the flowing page is tested in test_flowing_page."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues
from dangjian_desktop.services.home import DUES_WARN
from dangjian_desktop.ui.dues.page import DuesPage
from dangjian_desktop.ui.main_window import MainWindow, UiSettings
from dangjian_desktop.ui.pages.home_page import ITEM_ROLE, HomePage

THIS_MONTH = Month.of(dt.date.today())


def _warned(home: HomePage) -> set[int]:
    items = (home.list.item(row).data(ITEM_ROLE) for row in range(home.list.count()))
    return {item.member_id for item in items if getattr(item, "kind", None) == DUES_WARN}


def test_paying_on_the_dues_page_takes_the_line_off_the_home_page(qtbot, workspace, add_members, message_log):
    (member_id,) = add_members(1)
    dues.declare_standard(
        workspace,
        member_id,
        year=THIS_MONTH.year,
        category="employed",
        income="3500",
        from_month=THIS_MONTH - 7,
    )
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    home = window.show_page("home")
    window.show()
    qtbot.waitExposed(window)
    assert isinstance(home, HomePage) and _warned(home) == {member_id}

    page = window.show_page("dues")
    assert isinstance(page, DuesPage)
    changes: list[bool] = []
    page.data_changed.connect(lambda: changes.append(True))
    collection = page.collection
    page.tabs.setCurrentWidget(collection)
    # last month: the runs count months that have ended, so paying this month alone would not end the run
    collection.month_picker.set_month(THIS_MONTH - 1)
    row = next(i for i, r in enumerate(collection.rows) if r.member_id == member_id)
    collection.table.cellWidget(row, collection.COL_ACTION).click()  # 已交✓ for last month
    assert changes == [True]

    home = window.show_page("home")
    assert member_id not in _warned(home)  # the run of unpaid months now ends before last month
