"""``dangjian posts assign|record|board|list`` exactly as issue 6 gives them, with their exit codes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from tests.support.cli import run

from dangjian_desktop import cli
from dangjian_desktop.domain.idnumber import check_digit


def id_number(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def data(tmp_path, capsys) -> str:
    folder = str(tmp_path / "data")
    assert (
        run(
            capsys,
            "--data-dir",
            folder,
            "init",
            "--branch",
            "中共前进村支部委员会",
            "--supervision-phone",
            "05318765432",
        )[0]
        == 0
    )
    for n, (name, extra) in enumerate(
        [("张建国", []), ("李秀英", []), ("王德福", ["--office", "村委会委员"])], start=1
    ):
        code, _out, err = run(
            capsys,
            "--data-dir",
            folder,
            "members",
            "add",
            name,
            "--id",
            id_number(n),
            "--phone",
            f"1381234560{n}",
            *extra,
        )
        assert code == 0, err
    return folder


def test_assign_a_member_without_office(data, capsys):
    code, out, err = run(
        capsys,
        "--data-dir",
        data,
        "posts",
        "assign",
        "张建国",
        "--post",
        "政策法规宣传岗",
        "--year",
        "2025",
        "--commitment",
        "每月至少走访群众2次",
    )
    assert code == 0, err
    assert "张建国" in out and "政策法规宣传岗" in out and "2025" in out


def test_a_member_with_an_office_needs_a_reason(data, capsys):
    args = ("--data-dir", data, "posts", "assign", "王德福", "--post", "党务村务监督岗", "--year", "2025")
    code, out, err = run(capsys, *args)
    assert code != 0
    assert "村委会委员" in err and "--reason" in err
    code, out, _err = run(capsys, "--data-dir", data, "posts", "list", "--format", "csv", "--year", "2025")
    assert "王德福" not in out  # nothing was written
    code, out, err = run(capsys, *args, "--reason", "本人申请，支委会同意")
    assert code == 0, err
    assert "本人申请，支委会同意" in out


def test_one_post_per_year_is_refused_on_the_command_line(data, capsys):
    run(capsys, "--data-dir", data, "posts", "assign", "张建国", "--post", "政策法规宣传岗", "--year", "2025")
    code, _out, err = run(
        capsys, "--data-dir", data, "posts", "assign", "张建国", "--post", "平安建设岗", "--year", "2025"
    )
    assert code == 2 and "政策法规宣传岗" in err
    code, _out, err = run(
        capsys, "--data-dir", data, "posts", "assign", "无此人", "--post", "平安建设岗", "--year", "2025"
    )
    assert code == 2 and "无此人" in err
    code, _out, err = run(
        capsys, "--data-dir", data, "posts", "assign", "张建国", "--post", "没有这个岗", "--year", "2025"
    )
    assert code == 2 and "政策法规宣传岗" in err  # the message lists the posts there are


def test_record_what_a_member_did(data, capsys):
    year = dt.date.today().year
    run(
        capsys,
        "--data-dir",
        data,
        "posts",
        "assign",
        "张建国",
        "--post",
        "政策法规宣传岗",
        "--year",
        str(year),
    )
    day = max(dt.date(year, 1, 1), dt.date.today() - dt.timedelta(days=1)).isoformat()
    code, out, err = run(
        capsys, "--data-dir", data, "posts", "record", "张建国", "--date", day, "--text", "入户宣讲医保政策"
    )
    assert code == 0, err
    assert "张建国" in out and day in out
    code, _out, err = run(
        capsys, "--data-dir", data, "posts", "record", "李秀英", "--date", day, "--text", "x"
    )
    assert code == 2 and "李秀英" in err  # no post in that term
    with pytest.raises(SystemExit) as caught:
        cli.main(["--data-dir", data, "posts", "record", "张建国", "--date", "2025/13/01", "--text", "x"])
    assert caught.value.code == 1
    capsys.readouterr()


def test_board_writes_a_pdf_in_both_sizes(data, capsys, tmp_path):
    run(capsys, "--data-dir", data, "posts", "assign", "张建国", "--post", "政策法规宣传岗", "--year", "2025")
    run(capsys, "--data-dir", data, "posts", "assign", "李秀英", "--post", "环境卫生监督岗", "--year", "2025")
    for size, landscape in (("a4", False), ("a3", True)):
        target = tmp_path / f"board-{size}.pdf"
        code, out, err = run(
            capsys,
            "--data-dir",
            data,
            "posts",
            "board",
            "--year",
            "2025",
            "--out",
            str(target),
            "--size",
            size,
        )
        assert code == 0, err
        assert str(target) in out
        reader = PdfReader(target)
        text = re.sub(r"\s+", "", reader.pages[0].extract_text())
        assert "无职党员设岗定责公示" in text and "张建国" in text and "0531-8765432" in text
        assert "13812345601" not in text and id_number(1) not in text
        width, height = (float(v) for v in reader.pages[0].mediabox[2:])
        assert (width > height) == landscape
    default = tmp_path / "default.pdf"
    assert run(capsys, "--data-dir", data, "posts", "board", "--year", "2025", "--out", str(default))[0] == 0
    assert PdfReader(default).pages[0].mediabox[2] < PdfReader(default).pages[0].mediabox[3]  # A4 portrait


def test_board_for_a_year_with_nobody_says_so(data, capsys, tmp_path):
    code, _out, err = run(
        capsys, "--data-dir", data, "posts", "board", "--year", "2024", "--out", str(tmp_path / "x.pdf")
    )
    assert code == 1 and "2024" in err
    assert not (tmp_path / "x.pdf").exists()


def test_list_as_text_and_csv(data, capsys):
    run(
        capsys,
        "--data-dir",
        data,
        "posts",
        "assign",
        "张建国",
        "--post",
        "政策法规宣传岗",
        "--year",
        "2025",
        "--commitment",
        "每月至少走访群众2次",
    )
    code, out, _err = run(capsys, "--data-dir", data, "posts", "list", "--format", "csv", "--year", "2025")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["年度/届期", "岗位", "需要人数", "在用", "编号", "党员", "承诺事项", "评定等次"]
    first = rows[1]
    assert first[1] == "政策法规宣传岗" and first[5] == "张建国" and first[6] == "每月至少走访群众2次"
    assert {r[1] for r in rows[1:]} >= {
        "党务村务监督岗",
        "流动党员联络岗",
    }  # posts with nobody are listed too
    code, out, _err = run(capsys, "--data-dir", data, "posts", "list")
    assert code == 0 and "政策法规宣传岗" in out
    assert "李秀英" in out.splitlines()[-1]  # still without a post
    assert "13812345601" not in out and id_number(1) not in out
