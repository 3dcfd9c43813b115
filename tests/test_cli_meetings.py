"""``dangjian meeting add|list`` and ``dangjian due`` exactly as issue 9 gives them, with their exit codes."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from tests.support.cli import run

from dangjian_desktop import cli
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.i18n import set_language

YEAR = dt.date.today().year - 1  # a year that is over, so every date in it is in the past


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def id_number(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def data(tmp_path, capsys) -> str:
    folder = str(tmp_path / "data")
    assert run(capsys, "--data-dir", folder, "init", "--branch", "中共前进村支部委员会")[0] == 0
    for n, (name, extra) in enumerate(
        [
            ("张建国", ["--office", "书记", "--group", "第一党小组"]),
            ("李秀英", ["--office", "组织委员", "--group", "第一党小组"]),
            ("王德福", ["--office", "村委会委员", "--group", "第二党小组"]),
            ("赵春梅", ["--group", "第二党小组"]),
        ],
        start=1,
    ):
        code, _out, err = run(
            capsys, "--data-dir", folder, "members", "add", name, "--id", id_number(n), *extra
        )
        assert code == 0, err
    return folder


def test_meeting_add_with_absences(data, capsys):
    code, out, err = run(
        capsys, "--data-dir", data, "meeting", "add", "--kind", "支部党员大会", "--date", f"{YEAR}-03-05",
        "--topic", "学习党章", "--absent", "李秀英:请假", "--absent", "赵春梅：外出",
    )  # fmt: skip
    assert code == 0, err
    assert f"已记录：{YEAR}-03-05 支部党员大会，学习党章" in out
    assert "应到4人，实到2人，缺席2人（请假1人、外出1人）" in out
    assert "李秀英: 请假" in out and "赵春梅: 外出" in out


def test_everyone_else_expected_counts_as_present(data, capsys):
    code, out, _err = run(
        capsys, "--data-dir", data, "meeting", "add", "--kind", "支委会", "--date", f"{YEAR}-03-06",
        "--topic", "研究发展党员工作",
    )  # fmt: skip
    assert code == 0
    assert "支部委员会" in out and "应到2人，实到2人，缺席0人" in out  # the committee: 书记 and 组织委员
    code, out, _err = run(
        capsys, "--data-dir", data, "meeting", "add", "--kind", "党小组会", "--date", f"{YEAR}-03-07",
        "--topic", "学习", "--group", "第二党小组", "--absent", "王德福:开会去了",
    )  # fmt: skip
    assert code == 0
    assert "党小组会（第二党小组）" in out and "应到2人，实到1人，缺席1人（其他1人）" in out
    assert "王德福: 其他：开会去了" in out  # an unknown reason is kept as the note of 其他


def test_members_away_count_as_away_as_on_the_screen_unless_named_present(data, capsys):
    code, _out, err = run(
        capsys, "--data-dir", data, "flowing", "leave", "赵春梅", "--since", f"{YEAR - 1}-06-01",
        "--destination", "江苏省苏州市昆山市",
    )  # fmt: skip
    assert code == 0, err
    base = ("--data-dir", data, "meeting", "add", "--kind", "支部党员大会", "--topic", "学习党章")
    code, out, err = run(capsys, *base, "--date", f"{YEAR}-03-05")
    assert code == 0, err
    assert "应到4人，实到3人，缺席1人（外出1人）" in out and "赵春梅: 外出" in out
    code, out, err = run(capsys, *base, "--date", f"{YEAR}-03-06", "--present", "赵春梅")
    assert code == 0, err
    assert "应到4人，实到4人，缺席0人" in out
    code, _out, err = run(capsys, *base, "--date", f"{YEAR}-03-07", "--present", "无此人")
    assert code == 2 and "无此人" in err and "什么都没有保存" in err


def test_meeting_add_refuses_bad_input_and_saves_nothing(data, capsys):
    base = ("--data-dir", data, "meeting", "add", "--date", f"{YEAR}-03-05", "--topic", "学习")
    code, _out, err = run(capsys, *base, "--kind", "开会")
    assert code == 1 and "没有叫“开会”的会议类型" in err and "支部党员大会" in err
    code, _out, err = run(capsys, *base, "--kind", "党课", "--absent", "无此人:请假")
    assert code == 2 and "无此人" in err and "什么都没有保存" in err
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    code, _out, err = run(capsys, "--data-dir", data, "meeting", "add", "--kind", "党课", "--date", future,
                          "--topic", "学习")  # fmt: skip
    assert code == 1 and "还没到" in err
    with pytest.raises(SystemExit):  # argparse: a date that is no date
        cli.main([*base[:4], "--kind", "党课", "--date", "2025-13-01", "--topic", "学习"])
    code, out, _err = run(capsys, "--data-dir", data, "meeting", "list")
    assert code == 0 and "共 0 次会议" in out


def test_meeting_list_by_year_and_as_csv(data, capsys):
    for kind, day, topic in (
        ("党课", f"{YEAR - 1}-12-20", "去年的党课"),
        ("主题党日", f"{YEAR}-01-10", "重温入党誓词"),
    ):
        assert (
            run(
                capsys, "--data-dir", data, "meeting", "add", "--kind", kind, "--date", day, "--topic", topic
            )[0]
            == 0
        )
    code, out, _err = run(capsys, "--data-dir", data, "meeting", "list", "--year", str(YEAR))
    assert code == 0
    assert "重温入党誓词" in out and "去年的党课" not in out and f"{YEAR}年共 1 次会议" in out
    code, out, _err = run(capsys, "--data-dir", data, "meeting", "list", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:5] == ["日期", "时间", "会议类型", "党小组", "会议主题"]
    assert rows[0][8:11] == ["应到人数", "实到人数", "缺席人数"]
    assert [r[0] for r in rows[1:]] == [f"{YEAR - 1}-12-20", f"{YEAR}-01-10"]
    assert rows[2][2] == "主题党日" and rows[2][8:11] == ["4", "4", "0"]


def test_due_prints_the_home_pages_lines_and_they_change(data, capsys):
    as_of = f"{YEAR}-03-31"
    code, out, _err = run(capsys, "--data-dir", data, "due", "--as-of", as_of)
    assert code == 0
    lines = out.splitlines()
    assert f"[还没开的会] 本月的支部委员会还没有开（{YEAR}年3月31日前）" in lines
    assert f"[还没开的会] 本月的党小组会（第一党小组）还没有开（{YEAR}年3月31日前）" in lines
    assert any(line.startswith("[备份] ") for line in lines)
    run(
        capsys,
        "--data-dir",
        data,
        "meeting",
        "add",
        "--kind",
        "支委会",
        "--date",
        as_of,
        "--topic",
        "研究工作",
    )
    code, out, _err = run(capsys, "--data-dir", data, "due", "--as-of", as_of, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["类型", "项目", "处理页面", "党员编号"]
    assert not any("支部委员会" in row[1] for row in rows[1:])
    assert [
        "还没开的会",
        f"本月的党小组会（第一党小组）还没有开（{YEAR}年3月31日前）",
        "组织生活",
        "",
    ] in rows
    assert rows[-1][0] == "备份" and rows[-1][2] == "备份与恢复"  # the page's name in the window


def _minutes_text(path) -> str:
    """The record's text with the line breaks of the cells taken out (a name may sit across two lines)."""
    from pypdf import PdfReader

    return "".join("".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def test_minutes_of_a_meeting_entered_afterwards_show_who_was_away_on_its_date(data, capsys, tmp_path):
    """赵春梅 left to work away in February and 王德福 was away until the end of January: a meeting of
    10 January, recorded now, prints 赵春梅 present and 王德福 外出 — as it was that day, not today."""
    for name, since in (("赵春梅", f"{YEAR}-02-20"), ("王德福", f"{YEAR - 1}-05-01")):
        code, _out, err = run(
            capsys,
            "--data-dir",
            data,
            "flowing",
            "leave",
            name,
            "--since",
            since,
            "--destination",
            "浙江省宁波市",
        )
        assert code == 0, err
    code, _out, err = run(
        capsys, "--data-dir", data, "flowing", "return", "王德福", "--date", f"{YEAR}-01-31"
    )
    assert code == 0, err

    code, out, err = run(
        capsys, "--data-dir", data, "meeting", "add", "--kind", "支部党员大会", "--date", f"{YEAR}-01-10",
        "--topic", "学习党章",
    )  # fmt: skip
    assert code == 0, err
    meeting_id = out.splitlines()[-1]
    assert meeting_id.isdigit()  # the meeting's number alone on the last line
    assert "王德福: 外出" in out and "赵春梅" not in out  # only 王德福 is absent

    pdf = tmp_path / "minutes.pdf"
    code, out, err = run(capsys, "--data-dir", data, "meeting", "print", meeting_id, "--out", str(pdf))
    assert code == 0, err
    assert out.strip() == str(pdf)
    text = _minutes_text(pdf)
    present = text.split("出席人员", 1)[1].split("缺席人员及原因", 1)[0]
    absent = text.split("缺席人员及原因", 1)[1].split("会议主题", 1)[0]
    assert "赵春梅" in present and "赵春梅" not in absent
    assert "王德福" in absent and "外出" in absent and "王德福" not in present
    assert "张建国" in present and "李秀英" in present


def test_meeting_print_of_an_unknown_number_says_so(data, capsys, tmp_path):
    code, _out, err = run(
        capsys, "--data-dir", data, "meeting", "print", "999", "--out", str(tmp_path / "x.pdf")
    )
    assert code != 0 and err.strip() and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()
