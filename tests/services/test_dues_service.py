"""Dues use cases against a real SQLite workspace: standards, payments, reversals, arrears, reports."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import dues, settings
from dangjian_desktop.services.audit_log import recent_entries
from dangjian_desktop.services.members import add_member, leave_roster

D = Decimal


def make_id_number(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


TODAY = dt.date(2026, 7, 20)


@pytest.fixture
def members(workspace):
    """张三 (employed, 3500 → 35.00), 李四 (farmer 0.50), 王五 (probationary since 2026-03-10, farmer)."""
    a = add_member(
        workspace, {"name": "张三", "id_number": make_id_number(sequence=1), "joined_date": "1990-01-01"}
    )
    b = add_member(
        workspace, {"name": "李四", "id_number": make_id_number(sequence=3), "joined_date": "1995-06-01"}
    )
    c = add_member(
        workspace,
        {
            "name": "王五",
            "id_number": make_id_number(sequence=5),
            "joined_date": "2026-03-10",
            "category": "预备党员",
        },
    )
    dues.declare_standard(workspace, a.id, year=2026, category="employed", income="3500")
    dues.declare_standard(workspace, b.id, year=2026, category="farmer")
    dues.declare_standard(workspace, c.id, year=2026, category="farmer")
    return a.id, b.id, c.id


def test_declare_keeps_history_and_probationary_start(workspace, members):
    zhang, _li, wang = members
    rows = {r.member_id: r for r in dues.standards_for_year(workspace, 2026)}
    assert rows[zhang].standard.amount == D("35.00") and rows[zhang].standard.rate == D("0.01")
    assert rows[wang].standard.from_month == Month(2026, 3)  # 2008 第八条: from the branch meeting's month
    again = dues.declare_standard(workspace, zhang, year=2026, category="employed", income="6000")
    assert again.amount == D("90.00")
    history = dues.standard_history(workspace, zhang)
    assert [h.amount for h in history] == [D("90.00"), D("35.00")]
    assert [h.active for h in history] == [True, False]
    assert dues.standards_for_year(workspace, 2027)[0].standard is None  # 未核定 for the next year
    assert dues.standards_for_year(workspace, 2027)[0].previous is not None


def test_farmer_amount_comes_from_the_branch_setting(workspace, members):
    _zhang, li, _wang = members
    settings.set_value(workspace, settings.DUES_FARMER_AMOUNT, "0.80")
    assert dues.declare_standard(workspace, li, year=2026, category="farmer").amount == D("0.80")
    with pytest.raises(FieldErrors):
        settings.set_value(workspace, settings.DUES_FARMER_AMOUNT, "1.50")
    changes = recent_entries(workspace, table="setting")
    assert changes and json.loads(json.dumps(changes[0].after)) == {"dues.farmer_amount": "0.80"}


def test_multi_month_payment_is_allocated_and_the_extra_is_voluntary(workspace, members):
    zhang, _li, _wang = members
    payment = dues.record_payment(
        workspace, zhang, Month(2026, 1), Month(2026, 3), "110", paid_on=dt.date(2026, 3, 5), today=TODAY
    )
    assert [(str(m), a) for m, a in payment.months] == [
        ("2026-01", D("35.00")),
        ("2026-02", D("35.00")),
        ("2026-03", D("35.00")),
    ]
    assert payment.extra == D("5.00") and not payment.to_central
    assert payment.receipt_number == "2026-0001"
    second = dues.record_payment(
        workspace, zhang, Month(2026, 4), Month(2026, 4), "35", paid_on=dt.date(2026, 4, 2), today=TODAY
    )
    assert second.receipt_number == "2026-0002"
    with pytest.raises(FieldErrors) as caught:  # a month already paid
        dues.record_payment(workspace, zhang, Month(2026, 3), Month(2026, 5), "105", today=TODAY)
    assert "2026-03" in caught.value.message
    with pytest.raises(AppError):  # less than the standards
        dues.record_payment(workspace, zhang, Month(2026, 5), Month(2026, 6), "69.99", today=TODAY)


def test_paying_beyond_six_months_needs_a_reason(workspace, members):
    zhang, _li, _wang = members
    with pytest.raises(dues.ReasonRequired):
        dues.record_payment(
            workspace,
            zhang,
            Month(2026, 1),
            Month(2026, 12),
            "420",
            paid_on=dt.date(2026, 1, 10),
            today=TODAY,
        )
    ok = dues.record_payment(
        workspace,
        zhang,
        Month(2026, 1),
        Month(2026, 12),
        "420",
        paid_on=dt.date(2026, 1, 10),
        reason="经支委会同意全年预交",
        today=TODAY,
    )
    assert len(ok.months) == 12 and ok.reason == "经支委会同意全年预交"


def test_a_reversal_points_at_the_payment_and_both_are_audited(workspace, members):
    zhang, _li, _wang = members
    payment = dues.record_payment(
        workspace, zhang, Month(2026, 1), Month(2026, 2), "70", paid_on=dt.date(2026, 2, 1), today=TODAY
    )
    reversal = dues.reverse_payment(workspace, payment.id, "金额记错")
    assert reversal.kind == dues.REVERSAL and reversal.reverses_id == payment.id
    assert reversal.amount == D("-70.00") and [a for _m, a in reversal.months] == [D("-35.00"), D("-35.00")]
    assert dues.get_payment(workspace, payment.id).reversed_by_id == reversal.id
    with pytest.raises(AppError):
        dues.reverse_payment(workspace, payment.id, "again")
    with pytest.raises(FieldErrors):
        dues.reverse_payment(workspace, reversal.id, "")
    # the months are owed again and can be paid anew
    assert [r.months for r in dues.arrears(workspace, Month(2026, 2)) if r.member_id == zhang][0] == (
        Month(2026, 1),
        Month(2026, 2),
    )
    dues.record_payment(
        workspace, zhang, Month(2026, 1), Month(2026, 2), "70", paid_on=dt.date(2026, 2, 3), today=TODAY
    )
    actions = [(e.table, e.action) for e in recent_entries(workspace, table="dues_payment")]
    assert actions.count(("dues_payment", "insert")) == 2 and ("dues_payment", "reverse") in actions


def test_one_click_collection_of_a_month(workspace, members):
    zhang, li, wang = members
    rows = {r.member_id: r for r in dues.collection_rows(workspace, Month(2026, 2))}
    assert wang not in rows  # not yet a member in February
    assert rows[zhang].standard == D("35.00") and not rows[zhang].is_paid
    paid = dues.collect_month(
        workspace, Month(2026, 2), [zhang, li], paid_on=dt.date(2026, 2, 10), today=TODAY
    )
    assert [p.amount for p in paid] == [D("35.00"), D("0.50")]
    assert all(p.method == "cash" for p in paid)
    rows = {r.member_id: r for r in dues.collection_rows(workspace, Month(2026, 2))}
    assert rows[zhang].is_paid and rows[zhang].receipt_number and rows[zhang].paid_on == dt.date(2026, 2, 10)


def test_undeclared_members_are_listed_and_not_in_arrears(workspace, members):
    new = add_member(
        workspace, {"name": "赵六", "id_number": make_id_number(sequence=7), "joined_date": "2000-01-01"}
    )
    rows = {r.member_id: r for r in dues.collection_rows(workspace, Month(2026, 5))}
    assert rows[new.id].standard is None and not rows[new.id].declared
    assert new.id not in {r.member_id for r in dues.arrears(workspace, Month(2026, 6))}
    with pytest.raises(FieldErrors):
        dues.record_payment(workspace, new.id, Month(2026, 5), Month(2026, 5), "1", today=TODAY)


def test_arrears_flags_at_three_and_six_months_oldest_first(workspace, members):
    zhang, li, wang = members
    dues.record_payment(
        workspace, zhang, Month(2026, 1), Month(2026, 3), "105", paid_on=dt.date(2026, 3, 1), today=TODAY
    )  # then nothing: April–June unpaid
    dues.record_payment(
        workspace, li, Month(2026, 1), Month(2026, 1), "0.50", paid_on=dt.date(2026, 1, 5), today=TODAY
    )  # February–July unpaid
    rows = dues.arrears(workspace, Month(2026, 7))
    by_id = {r.member_id: r for r in rows}
    assert by_id[zhang].consecutive == 4 and by_id[zhang].flag == "remind"
    assert by_id[li].consecutive == 6 and by_id[li].flag == "warn" and by_id[li].flag_label == "警示"
    assert by_id[wang].months[0] == Month(2026, 3)  # owed only from March
    assert [r.member_id for r in rows] == [li, wang, zhang]  # oldest unpaid month first
    assert dues.arrears(workspace, Month(2026, 6))[0].member_id == li
    by_june = {r.member_id: r for r in dues.arrears(workspace, Month(2026, 5))}
    assert by_june[zhang].consecutive == 2 and by_june[zhang].flag == ""
    # flagging never changes a member's status
    from dangjian_desktop.services.members import get_member

    assert get_member(workspace, li).status == "active"


def test_paid_elsewhere_is_not_arrears_and_not_in_the_branch_cash(workspace, members):
    zhang, _li, _wang = members
    payment = dues.record_payment(
        workspace,
        zhang,
        Month(2026, 1),
        Month(2026, 6),
        "210",
        paid_on=dt.date(2026, 6, 30),
        paid_where="苏州市某社区党支部",
        today=TODAY,
    )
    assert payment.receipt_number == ""  # the receipt was given there
    assert zhang not in {r.member_id for r in dues.arrears(workspace, Month(2026, 6))}
    money = dues.balance(workspace)
    assert money.collected == D("0.00") and money.paid_elsewhere == D("210.00")


def test_members_who_left_are_not_in_arrears(workspace, members):
    zhang, _li, _wang = members
    leave_roster(workspace, zhang, "transferred_out", dt.date(2026, 2, 1), "转往县城")
    assert zhang not in {r.member_id for r in dues.arrears(workspace, Month(2026, 7))}


def test_year_sheet_month_summary_and_notice(workspace, members):
    zhang, li, wang = members
    dues.record_payment(
        workspace, zhang, Month(2026, 1), Month(2026, 2), "80", paid_on=dt.date(2026, 2, 1), today=TODAY
    )
    dues.collect_month(workspace, Month(2026, 3), [li, wang], paid_on=dt.date(2026, 3, 15), today=TODAY)
    sheet = dues.year_sheet(workspace, 2026, today=TODAY)
    rows = {r.member_id: r for r in sheet.rows}
    assert rows[zhang].months[:3] == (D("35.00"), D("35.00"), None)
    assert rows[zhang].owed[:3] == (False, False, True) and rows[zhang].extra == D("10.00")
    assert rows[zhang].total == D("80.00")
    assert rows[wang].owed[:3] == (False, False, False)  # not owed before March
    assert sheet.month_totals[2] == D("1.00") and sheet.total == D("81.00")
    summary = dues.month_summary(workspace, Month(2026, 3))
    assert summary.paid_count == 2 and summary.unpaid_count == 1 and summary.paid_total == D("1.00")
    assert summary.due_total == D("36.00") and summary.received_total == D("1.00")
    notice = dues.public_notice_data(workspace, Month(2026, 1), Month(2026, 6))
    # one basis: the 10 元 paid voluntarily counts with his dues, as on the year sheet
    assert {(r.name, r.months_paid, r.amount_paid, r.voluntary) for r in notice.rows} >= {
        ("张三", 2, D("80.00"), D("10.00"))
    }
    assert notice.total_paid == sum(r.amount_paid for r in notice.rows) == D("81.00")
    assert not any(hasattr(r, "id_number") or hasattr(r, "phone") for r in notice.rows)


def test_handups_and_balance(workspace, members):
    zhang, _li, _wang = members
    dues.record_payment(
        workspace, zhang, Month(2026, 1), Month(2026, 3), "1105", paid_on=dt.date(2026, 3, 1), today=TODAY
    )  # 105 dues + 1000 voluntary for the Central Committee
    money = dues.balance(workspace)
    assert money.collected == D("105.00") and money.central_collected == D("1000.00")
    handup = dues.record_handup(
        workspace,
        handed_on=dt.date(2026, 4, 5),
        amount="100",
        receiver="城关镇党委 李委员",
        receipt_number="CG-17",
        first_month=Month(2026, 1),
        last_month=Month(2026, 3),
    )
    assert handup.receipt_number == "CG-17"
    assert dues.balance(workspace).balance == D("5.00")
    quarters = dues.handup_periods(workspace, 2026)
    assert quarters[0].collected == D("105.00") and quarters[1].handed_up == D("100.00")
    reversal = dues.reverse_handup(workspace, handup.id, "金额有误")
    assert reversal.amount == D("-100.00") and dues.balance(workspace).balance == D("105.00")
    with pytest.raises(FieldErrors):
        dues.record_handup(workspace, handed_on=dt.date(2026, 4, 5), amount="-1", receiver="")


def test_find_member_by_number_or_exact_name(workspace, members):
    zhang, _li, _wang = members
    assert dues.find_member(workspace, "张三") == (zhang, "张三")
    assert dues.find_member(workspace, str(zhang)) == (zhang, "张三")
    with pytest.raises(AppError):
        dues.find_member(workspace, "张")


def test_dues_sheets_and_the_notice_list_party_groups_in_their_natural_order(workspace):
    """第一, 第二, 第三 … 第十党小组, as people count them, not 第一, 第三, 第二 as the code points sort."""
    groups = ["第三党小组", "第十党小组", "第二党小组", "", "第一党小组"]
    for n, group in enumerate(groups, start=1):
        member = add_member(
            workspace, {"name": f"党员{n}", "id_number": make_id_number(n), "party_group": group}
        )
        dues.declare_standard(workspace, member.id, year=2026, category="farmer")
    expected = ["党员5", "党员3", "党员1", "党员2", "党员4"]  # 第一, 第二, 第三, 第十, then no group
    assert [r.name for r in dues.year_sheet(workspace, 2026, today=TODAY).rows] == expected
    assert [r.name for r in dues.month_summary(workspace, Month(2026, 1)).rows] == expected
    assert [r.name for r in dues.standards_for_year(workspace, 2026)] == expected
    assert [
        r.name for r in dues.public_notice_data(workspace, Month(2026, 1), Month(2026, 3)).rows
    ] == expected
