"""``dangjian dues …``: the interfaces scripts rely on (issue 4)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from tests.support.cli import run

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.idnumber import check_digit


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize(
    ("args", "printed"),
    [
        (("--category", "employed", "--income", "3000"), "15.00"),
        (("--category", "employed", "--income", "3000.01"), "30.00"),
        (("--category", "employed", "--income", "10000.01"), "200.00"),
        (("--category", "retired", "--income", "5000"), "25.00"),
        (("--category", "retired", "--income", "5000.01"), "50.00"),
        (("--category", "farmer"), "0.50"),
        (("--category", "farmer", "--income", "9000"), "0.50"),  # ignored for the fixed categories
        (("--category", "farmer", "--farmer-amount", "0.8"), "0.80"),
        (("--category", "student"), "0.20"),
        (("--category", "hardship", "--income", "1"), "0.20"),
        (("--category", "employed", "--income", "80000"), "1000.00"),  # capped (2017 notice)
        (("--category", "employed", "--income", "80000", "--date", "2016-06-01"), "1600.00"),
        (("--category", "employed", "--income", "１２３４．５"), "6.17"),
    ],
)
def test_standard_prints_a_plain_number(capsys, args, printed):
    code, out, _err = run(capsys, "dues", "standard", *args)
    assert code == 0
    assert out == printed + "\n"


@pytest.mark.parametrize(
    "args",
    [
        ("--category", "employed", "--income", "-5"),
        ("--category", "employed", "--income", "abc"),
        ("--category", "employed"),  # income required
        ("--category", "retired"),
        ("--category", "pilot", "--income", "3000"),
        (
            "--income",
            "3000",
        ),  # no category
        ("--category", "employed", "--income", "3000", "--date", "2008-03-31"),
        ("--category", "farmer", "--farmer-amount", "1.5"),
    ],
)
def test_standard_refuses_bad_input_in_chinese(capsys, args):
    code, out, err = run(capsys, "dues", "standard", *args)
    assert code != 0 and out == ""
    assert _has_chinese(err), err


@pytest.fixture
def data(tmp_path, capsys):
    folder = tmp_path / "data"
    assert (
        run(
            capsys, "--data-dir", folder, "init", "--branch", "中共前进村支部委员会", "--secretary", "王书记"
        )[0]
        == 0
    )
    for sequence, name in ((1, "张三"), (3, "李四")):
        first17 = f"37010219700101{sequence:03d}"
        code, _out, err = run(
            capsys,
            "--data-dir",
            folder,
            "members",
            "add",
            name,
            "--id",
            first17 + check_digit(first17),
            "--joined",
            "1990-01-01",
        )
        assert code == 0, err
    return folder


def test_declare_pay_arrears_and_report(data, tmp_path, capsys):
    this_month = Month.of(dt.date.today())
    year = this_month.year
    code, out, err = run(
        capsys,
        "--data-dir",
        data,
        "dues",
        "declare",
        "张三",
        "--category",
        "employed",
        "--income",
        "3500",
        "--year",
        year,
    )
    assert code == 0 and "35.00" in out, err
    code, out, err = run(
        capsys, "--data-dir", data, "dues", "declare", "2", "--category", "farmer", "--year", year
    )
    assert code == 0 and "李四" in out and "0.50" in out, err
    # 张三 pays the months up to three months ago; 李四 pays nothing
    paid_to = this_month - 3
    first = Month(year, 1)
    months = first.months_until(paid_to) + 1
    if months >= 1:
        code, out, err = run(
            capsys,
            "--data-dir",
            data,
            "dues",
            "pay",
            "张三",
            "--from",
            first,
            "--to",
            paid_to,
            "--amount",
            f"{35 * months:.2f}",
            "--reason",
            "年初集中交纳",
        )
        assert code == 0 and "张三" in out, err
    code, out, err = run(
        capsys, "--data-dir", data, "dues", "arrears", "--as-of", this_month, "--format", "csv"
    )
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["姓名", "连续欠缴月数", "欠缴月份", "标记"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["张三"][1] == "3" and by_name["张三"][3] == "提醒"
    assert by_name["张三"][2] == ";".join(str(this_month - i) for i in (2, 1, 0))
    li_months = this_month.month
    assert by_name["李四"][1] == str(li_months)
    assert by_name["李四"][3] == ("警示" if li_months >= 6 else "提醒" if li_months >= 3 else "")
    # the year's workbook
    target = tmp_path / "dues.xlsx"
    code, out, err = run(capsys, "--data-dir", data, "dues", "report", "--year", year, "--out", target)
    assert code == 0 and out.strip() == str(target), err
    sheet = openpyxl.load_workbook(target).worksheets[0]
    names = [row[0].value for row in sheet.iter_rows(min_row=4)]
    assert "张三" in names and "李四" in names


def test_pay_with_fixed_dates_and_errors(data, capsys):
    assert (
        run(
            capsys,
            "--data-dir",
            data,
            "dues",
            "declare",
            "张三",
            "--category",
            "employed",
            "--income",
            "3500",
            "--year",
            "2025",
        )[0]
        == 0
    )
    code, out, err = run(
        capsys,
        "--data-dir",
        data,
        "dues",
        "pay",
        "张三",
        "--from",
        "2025-01",
        "--to",
        "2025-03",
        "--amount",
        "105",
        "--date",
        "2025-03-01",
    )
    assert code == 0 and "2025-0001" in out, err
    # the same months again, an unknown member, too little money: non-zero, in Chinese
    for argv in (
        ("pay", "张三", "--from", "2025-03", "--to", "2025-03", "--amount", "35", "--date", "2025-03-02"),
        ("pay", "王麻子", "--from", "2025-04", "--to", "2025-04", "--amount", "35", "--date", "2025-04-02"),
        ("pay", "张三", "--from", "2025-04", "--to", "2025-05", "--amount", "69.99", "--date", "2025-04-02"),
        ("pay", "张三", "--from", "2025-04", "--to", "2025-04", "--amount", "-35", "--date", "2025-04-02"),
    ):
        code, out, err = run(capsys, "--data-dir", data, "dues", *argv)
        assert code != 0 and _has_chinese(err), (argv, err)
    code, out, _err = run(capsys, "--data-dir", data, "dues", "arrears", "--as-of", "2025-03")
    assert code == 0 and "张三" not in out


def test_ledger_start_declare_from_a_month_pay_and_the_month_receipts(data, capsys, tmp_path):
    """Issue 13's interfaces: ledger-start (audited), declare --from, the receipt number alone on the last
    line of pay, receipts --month, arrears without --as-of counting ended months only, 0.499 refused."""
    today = Month.of(dt.date.today())

    def dues(*argv):
        return run(capsys, "--data-dir", data, "dues", *argv)

    code, out, err = dues("ledger-start")
    assert code == 0 and "还没有" in out, err
    code, out, err = dues("declare", "张三", "--category", "farmer", "--year", today.year, "--from", today)
    assert code == 0 and str(today) in out, err
    code, out, err = dues("ledger-start")
    assert code == 0 and out.startswith(str(today)) and "第一个党费标准" in out, err
    code, out, err = dues("ledger-start", "2026-13")
    assert code != 0 and _has_chinese(err)
    code, out, err = dues("ledger-start", today)
    assert code == 0 and "纸质台账" in out, err
    code, out, err = dues("ledger-start")
    assert out.strip() == str(today)
    # the current month is not arrears yet; at the end of it (--as-of) it is
    code, out, err = dues("arrears", "--format", "csv")
    assert code == 0 and len(list(csv.reader(io.StringIO(out)))) == 1, out
    code, out, err = dues("arrears", "--as-of", today, "--format", "csv")
    assert [r[0] for r in csv.reader(io.StringIO(out))][1:] == ["张三"]
    # 0.499 is refused, not rounded into a whole month
    code, out, err = dues("pay", "张三", "--from", today, "--to", today, "--amount", "0.499")
    assert code != 0 and "两位小数" in err and out == ""
    numbers = []
    for month in (today, today + 1):  # this month, then the next one paid ahead
        code, out, err = dues("pay", "张三", "--from", month, "--to", month, "--amount", "0.50")
        assert code == 0, err
        numbers.append(out.splitlines()[-1])
    assert numbers == [f"{today.year}-0001", f"{today.year}-0002"]
    target = tmp_path / "receipts.pdf"
    code, out, err = dues("receipts", "--month", today, "--out", target)
    assert code == 0 and out.strip() == str(target), err
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert all(number in text for number in numbers)
    code, out, err = dues("receipts", "--month", today - 1, "--out", tmp_path / "x.pdf")
    assert code != 0 and "没有开出收据" in err
