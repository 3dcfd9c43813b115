"""Dues from the first day of use (issue 13): the ledger starts at a month, the current month is not
arrears until it is over, a standard can start at any month, many standards at once, one dues category,
a month's receipts on paper, and amounts never silently changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pypdf import PdfReader

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import dues, home, notices
from dangjian_desktop.services.audit_log import recent_entries
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.services.members import add_member, get_member, roster_rows, update_member

D = Decimal
DECEMBER = dt.date(2026, 12, 7)  # the secretary's first week of use


def _id_number(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def farmers(workspace) -> list[int]:
    """26 members of long standing, none of them declared yet."""
    return [
        add_member(
            workspace, {"name": f"党员{n}", "id_number": _id_number(n), "joined_date": "1990-01-01"}
        ).id
        for n in range(1, 27)
    ]


def _declare_year(workspace, ids, year=2026, **kwargs) -> None:
    dues.declare_standards(workspace, ids, year=year, category="farmer", **kwargs)


def test_ledger_start_in_december_leaves_nobody_in_arrears_and_nothing_on_the_home_page(workspace, farmers):
    """review M2: after one day of use everybody was 12 months in arrears with a red 警示."""
    dues.set_ledger_start(workspace, "2026-12")
    _declare_year(workspace, farmers)  # from January, as the 2017 notice has it
    assert dues.arrears(workspace, today=DECEMBER) == []
    assert dues.arrears(workspace, Month(2026, 11)) == []  # November is in the paper book
    lines = home.dues_lines(workspace, DECEMBER)
    assert lines == []
    # December is the current month: not arrears; once it has ended it is, and only December
    in_january = dues.arrears(workspace, today=dt.date(2027, 1, 3))
    assert len(in_january) == 26 and {r.months for r in in_january} == {(Month(2026, 12),)}
    # the year sheet shows January–November as the paper book, not as unpaid
    sheet = dues.year_sheet(workspace, 2026, today=DECEMBER)
    assert sheet.ledger_start == Month(2026, 12)
    assert not any(any(row.owed) for row in sheet.rows)
    table = dues_documents.year_sheet_table(sheet)
    assert table.rows[0][3:14] == ("纸质台账",) * 11 and table.rows[0][14] is None
    assert any("2026年12月" in note and "纸质台账" in note for note in table.notes)


def test_before_it_is_chosen_the_first_standard_gives_the_ledger_start(workspace, farmers):
    assert dues.ledger_start(workspace) is None and dues.ledger_start_chosen(workspace) is None
    _declare_year(workspace, farmers[:1], from_month=Month(2026, 9))
    assert dues.ledger_start(workspace) == Month(2026, 9) and dues.ledger_start_chosen(workspace) is None
    assert dues.set_ledger_start(workspace, "2026年12月") == Month(2026, 12)
    assert dues.ledger_start(workspace) == Month(2026, 12)
    entry = recent_entries(workspace, table="setting")[0]
    assert entry.after == {"dues.ledger_start": "2026-12"}


def test_a_bad_ledger_start_is_refused_in_words(workspace):
    with pytest.raises(AppError) as caught:
        dues.set_ledger_start(workspace, "2026-13")
    assert "2026-01" in caught.value.message


def test_the_current_month_is_not_arrears_before_it_ends_and_is_after(workspace, farmers):
    member = farmers[0]
    _declare_year(workspace, [member])
    dues.record_payment(
        workspace,
        member,
        Month(2026, 1),
        Month(2026, 10),
        D("5.00"),
        paid_on=dt.date(2026, 10, 5),
        reason="年初集中交纳",
    )
    before = dues.arrears(workspace, today=dt.date(2026, 11, 30))
    assert before == []  # November is not over: nothing is owed yet
    with_flag = dues.arrears(workspace, today=dt.date(2026, 12, 1))
    assert [(r.months, r.consecutive) for r in with_flag] == [((Month(2026, 11),), 1)]
    assert with_flag[0].this_month_unpaid  # 本月未交: December, shown apart
    # --as-of a month: that month counts (the end of it)
    assert dues.arrears(workspace, Month(2026, 11))[0].months == (Month(2026, 11),)


def test_consecutive_runs_count_ended_months_and_older_gaps_are_shown(workspace, farmers):
    """review m11: a member who paid the last month dropped off the list with January–November unpaid."""
    member = farmers[0]
    _declare_year(workspace, [member])
    dues.record_payment(
        workspace, member, Month(2026, 11), Month(2026, 11), D("0.50"), paid_on=dt.date(2026, 11, 5)
    )
    [row] = dues.arrears(workspace, today=DECEMBER)
    assert row.consecutive == 0 and row.flag == "" and row.older_count == 10
    assert row.months == tuple(Month(2026, m) for m in range(1, 11))
    assert home.dues_lines(workspace, DECEMBER) == []  # no run up to now: no home line


def test_a_standard_from_july_makes_january_to_june_not_owed(workspace, farmers):
    member = farmers[0]
    info = dues.declare_standard(workspace, member, year=2026, category="farmer", from_month=Month(2026, 7))
    assert info.from_month == Month(2026, 7)
    [row] = dues.arrears(workspace, Month(2026, 12))
    assert row.months == tuple(Month(2026, m) for m in range(7, 13))
    assert dues.amount_due(workspace, member, Month(2026, 6), Month(2026, 6)) is None
    sheet = dues.year_sheet(workspace, 2026, today=dt.date(2027, 1, 5))
    owed = next(r for r in sheet.rows if r.member_id == member).owed
    assert owed == (False,) * 6 + (True,) * 6


def test_a_standard_never_starts_before_the_member_joined(workspace):
    member = add_member(
        workspace, {"name": "新党员", "id_number": _id_number(90), "joined_date": "2026-03-10"}
    ).id
    info = dues.declare_standard(workspace, member, year=2026, category="farmer", from_month=Month(2026, 1))
    assert info.from_month == Month(2026, 3)  # 2008 第八条


def test_many_standards_at_once_one_transaction_one_audit_entry_each(workspace, farmers):
    declared = dues.declare_standards(workspace, farmers[:20], year=2026, category="farmer")
    assert len(declared) == 20 and {s.amount for s in declared} == {D("0.50")}
    assert len(recent_entries(workspace, table="dues_standard")) == 20
    # all or none: one member gone from the list leaves nothing half done
    with pytest.raises(AppError):
        dues.declare_standards(workspace, [*farmers[20:], 99999], year=2026, category="student")
    assert all(
        r.standard is None for r in dues.standards_for_year(workspace, 2026) if r.member_id in farmers[20:]
    )


def test_the_roster_dues_category_follows_the_standard(workspace, farmers):
    """review m10: 核定 as 农民 left 党费类别 empty on the roster, the member form and the export."""
    dues.declare_standard(workspace, farmers[0], year=2026, category="farmer")
    dues.declare_standard(workspace, farmers[1], year=2026, category="employed", income="3500")
    rows = {r.id: r for r in roster_rows(workspace)}
    assert rows[farmers[0]].dues_category == "farmer" and rows[farmers[1]].dues_category == "employed"
    assert get_member(workspace, farmers[0]).data.dues_category == "farmer"
    changes = [e for e in recent_entries(workspace, table="member") if e.action == "update"]
    assert sorted(e.after["dues_category"] for e in changes) == ["employed", "farmer"]


def test_changing_the_category_on_the_member_form_changes_the_standard(workspace, farmers):
    member = farmers[0]
    dues.declare_standard(workspace, member, year=dt.date.today().year, category="farmer")
    data = get_member(workspace, member).data.as_dict()
    update_member(workspace, member, {**data, "dues_category": "student"})
    current = dues.standards_for_year(workspace, dt.date.today().year)[0].standard
    assert current.category == "student" and current.amount == D("0.20")
    assert current.from_month == max(Month.of(dt.date.today()), Month(dt.date.today().year, 1))
    # an income category needs the income: refused, with words saying where, and nothing changed
    with pytest.raises(FieldErrors) as caught:
        update_member(workspace, member, {**data, "dues_category": "employed"})
    assert "核定标准" in caught.value.errors["dues_category"]
    assert get_member(workspace, member).data.dues_category == "student"


def test_the_basis_names_the_right_document(workspace, farmers):
    """review m17: the farmer amount is the branch's decision within 中组发〔2008〕3号 第六条."""
    farmer = dues.declare_standard(workspace, farmers[0], year=2026, category="farmer")
    assert "支部确定" in farmer.basis and "中组发〔2008〕3号 第六条" in farmer.basis
    assert "2017" not in farmer.basis
    employed = dues.declare_standard(workspace, farmers[1], year=2026, category="employed", income="3500")
    assert employed.basis == "中组发〔2008〕3号 第二条"
    capped = dues.declare_standard(workspace, farmers[2], year=2026, category="employed", income="80000")
    assert "组电明字〔2017〕5号" in capped.basis and "1000" in capped.basis


def test_an_amount_with_three_decimals_is_refused_not_rounded(workspace, farmers):
    """review D15: 0.499 was recorded as 0.50 and paid the month."""
    member = farmers[0]
    _declare_year(workspace, [member])
    with pytest.raises(AppError) as caught:
        dues.record_payment(workspace, member, Month(2026, 12), Month(2026, 12), "0.499", today=DECEMBER)
    assert "两位小数" in caught.value.message
    assert dues.payments_of_member(workspace, member) == []
    with pytest.raises(AppError):
        dues.declare_standard(workspace, member, year=2026, category="employed", income="3500.555")


def test_the_receipts_of_a_month_are_all_in_one_pdf_several_to_a_page(workspace, farmers, tmp_path):
    _declare_year(workspace, farmers[:7])
    numbers = []
    for member in farmers[:7]:
        payment = dues.record_payment(
            workspace, member, Month(2026, 11), Month(2026, 11), D("0.50"), paid_on=dt.date(2026, 11, 20)
        )
        numbers.append(payment.receipt_number)
    other = dues.record_payment(
        workspace, farmers[0], Month(2026, 12), Month(2026, 12), D("0.50"), paid_on=DECEMBER, today=DECEMBER
    )
    path = dues_documents.month_receipts(workspace, Month(2026, 11), tmp_path / "r.pdf")
    reader = PdfReader(path)
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 3  # seven receipts, three to an A4 sheet
    text = "\n".join(pages)
    for number in numbers:
        assert text.count(number) == 1
    assert other.receipt_number not in text
    assert [page.count("党 费 收 据") for page in pages] == [3, 3, 1]
    assert pages[0].count("沿此线剪开") == 2  # cut lines between the receipts of a sheet
    with pytest.raises(AppError) as caught:
        dues_documents.month_receipts(workspace, Month(2026, 10), tmp_path / "none.pdf")
    assert "没有开出收据" in caught.value.message


def test_opening_note_is_kept_audited_and_printed_on_the_year_sheet(workspace, farmers):
    dues.set_ledger_start(workspace, "2026-12")
    _declare_year(workspace, farmers[:2])
    dues.set_opening_note(workspace, farmers[0], "2026年1–11月已在纸质台账交清")
    dues.set_opening_note(workspace, farmers[1], "欠缴 3 个月 见纸质台账")
    assert dues.opening_notes(workspace)[farmers[0]] == "2026年1–11月已在纸质台账交清"
    table = dues_documents.year_sheet_table(dues.year_sheet(workspace, 2026, today=DECEMBER))
    assert "党员1：2026年1–11月已在纸质台账交清" in table.notes
    assert "党员2：欠缴 3 个月 见纸质台账" in table.notes
    assert len(recent_entries(workspace, table="dues_opening_note")) == 2
    dues.set_opening_note(workspace, farmers[1], "")
    assert farmers[1] not in dues.opening_notes(workspace)


def test_months_before_the_ledger_start_are_never_on_a_public_notice(workspace, farmers):
    dues.set_ledger_start(workspace, "2026-12")
    data = dues.public_notice_data(workspace, Month(2026, 1), Month(2026, 12))
    assert data.first == Month(2026, 12)
    with pytest.raises(AppError) as caught:
        dues.public_notice_data(workspace, Month(2026, 1), Month(2026, 6))
    assert "纸质台账" in caught.value.message
    assert notices  # the notice text is made from this data (services.notices._dues_text)


def test_an_imported_sheet_changes_the_category_as_the_member_form_does(workspace, farmers):
    from dangjian_desktop.domain.members import validate_member
    from dangjian_desktop.services.members import save_many

    member = farmers[0]
    year = dt.date.today().year
    dues.declare_standard(workspace, member, year=year, category="farmer")
    data = get_member(workspace, member).data.as_dict()

    def import_with(category: str) -> None:
        save_many(workspace, [validate_member({**data, "dues_category": category})], source="test")

    import_with("")  # the sheet has no 党费类别: nothing changes
    assert get_member(workspace, member).data.dues_category == "farmer"
    assert len(dues.standard_history(workspace, member)) == 1
    import_with("学生")
    assert dues.standards_for_year(workspace, year)[0].standard.category == "student"
    assert get_member(workspace, member).data.dues_category == "student"
    import_with("在职")  # no income known: the roster keeps the standard's category
    assert get_member(workspace, member).data.dues_category == "student"
    assert dues.standards_for_year(workspace, year)[0].standard.category == "student"
