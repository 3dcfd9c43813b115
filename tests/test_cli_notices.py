"""``dangjian notice new|publish|print|verify|list`` and ``dangjian matter new|step`` exactly as issue 7
gives them, with their exit codes."""

from __future__ import annotations

import csv
import io

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
    code, _out, err = run(
        capsys,
        "--data-dir",
        folder,
        "init",
        "--branch",
        "中共前进村支部委员会",
        "--supervision-phone",
        "05318765432",
    )
    assert code == 0, err
    for n, name in enumerate(("张建国", "李秀英"), start=1):
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
        )
        assert code == 0, err
    return folder


def new_free(capsys, data: str, tmp_path, body: str, title: str = "关于召开党员大会的通知") -> str:
    body_file = tmp_path / "body.txt"
    body_file.write_text(body, encoding="utf-8")
    code, out, err = run(
        capsys,
        "--data-dir",
        data,
        "notice",
        "new",
        "--type",
        "free",
        "--title",
        title,
        "--body-file",
        str(body_file),
    )
    assert code == 0, err
    return out.strip().splitlines()[-1]


def test_write_publish_print_verify_list(data, capsys, tmp_path):
    draft = new_free(
        capsys, data, tmp_path, "经村党支部研究，定于2026年3月10日召开全体党员大会。\n请准时参加。"
    )
    assert draft.isdigit()

    code, out, err = run(capsys, "--data-dir", data, "notice", "publish", draft)
    assert code == 0, err
    number, check = out.strip().splitlines()
    assert number.startswith("党务公开〔") and number.endswith("〕1号")
    assert len(check.replace("-", "")) == 8

    pdf = tmp_path / "notice.pdf"
    code, out, err = run(capsys, "--data-dir", data, "notice", "print", number, "--out", str(pdf))
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace(" ", "").replace("\n", "")
    assert "定于2026年3月10日召开全体党员大会" in text and number in text and check in text
    first = pdf.read_bytes()
    code, _out, _err = run(
        capsys, "--data-dir", data, "notice", "print", number, "--out", str(pdf), "--size", "a4"
    )
    assert code == 0 and pdf.read_bytes() == first  # a reprint is byte-identical
    a3 = tmp_path / "notice-a3.pdf"
    assert (
        run(capsys, "--data-dir", data, "notice", "print", number, "--out", str(a3), "--size", "a3")[0] == 0
    )
    assert round(float(PdfReader(a3).pages[0].mediabox[3])) == 1191

    code, out, _err = run(capsys, "--data-dir", data, "notice", "verify", number, check)
    assert code == 0 and "真实有效" in out
    code, out, err = run(capsys, "--data-dir", data, "notice", "verify", number, "2222-2222")
    assert code != 0 and "真实有效" not in out
    code, _out, _err = run(capsys, "--data-dir", data, "notice", "verify", "党务公开〔2026〕第9号", check)
    assert code != 0

    code, out, _err = run(capsys, "--data-dir", data, "notice", "list", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][0] == number and rows[1][1] == "关于召开党员大会的通知" and rows[1][-1] == check
    code, out, _err = run(capsys, "--data-dir", data, "notice", "list")
    assert code == 0 and number in out


def test_private_data_is_refused_with_what_and_where(data, capsys, tmp_path):
    draft = new_free(capsys, data, tmp_path, f"第一行。\n请张建国（{id_number(1)}）联系，电话13812345601。")
    code, out, err = run(capsys, "--data-dir", data, "notice", "publish", draft)
    assert code != 0 and out == ""
    assert "3701" in err and "138****5601" in err  # what, masked
    assert "2" in err and "正文" in err  # where: the body, line 2
    code, out, _err = run(capsys, "--data-dir", data, "notice", "list", "--format", "csv")
    assert "党务公开〔" not in out  # nothing was published


def test_generated_kinds_and_their_options(data, capsys, tmp_path):
    code, out, err = run(
        capsys, "--data-dir", data, "notice", "new", "--type", "dues", "--year", "2026", "--period-from", "2026-03-02",
        "--days", "10",
    )  # fmt: skip
    assert code == 0, err
    assert "2026-03-02" in out and "2026-03-11" in out
    candidate = tmp_path / "candidate.txt"
    candidate.write_text(
        "姓名：赵小明\n性别：男\n出生年份：1995\n阶段：发展对象\n申请入党时间：2024-03-01\n", encoding="utf-8"
    )
    code, out, err = run(
        capsys, "--data-dir", data, "notice", "new", "--type", "recruitment", "--body-file", str(candidate),
        "--period-from", "2026-03-05",
    )  # fmt: skip
    assert code == 0, err
    assert "赵小明" in out and "2026-03-11" in out  # five working days from a Thursday
    code, _out, _err = run(capsys, "--data-dir", data, "notice", "new", "--type", "resolution")
    assert code != 0  # which matter?
    with pytest.raises(SystemExit) as refused:
        cli.main(["--data-dir", data, "notice", "new", "--type", "poster"])
    assert refused.value.code != 0


def matter_step(capsys, data, matter, step, expected, present, votes_for, against=0, abstain=0):
    return run(
        capsys, "--data-dir", data, "matter", "step", matter, "--step", step, "--date", "2026-03-01",
        "--present", str(present), "--expected", str(expected), "--for", str(votes_for),
        "--against", str(against), "--abstain", str(abstain),
    )  # fmt: skip


def test_a_matter_walks_its_steps_in_order(data, capsys, tmp_path):
    code, out, err = run(capsys, "--data-dir", data, "matter", "new", "--title", "村道硬化工程")
    assert code == 0, err
    matter = out.strip().splitlines()[-1]
    assert matter.isdigit()

    code, _out, err = matter_step(capsys, data, matter, "review", 30, 25, 22)
    assert code not in (0, 3) and err  # out of order
    code, out, _err = run(capsys, "--data-dir", data, "matter", "list")
    assert "2026-03-01" not in out  # nothing was recorded

    for step, numbers in (
        ("propose", (5, 5, 5)),
        ("consult", (9, 8, 8)),
        ("review", (30, 25, 22)),
        ("resolve", (40, 30, 28)),
    ):
        code, out, err = matter_step(capsys, data, matter, step, *numbers)
        assert code == 0, err
    code, out, err = run(
        capsys, "--data-dir", data, "notice", "new", "--type", "resolution", "--matter", matter
    )
    assert code == 0, err
    draft = out.strip().splitlines()[-1]
    code, out, err = run(capsys, "--data-dir", data, "notice", "publish", draft)
    assert code == 0, err


def test_a_failing_step_is_recorded_and_exits_3(data, capsys):
    matter = (
        run(capsys, "--data-dir", data, "matter", "new", "--title", "新建文化广场")[1]
        .strip()
        .splitlines()[-1]
    )
    assert matter_step(capsys, data, matter, "propose", 5, 5, 5)[0] == 0
    assert matter_step(capsys, data, matter, "consult", 9, 8, 8)[0] == 0
    code, out, _err = matter_step(capsys, data, matter, "review", 30, 19, 19)  # 19 < two thirds of 30
    assert code == 3 and "重新召开" in out  # not passed, but the matter goes on
    code, out, _err = run(capsys, "--data-dir", data, "matter", "list")
    assert "未达到法定人数（另行召开）" in out
    # convened again, and voted down
    code, out, _err = matter_step(capsys, data, matter, "review", 30, 25, 10, 15)
    assert code == 3 and "结束" in out
    code, _out, err = matter_step(capsys, data, matter, "resolve", 40, 30, 28)
    assert code not in (0, 3) and err  # the matter has ended: nothing more is recorded


def test_a_step_with_impossible_numbers_changes_nothing(data, capsys):
    matter = (
        run(capsys, "--data-dir", data, "matter", "new", "--title", "村道硬化工程")[1]
        .strip()
        .splitlines()[-1]
    )
    code, _out, err = matter_step(capsys, data, matter, "propose", 5, 6, 5)
    assert code == 1 and err
    assert matter_step(capsys, data, matter, "propose", 5, 5, 5)[0] == 0


def test_verifying_a_corrected_notice_says_first_that_it_is_no_longer_valid(data, capsys, tmp_path):
    from dangjian_desktop.services import notices
    from dangjian_desktop.services.workspace import open_workspace

    draft = new_free(capsys, data, tmp_path, "定于2026年3月10日召开全体党员大会。")
    number, check = run(capsys, "--data-dir", data, "notice", "publish", draft)[1].strip().splitlines()
    workspace = open_workspace(data, daily_backup=False)
    try:
        old = notices.find_notice(workspace, number)
        later = notices.publish(workspace, notices.start_correction(workspace, old.id).id)
    finally:
        workspace.close()
    code, out, _err = run(capsys, "--data-dir", data, "notice", "verify", number, check)
    assert code == 0  # the sheet is genuine …
    assert out.splitlines()[0] == f"已作废：已被{later.number}更正"  # … and that is said first
