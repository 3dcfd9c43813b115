"""The printed record of a whole 四议两公开 matter, from plain content: all seven steps in order, the
notices with their tables, and the signatures kept with the steps they certify."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from dangjian_desktop.documents.notices_matter_record import MatterRecord, NoticeText, StepLine, render_pdf

D = dt.date


def _steps(last_passed: bool = True) -> tuple[StepLine, ...]:
    votes = [
        ("村党组织提议", D(2026, 3, 2), "应到5人，实到5人", "同意5人，反对0人，弃权0人"),
        ("村“两委”会议商议", D(2026, 3, 4), "应到9人，实到8人", "同意8人，反对0人，弃权0人"),
        ("党员大会审议", D(2026, 3, 9), "应到26人，实到24人", "同意21人，反对2人，弃权1人"),
        ("村民代表会议或村民会议决议", D(2026, 3, 12), "应到40人，实到33人", "同意30人，反对1人，弃权2人"),
    ]
    steps = [StepLine(n, name, day, att, v, "通过", "") for n, (name, day, att, v) in enumerate(votes, 1)]
    steps += [
        StepLine(5, "决议公开", D(2026, 3, 13), "", "", "完成", "党务公开〔2026〕1号"),
        StepLine(6, "组织实施", D(2026, 4, 1), "", "", "完成", "4月1日开工，5月20日完工，验收合格"),
        StepLine(
            7,
            "实施结果公开",
            D(2026, 5, 25),
            "",
            "",
            "完成" if last_passed else "未完成",
            "党务公开〔2026〕4号",
        ),
    ]
    return tuple(steps)


def _notice(number: str, kind: str, rows: int) -> NoticeText:
    table = ["项目｜数量｜金额（元）"] + [
        f"第{n}段道路｜{n * 100}米｜{n * 10471.9:.2f}" for n in range(1, rows + 1)
    ]
    body = (
        "经村民代表会议决议，现将有关情况公开如下：\n"
        + "\n".join(table)
        + "\n公开期间如有意见，请向村党支部反映。"
    )
    return NoticeText(
        number,
        kind,
        f"关于村内道路硬化工程的{kind}",
        "公示时间：2026年3月13日至2026年3月19日（7天）",
        "2026年3月13日张贴",
        "已发布",
        body,
    )


def _record(notices=None, steps=None) -> MatterRecord:
    return MatterRecord(
        branch_name="中共东岭村支部委员会",
        title="村内道路硬化及路灯安装工程",
        content="硬化村内主干道1.2公里，安装路灯40盏",
        status="已完成",
        registered_on=D(2026, 3, 1),
        steps=steps if steps is not None else _steps(),
        notices=notices
        if notices is not None
        else (
            _notice("党务公开〔2026〕1号", "决议公开", 3),
            _notice("党务公开〔2026〕4号", "实施结果公开", 40),
        ),
        printed_on=D(2026, 12, 7),
    )


def _pages(record: MatterRecord) -> list[str]:
    buffer = io.BytesIO()
    count = render_pdf(record, buffer)
    pages = [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(buffer.getvalue())).pages]
    assert len(pages) == count
    return pages


def test_every_step_in_order_then_the_signatures_then_the_notices():
    pages = _pages(_record())
    text = "".join(pages)
    names = [
        "村党组织提议",
        "会议商议",
        "党员大会审议",
        "村民会议决议",
        "决议公开",
        "组织实施",
        "实施结果公开",
    ]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    assert "2026年3月9日" in text and "应到26人，实到24人" in text and "同意21人，反对2人，弃权1人" in text
    assert text.index("盖章") < text.index("附：公开的公告") < text.index("党务公开〔2026〕4号实施结果公开")
    assert "第40段道路" in text and "418876.00" in text  # the notice's table, to its last row
    for number, page in enumerate(pages, start=1):
        assert f"第{number}/{len(pages)}页" in page
        assert len(page) > 60  # no page holds only a line or two


def test_a_matter_without_steps_or_notices_says_so():
    text = "".join(_pages(_record(notices=(), steps=())))
    assert "还没有记录任何步骤" in text and "还没有公开" in text


def test_a_step_that_did_not_pass_is_said_below_the_table():
    steps = _steps()[:2] + (
        StepLine(
            3,
            "党员大会审议",
            D(2026, 3, 9),
            "应到26人，实到16人",
            "同意16人，反对0人，弃权0人",
            "未通过",
            "",
            passed=False,
        ),
    )
    text = "".join(_pages(_record(notices=(), steps=steps)))
    assert "党员大会审议没有通过（未通过）" in text
