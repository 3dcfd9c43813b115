"""The roster's item models obey Qt's model rules (pytest-qt's model tester, Qt's own
QAbstractItemModelTester underneath): the roster table model while it is searched, filtered, sorted and
unmasked, and the import preview's table of texts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dangjian_desktop.domain.search import build_search_key
from dangjian_desktop.services.members import RosterRow
from dangjian_desktop.ui.members.import_preview import RowsModel
from dangjian_desktop.ui.members.table_model import (
    COL_GROUP,
    COL_NAME,
    LEFT_ROSTER,
    MemberTableModel,
    RosterFilter,
)


def roster_row(
    number: int, name: str, *, group: str = "", status: str = "active", office: str = ""
) -> RosterRow:
    id_number = f"3701021970010{number:04d}"[:17] + "X"
    phone = f"1381234{number:04d}"
    return RosterRow(
        id=number,
        name=name,
        sex="male" if number % 2 else "female",
        birth_date="1970-01-01",
        id_number=id_number,
        category="full" if number % 3 else "probationary",
        joined_date="1995-07" if number % 2 else "1996-07-01",
        party_group=group,
        office=office,
        dues_category="farmer" if number % 2 else "",
        phone=phone,
        flowing=bool(number % 4 == 0),
        status=status,
        search_key=build_search_key(name, id_number, phone),
    )


ROWS = [
    roster_row(1, "张三", group="第二党小组", office="村委会主任"),
    roster_row(2, "李四", group="第十党小组"),
    roster_row(3, "王五", group="第二党小组"),
    roster_row(4, "赵六", status="transferred_out"),
    roster_row(5, "钱七", status="deleted"),
    roster_row(6, "孙八"),
]


def test_the_roster_table_model_keeps_the_rules(qtmodeltester):
    model = MemberTableModel(ROWS)
    qtmodeltester.check(model)
    assert model.rowCount() == 4  # those on the roster

    model.set_search("zs")
    qtmodeltester.check(model)
    assert [model.index(r, COL_NAME).data() for r in range(model.rowCount())] == ["张三"]

    model.set_search("")
    model.set_filter(RosterFilter(party_group="第二党小组"))
    qtmodeltester.check(model)
    assert model.rowCount() == 2

    model.set_filter(RosterFilter())
    model.sort(COL_GROUP, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_masked(False)
    qtmodeltester.check(model)

    model.set_filter(RosterFilter(scope=LEFT_ROSTER))
    qtmodeltester.check(model)
    assert model.rowCount() == 1

    model.set_rows([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_the_import_preview_model_keeps_the_rules(qtmodeltester):
    model = RowsModel(["Row", "Column", "What to fix"])
    qtmodeltester.check(model)
    model.set_rows([("3", "姓名", "请填写姓名。"), ("7", "公民身份号码", "最后一位不对。")])
    qtmodeltester.check(model)
    assert model.index(1, 2).data() == "最后一位不对。"
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is not None  # row numbers on the right
    model.set_rows([])
    qtmodeltester.check(model)
