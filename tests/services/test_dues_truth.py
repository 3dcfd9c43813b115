"""What the dues hand-up register says is true (paper.md §5.2): its "截至" date is not in the future, and
the table's total, which counts the voluntary extras sent on to the Central Committee, is explained next
to the branch's own balance, which does not."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues
from dangjian_desktop.services.dues import documents as dues_documents
from support.branch import add_branch_members

TODAY = dt.date(2026, 12, 7)


def test_the_handup_register_counts_up_to_the_day_it_is_made_and_explains_the_central_part(workspace):
    ids = add_branch_members(workspace, 2)
    member = ids["王建国"]
    dues.declare_standard(workspace, member, year=2026, category="farmer")
    dues.record_payment(
        workspace, member, Month(2026, 1), Month(2026, 3), "1001.50", paid_on=dt.date(2026, 3, 1), today=TODAY
    )
    dues.record_handup(workspace, handed_on=dt.date(2026, 4, 5), amount="1.00", receiver="孔村镇党委")
    dues.record_handup(
        workspace, handed_on=dt.date(2026, 4, 5), amount="1000", receiver="孔村镇党委", to_central=True
    )

    table = dues_documents.handups_table(workspace, 2026, made_on=TODAY)
    notes = "\n".join(table.notes)
    assert "截至 2026年12月7日" in notes and "12月31日" not in notes
    assert table.totals[2] == 1001
    assert "已上缴 1.00 元" in notes and "支部结存 0.50 元" in notes
    assert "表中合计含上缴中央的自愿多交党费 1,000.00 元" in notes

    last_year = dues_documents.handups_table(workspace, 2025, made_on=TODAY)
    assert "2025年12月31日" in "\n".join(last_year.notes)  # a year that is over: up to its last day
