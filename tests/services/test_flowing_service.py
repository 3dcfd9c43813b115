"""Members working away: leave, records while away, return, re-issue, alerts, settings, directory."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from dangjian_desktop.domain.errors import Conflict, FieldErrors, NotFound
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import flowing, members
from dangjian_desktop.services.audit_log import recent_entries

TODAY = dt.date.today()
YEAR = TODAY.year


def _id(sequence: int, birth: str = "19750102") -> str:
    first17 = f"370102{birth}{sequence:03d}"
    return first17 + check_digit(first17)


def _member(workspace, name: str, sequence: int, **extra) -> int:
    raw = {"name": name, "id_number": _id(sequence), "phone": "13812345678", **extra}
    return members.add_member(workspace, raw).id


def _days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def _leave(workspace, member_id: int, since_days: int = 400, **extra):
    raw = {
        "since": _days_ago(since_days),
        "destination": "江苏省苏州市昆山市星光电子厂",
        "receiving_org": "中共星光电子厂支部委员会",
        "home_contact": "李红梅",
        **extra,
    }
    return flowing.register_leave(workspace, member_id, raw)


def test_leave_issues_serial_numbers_and_marks_the_roster(workspace):
    first = _member(workspace, "张三", 11)
    second = _member(workspace, "李四", 13)
    a = _leave(workspace, first)
    b = _leave(workspace, second, destination="浙江省宁波市北仑区")
    assert a.book.number == f"{YEAR}-001" and b.book.number == f"{YEAR}-002"
    assert a.book.issue_date == TODAY and a.book.status == "issued"
    assert a.stay.destination.province == "江苏省" and a.stay.destination.workplace == "星光电子厂"
    data = members.get_member(workspace, first).data
    assert data.flowing and data.holds_activity_book and data.away_place == "江苏省苏州市昆山市 星光电子厂"
    tables = {e.table for e in recent_entries(workspace, limit=50)}
    assert {"flowing_stay", "activity_book", "member"} <= tables


def test_a_member_cannot_leave_twice_or_when_off_the_roster(workspace):
    member_id = _member(workspace, "张三", 11)
    _leave(workspace, member_id)
    with pytest.raises(Conflict):
        _leave(workspace, member_id)
    gone = _member(workspace, "王五", 15)
    members.leave_roster(workspace, gone, "transferred_out", TODAY, "转到镇上")
    with pytest.raises(Conflict):
        _leave(workspace, gone)


def test_find_member_by_number_or_exact_name(workspace):
    first = _member(workspace, "张三", 11)
    assert flowing.find_member(workspace, str(first)).name == "张三"
    assert flowing.find_member(workspace, " 张三 ").id == first
    with pytest.raises(NotFound):
        flowing.find_member(workspace, "张")
    _member(workspace, "张三", 17)
    with pytest.raises(Conflict) as caught:
        flowing.find_member(workspace, "张三")
    assert str(first) in caught.value.message


def test_records_belong_to_the_stay_and_must_fall_while_away(workspace):
    member_id = _member(workspace, "张三", 11)
    with pytest.raises(Conflict):
        flowing.add_org_life(workspace, member_id, {"date": _days_ago(10), "kind": "党课", "content": "党课"})
    _leave(workspace, member_id, since_days=100)
    with pytest.raises(FieldErrors) as caught:
        flowing.add_org_life(
            workspace, member_id, {"date": _days_ago(200), "kind": "党课", "content": "党课"}
        )
    assert "date" in caught.value.errors
    flowing.add_org_life(workspace, member_id, {"date": _days_ago(20), "kind": "主题党日", "content": "参观"})
    flowing.add_org_life(workspace, member_id, {"date": _days_ago(60), "kind": "党课", "content": "党课一"})
    flowing.add_contact(workspace, member_id, {"date": _days_ago(5), "means": "微信", "content": "问候"})
    flowing.add_opinion(
        workspace,
        member_id,
        {"kind": "民主评议", "date": _days_ago(3), "year": str(YEAR - 1), "grade": "优秀"},
    )
    detail = flowing.stay_detail(workspace, member_id)
    assert [r.kind for r in detail.org_life] == ["party_lecture", "theme_day"]  # in date order
    assert detail.org_life[1].kind_label == "主题党日"
    assert detail.contacts[0].means == "wechat"
    assert detail.opinions[0].grade == "优秀" and detail.opinions[0].year == YEAR - 1


def test_return_closes_the_stay_and_keeps_the_history(workspace):
    member_id = _member(workspace, "张三", 11)
    first = _leave(workspace, member_id, since_days=300)
    flowing.add_org_life(workspace, member_id, {"date": _days_ago(30), "kind": "党课", "content": "党课一"})
    with pytest.raises(FieldErrors):
        flowing.register_return(workspace, member_id, _days_ago(400))
    back = flowing.register_return(workspace, member_id, _days_ago(2), "回村务农")
    assert back.return_date == TODAY - dt.timedelta(days=2) and not back.away
    data = members.get_member(workspace, member_id).data
    assert not data.flowing and not data.holds_activity_book and data.away_place == ""
    detail = flowing.stay_detail(workspace, member_id)
    assert detail.books[0].status == "returned" and len(detail.org_life) == 1
    assert flowing.away_rows(workspace) == []
    everything = flowing.away_rows(workspace, include_returned=True)
    assert [(r.state, r.book_number) for r in everything] == [("returned", first.book.number)]
    again = _leave(workspace, member_id, since_days=1)
    assert again.book.number == f"{YEAR}-002"
    assert flowing.stay_detail(workspace, member_id).org_life == ()  # the new stay starts empty


def test_a_lost_book_is_void_and_replaced_by_a_new_number(workspace):
    member_id = _member(workspace, "张三", 11)
    old = _leave(workspace, member_id).book
    with pytest.raises(FieldErrors):
        flowing.reissue_book(workspace, member_id, " ")
    new = flowing.reissue_book(workspace, member_id, "遗失")
    assert new.number == f"{YEAR}-002"
    books = flowing.stay_detail(workspace, member_id).books
    assert [(b.number, b.status, b.void_reason, b.replaced_by_number) for b in books] == [
        (old.number, "void", "遗失", new.number),
        (new.number, "issued", "", ""),
    ]
    content = flowing.book_content(workspace, member_id)
    assert content.number == new.number and content.replaces_number == old.number
    assert flowing.away_rows(workspace)[0].book_number == new.number


def test_alerts_list_the_longest_silence_first(workspace):
    quiet = _member(workspace, "张三", 11)
    quieter = _member(workspace, "李四", 13)
    fine = _member(workspace, "王五", 15)
    recent = _member(workspace, "赵六", 17)
    flagged = _member(workspace, "钱七", 19, flowing="是", away_place="浙江省宁波市")
    _leave(workspace, quiet, since_days=600)
    flowing.add_contact(workspace, quiet, {"date": _days_ago(250), "content": "电话问候"})
    _leave(workspace, quieter, since_days=500)
    flowing.add_org_life(workspace, quieter, {"date": _days_ago(300), "kind": "党课", "content": "党课"})
    _leave(workspace, fine, since_days=700)
    flowing.add_org_life(workspace, fine, {"date": _days_ago(20), "kind": "党课", "content": "党课"})
    _leave(workspace, recent, since_days=45)  # left six weeks ago: not lost yet
    found = flowing.alerts(workspace)
    assert [a.name for a in found] == ["钱七", "李四", "张三"]
    assert found[0].last_heard is None and not found[0].registered
    assert found[1].last_heard == TODAY - dt.timedelta(days=300) and found[1].months >= 9
    flowing.set_alert_months(workspace, 12)
    assert [a.name for a in flowing.alerts(workspace)] == ["钱七"]
    assert [a.name for a in flowing.alerts(workspace, months=1)] == ["钱七", "李四", "张三", "赵六"]
    assert flagged in {r.member_id for r in flowing.away_rows(workspace) if r.state == flowing.UNREGISTERED}


def test_settings_title_layout_and_constitution_text(workspace, tmp_path):
    member_id = _member(workspace, "张三", 11)
    _leave(workspace, member_id)
    assert flowing.flowing_settings(workspace) == flowing.FlowingSettings("流动党员活动证", "a5", 6, False)
    flowing.set_book_title(workspace, "流动党员活动记录")
    flowing.set_book_layout(workspace, "inserts")
    with pytest.raises(FieldErrors):
        flowing.set_book_layout(workspace, "a3")
    with pytest.raises(FieldErrors):
        flowing.set_alert_months(workspace, 0)
    assert flowing.book_content(workspace, member_id).title == "流动党员活动记录"
    assert "第一条" in flowing.book_content(workspace, member_id).constitution
    own = tmp_path / "党章.txt"
    own.write_text("中国共产党章程（本支部核对本）\n第一条　测试条文。\n", encoding="gb18030")
    flowing.replace_constitution_text(workspace, own)
    assert flowing.constitution_text(workspace).startswith("中国共产党章程（本支部核对本）")
    assert flowing.flowing_settings(workspace).own_constitution_text
    flowing.replace_constitution_text(workspace, None)
    assert flowing.constitution_text(workspace) == flowing.bundled_constitution_text()
    changed = [e.after for e in recent_entries(workspace, limit=50, table="setting")]
    assert {"flowing.book_title": "流动党员活动记录"} in changed


def test_book_content_takes_dues_from_the_ledger(workspace, monkeypatch):
    from dangjian_desktop.services import dues

    member_id = _member(workspace, "张三", 11)
    stay = _leave(workspace, member_id, since_days=100).stay
    payment = dues.PaymentInfo(
        id=1, member_id=member_id, member_name="张三", kind=dues.PAYMENT,
        paid_on=stay.since + dt.timedelta(days=10), amount=Decimal("1.5"), extra=Decimal("0"),
        to_central=False, months=tuple((dues.Month(2026, m), Decimal("0.5")) for m in (1, 2, 3)),
        method="", collector="王会计", paid_where="中共星光电子厂支部委员会", reason="",
        reverses_id=None, reversed_by_id=None, receipt_number="",
    )  # fmt: skip
    before_leaving = dataclasses.replace(payment, id=2, paid_on=stay.since - dt.timedelta(days=1))
    reversed_one = dataclasses.replace(payment, id=3, reversed_by_id=9)
    monkeypatch.setattr(dues, "payments_of_member", lambda ws, mid: [payment, before_leaving, reversed_one])
    lines = flowing.book_content(workspace, member_id).dues
    assert lines is not None and len(lines) == 1
    assert (lines[0].months, lines[0].amount, lines[0].collector) == ("2026.01—2026.03", "1.50", "王会计")


def test_print_all_away_can_be_cancelled(workspace, tmp_path):
    ids = [_member(workspace, name, seq) for name, seq in (("张三", 11), ("李四", 13), ("王五", 15))]
    for member_id in ids:
        _leave(workspace, member_id)
    reports = []
    result = flowing.print_all_away(
        workspace, tmp_path / "books", progress=lambda d, t: reports.append((d, t))
    )
    assert (
        not result.cancelled and len(result.files) == 3 and all(p.stat().st_size > 1000 for p in result.files)
    )
    assert reports[0] == (0, 3) and reports[-1] == (3, 3)
    calls = iter([False, True])
    stopped = flowing.print_all_away(workspace, tmp_path / "some", cancel=lambda: next(calls))
    assert stopped.cancelled and len(stopped.files) == 1


def test_directory_groups_by_destination_as_xlsx_and_pdf(workspace, tmp_path):
    a = _member(workspace, "张三", 11)
    b = _member(workspace, "李四", 13)
    c = _member(workspace, "王五", 15)
    _leave(workspace, a, receiving_phone="051255556666", receiving_contact="王明")
    _leave(workspace, b, destination="浙江省宁波市北仑区")
    _leave(workspace, c, destination="江苏省苏州市吴江区")
    entries = flowing.directory_entries(workspace)
    assert [(e.group, e.name) for e in entries][0][0] == "江苏省苏州市"
    assert [e.group for e in entries].count("江苏省苏州市") == 2
    assert flowing.export_directory(workspace, tmp_path / "dir.xlsx") == 3
    sheet = openpyxl.load_workbook(tmp_path / "dir.xlsx").active
    values = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["外出党员通讯录"]
    assert values[2][:4] == ["序号", "姓名", "性别", "联系电话"]
    assert values[3] == ["江苏省苏州市（2 人）"]
    assert "王明 0512-55556666" in values[4] or "王明 0512-55556666" in values[5]
    assert flowing.export_directory(workspace, tmp_path / "dir.pdf") == 3
    assert (tmp_path / "dir.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(FieldErrors):
        flowing.export_directory(workspace, tmp_path / "dir.docx")


def test_the_book_profile_gives_the_phone_and_work_from_while_away(workspace):
    member_id = _member(workspace, "张三", 12, occupation="务农")  # roster phone 13812345678
    _leave(workspace, member_id, phone="13900001111", occupation="电子厂操作工")
    profile = dict(flowing.book_content(workspace, member_id).profile)
    assert profile["联系电话"] == "13900001111"
    assert profile["职业"] == "电子厂操作工"
    other_id = _member(workspace, "李四", 13)
    _leave(workspace, other_id)  # nothing given at leaving: the roster's phone stays
    assert dict(flowing.book_content(workspace, other_id).profile)["联系电话"] == "13812345678"


def test_the_book_names_the_secretary_as_contact_and_leaves_the_receiving_handler_blank(workspace):
    """L7 (paper.md): with nobody named to keep in touch, the form names the secretary with the branch
    phone (as the book's instructions say), hyphen kept; a payment made at the receiving branch does not
    carry the home secretary's name as its handler."""
    from dangjian_desktop.services import dues
    from dangjian_desktop.services.branch import BranchProfile, save_profile

    save_profile(
        workspace, BranchProfile(name="中共东岭村支部委员会", secretary="王建国", phone="0531-87876543")
    )
    member_id = _member(workspace, "张三", 11)
    stay = _leave(workspace, member_id, since_days=100, home_contact="").stay
    for year in (stay.since.year, stay.since.year + 1):
        dues.declare_standard(workspace, member_id, year=year, category="farmer")
    month = dues.Month.of(stay.since)
    for where, collector in (("中共星光电子厂支部委员会", "王建国"), ("", "王建国")):
        dues.record_payment(
            workspace, member_id, month, month, "0.50", paid_on=stay.since + dt.timedelta(days=5),
            paid_where=where, collector=collector, today=TODAY,
        )  # fmt: skip
        month = dues.Month.from_index(month.index + 1)
    content = flowing.book_content(workspace, member_id)
    assert (content.home_contact, content.home_contact_phone) == ("王建国", "0531-87876543")
    assert content.branch_phone == "0531-87876543"
    assert [(line.paid_where, line.collector) for line in content.dues] == [
        ("中共星光电子厂支部委员会", ""),
        ("中共东岭村支部委员会", "王建国"),
    ]


def test_the_directory_pdf_is_one_table_with_long_silences_marked(workspace, tmp_path):
    """L12 (paper.md): one table (one header) for every destination, the groups said once above it; a
    member with no news for longer than the alert setting is marked; the contact at home defaults to the
    secretary; phones keep their hyphen."""
    import re

    from pypdf import PdfReader

    from dangjian_desktop.services.branch import BranchProfile, save_profile

    save_profile(workspace, BranchProfile(name="中共东岭村支部委员会", secretary="王建国"))
    a, b, c = (_member(workspace, name, seq) for name, seq in (("张三", 11), ("李四", 13), ("王五", 15)))
    _leave(workspace, a, since_days=30, home_contact="", receiving_phone="051255556666")
    _leave(workspace, b, since_days=40, destination="江苏省苏州市吴江区", home_contact="")
    _leave(workspace, c, since_days=400, destination="浙江省宁波市北仑区", home_contact="")
    flowing.export_directory(workspace, tmp_path / "dir.pdf")
    text = "".join(re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(tmp_path / "dir.pdf").pages)
    assert text.count("流入地党组织") == 1  # one header for all
    assert "按去向：江苏省苏州市（2人）、浙江省宁波市（1人）" in text
    assert "0512-55556666" in text and text.count("王建国") == 3
    assert re.search(r"王五.*已1[23]个月无联系", text) and not re.search(r"张三.*?无联系.*李四", text)
