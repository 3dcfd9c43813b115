"""``dangjian matter print ID --out FILE.pdf`` (issue 14): the record of a whole 四议两公开 matter — every
step with its date, attendance and votes, and the notice that made it public — read back from the PDF."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.i18n import set_language
from support.cli import run


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")


def _text(path) -> str:
    return "".join(re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(str(path)).pages)


@pytest.fixture
def data(tmp_path, capsys) -> str:
    folder = str(tmp_path / "data")
    assert run(capsys, "--data-dir", folder, "init", "--branch", "中共东岭村支部委员会")[0] == 0
    first17 = "37012419650312001"
    assert (
        run(capsys, "--data-dir", folder, "members", "add", "王建国", "--id", first17 + check_digit(first17))[
            0
        ]
        == 0
    )
    return folder


def test_matter_print_writes_every_step_with_its_votes_and_the_notice(data, capsys, tmp_path):
    code, out, err = run(
        capsys, "--data-dir", data, "matter", "new", "--title", "村内道路硬化及路灯安装工程",
        "--content", "硬化村内主干道1.2公里，安装路灯40盏",
    )  # fmt: skip
    assert code == 0, err
    matter = out.strip().splitlines()[-1]
    for step, day, (expected, present, votes_for, against, abstain) in (
        ("propose", "2026-11-02", (5, 5, 5, 0, 0)),
        ("consult", "2026-11-04", (9, 8, 8, 0, 0)),
        ("review", "2026-11-09", (26, 24, 21, 2, 1)),
        ("resolve", "2026-11-12", (40, 33, 30, 1, 2)),
    ):
        code, _out, err = run(
            capsys, "--data-dir", data, "matter", "step", matter, "--step", step, "--date", day,
            "--expected", str(expected), "--present", str(present), "--for", str(votes_for),
            "--against", str(against), "--abstain", str(abstain),
        )  # fmt: skip
        assert code == 0, err
    code, out, err = run(
        capsys, "--data-dir", data, "notice", "new", "--type", "resolution", "--matter", matter
    )
    assert code == 0, err
    code, out, err = run(capsys, "--data-dir", data, "notice", "publish", out.strip().splitlines()[-1])
    assert code == 0, err
    number = next(line for line in out.splitlines() if line.startswith("党务公开"))

    pdf = tmp_path / "matter.pdf"
    code, out, err = run(capsys, "--data-dir", data, "matter", "print", matter, "--out", str(pdf))
    assert code == 0, err
    assert out.strip() == str(pdf)
    text = _text(pdf)
    assert "中共东岭村支部委员会" in text and "四议两公开" in text
    assert "村内道路硬化及路灯安装工程" in text and "硬化村内主干道1.2公里" in text
    steps = text.split("办理步骤", 1)[1]
    for name in ("村党组织提议", "商议", "党员大会审议", "村民代表会议或村民会议决议", "决议公开"):
        assert name in steps
    assert steps.index("村党组织提议") < steps.index("党员大会审议") < steps.index("决议公开")
    for day in ("2026年11月2日", "2026年11月4日", "2026年11月9日", "2026年11月12日"):
        assert day in steps
    assert "应到26人，实到24人" in steps and "同意21人，反对2人，弃权1人" in steps
    assert "应到40人，实到33人" in steps and "同意30人，反对1人，弃权2人" in steps
    notices = text.split("公开的公告", 1)[1]
    assert number in notices and "时间：2026年" in notices and "尚未张贴" in notices
    assert "盖章" in text


def test_matter_print_of_an_unknown_matter_says_so(data, capsys, tmp_path):
    code, _out, err = run(
        capsys, "--data-dir", data, "matter", "print", "99", "--out", str(tmp_path / "m.pdf")
    )
    assert code != 0 and "99" in err and "Traceback" not in err
    assert not (tmp_path / "m.pdf").exists()
