"""The generated text of each kind of notice, from plain data the services gather (the secretary edits it
before publishing). Printed notices are Chinese documents, so the words here are Chinese.

A run of body lines that contain the separator ｜ prints as a ruled table whose first line is the header;
in the QR code it stays readable as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dangjian_desktop.domain.notices import TABLE_SEPARATOR, chinese_date

SEP = TABLE_SEPARATOR


@dataclass(frozen=True)
class GeneratedText:
    title: str
    body: str
    addressee: str = "全体党员、村民群众："


def _row(*cells: object) -> str:
    return SEP.join(str(cell).replace(SEP, "|").replace("\n", " ") for cell in cells)


def _month_text(year: int, month: int) -> str:
    return f"{year}年{month}月"


def _months_span(first: tuple[int, int], last: tuple[int, int]) -> str:
    if first == last:
        return _month_text(*first)
    if first[0] == last[0]:
        if first[1] == 1 and last[1] == 12:
            return f"{first[0]}年"
        return f"{first[0]}年{first[1]}月至{last[1]}月"
    return f"{_month_text(*first)}至{_month_text(*last)}"


# --- 党费收缴情况公示 ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuesLine:
    name: str
    months_paid: int
    amount_paid: Decimal  # voluntary extras included
    voluntary: Decimal = Decimal("0")  # of which 自愿多交


def dues_text(
    branch: str,
    first: tuple[int, int],
    last: tuple[int, int],
    lines: Sequence[DuesLine],
    total: Decimal,
    handed_up: Decimal,
    central: Decimal = Decimal("0"),
) -> GeneratedText:
    """Names and amounts only: no income base, no standard, no hardship status (decisions.md #13).

    Every amount is on one basis, said on the notice, so that a reader's arithmetic balances: ``total``
    (the sum of the lines) includes voluntary extras, and ``handed_up`` includes the part of them sent on
    to the Central Committee (``central``)."""
    span = _months_span(first, last)
    paid = [line for line in lines if line.months_paid > 0 or line.amount_paid > 0]
    voluntary = sum((line.voluntary for line in lines), Decimal("0"))
    body = [
        f"根据《关于中国共产党党费收缴、使用和管理的规定》，现将{branch or '本支部'}{span}党费收缴情况公示如下："
    ]
    months = sum(line.months_paid for line in lines)
    if voluntary:
        body.append(_row("序号", "姓名", "交纳月数", "交纳金额（元）", "其中自愿多交（元）"))
        for number, line in enumerate(lines, start=1):
            extra = f"{line.voluntary:.2f}" if line.voluntary else ""
            body.append(_row(number, line.name, line.months_paid, f"{line.amount_paid:.2f}", extra))
        body.append(_row("合计", f"{len(paid)}人", months, f"{total:.2f}", f"{voluntary:.2f}"))
    else:
        body.append(_row("序号", "姓名", "交纳月数", "交纳金额（元）"))
        for number, line in enumerate(lines, start=1):
            body.append(_row(number, line.name, line.months_paid, f"{line.amount_paid:.2f}"))
        body.append(_row("合计", f"{len(paid)}人", months, f"{total:.2f}"))
    collected = f"本期共{len(paid)}名党员交纳党费，合计{total:.2f}元"
    if voluntary:
        collected += f"（其中按月交纳{total - voluntary:.2f}元，自愿多交{voluntary:.2f}元）"
    handed = f"本期已向上级党组织上缴党费{handed_up:.2f}元"
    if central:
        handed += f"（其中自愿多交上缴中央{central:.2f}元）"
    body.append(f"{collected}；{handed}。")
    if voluntary or central:
        body.append("收缴合计和上缴金额都包含自愿多交的党费，按同一口径统计。")
    body.append("党员对本人交纳情况有疑问的，请在公示期内向党支部核对。")
    return GeneratedText(f"关于{span}党费收缴情况的公示", "\n".join(body))


# --- 设岗定责公示 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostLine:
    name: str
    duties: tuple[str, ...]
    members: tuple[str, ...]


def posts_text(branch: str, term: str, posts: Sequence[PostLine]) -> GeneratedText:
    count = sum(len(p.members) for p in posts)
    body = [
        f"为充分发挥无职党员先锋模范作用，经党员本人认岗、支部研究定岗，现将{branch or '本支部'}{term}"
        f"无职党员设岗定责情况公示如下，共{len(posts)}个岗位、{count}名党员，请广大党员群众监督。",
        _row("序号", "岗位", "岗位职责", "上岗党员"),
    ]
    for number, post in enumerate(posts, start=1):
        body.append(_row(number, post.name, "；".join(post.duties), "、".join(post.members)))
    return GeneratedText(f"关于{term}无职党员设岗定责情况的公示", "\n".join(body))


# --- 发展党员公示 ------------------------------------------------------------------------------------

ACTIVIST, DEVELOPMENT, PROBATIONARY, FULL_MEMBERSHIP = "activist", "development", "probationary", "full"
STAGES = {
    ACTIVIST: "入党积极分子",
    DEVELOPMENT: "发展对象",
    PROBATIONARY: "中共预备党员",
    FULL_MEMBERSHIP: "中共正式党员",
}


@dataclass(frozen=True)
class Candidate:
    """A person in the recruitment procedure: only what a 发展党员公示 shows (the birth year, not the date;
    no ID number, no phone, no address)."""

    stage: str
    name: str
    sex: str = ""
    birth_year: int | None = None
    education: str = ""
    occupation: str = ""
    applied_on: dt.date | None = None
    activist_on: dt.date | None = None
    development_on: dt.date | None = None
    probationary_on: dt.date | None = None


_STAGE_WORDS = {
    "积极分子": ACTIVIST,
    "入党积极分子": ACTIVIST,
    "activist": ACTIVIST,
    "发展对象": DEVELOPMENT,
    "development": DEVELOPMENT,
    "预备党员": PROBATIONARY,
    "接收预备党员": PROBATIONARY,
    "probationary": PROBATIONARY,
    "转正": FULL_MEMBERSHIP,
    "预备党员转正": FULL_MEMBERSHIP,
    "正式党员": FULL_MEMBERSHIP,
    "full": FULL_MEMBERSHIP,
}
_CANDIDATE_KEYS = {
    "阶段": "stage",
    "公示阶段": "stage",
    "姓名": "name",
    "性别": "sex",
    "出生年份": "birth_year",
    "出生年月": "birth_year",
    "文化程度": "education",
    "学历": "education",
    "职业": "occupation",
    "申请入党时间": "applied_on",
    "入党申请时间": "applied_on",
    "确定积极分子时间": "activist_on",
    "确定为入党积极分子时间": "activist_on",
    "确定发展对象时间": "development_on",
    "确定为发展对象时间": "development_on",
    "接收预备党员时间": "probationary_on",
}
_DATE_IN_TEXT = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")


def parse_candidate(text: str) -> Candidate | None:
    """A candidate written as lines of 键：值 (姓名：张三 / 阶段：发展对象 / 出生年份：1995 / 申请入党时间：2024-03-01
    ...); None when the text has no 姓名 line (then it is a body written in full)."""
    values: dict[str, str] = {}
    for line in (text or "").splitlines():
        key, sep, value = line.replace(":", "：").partition("：")
        field_name = _CANDIDATE_KEYS.get(key.strip())
        if sep and field_name:
            values[field_name] = value.strip()
    if not values.get("name"):
        return None
    dates: dict[str, dt.date | None] = {}
    for key in ("applied_on", "activist_on", "development_on", "probationary_on"):
        match = _DATE_IN_TEXT.search(values.get(key, ""))
        dates[key] = dt.date(*(int(g) for g in match.groups())) if match else None
    year = re.search(r"(19|20)\d{2}", values.get("birth_year", ""))
    return Candidate(
        stage=_STAGE_WORDS.get(values.get("stage", "").strip(), DEVELOPMENT),
        name=values["name"],
        sex=values.get("sex", ""),
        birth_year=int(year.group(0)) if year else None,
        education=values.get("education", ""),
        occupation=values.get("occupation", ""),
        **dates,
    )


def recruitment_title(candidate: Candidate) -> str:
    name = candidate.name
    if candidate.stage == ACTIVIST:
        return f"关于拟确定{name}同志为入党积极分子的公示"
    if candidate.stage == DEVELOPMENT:
        return f"关于拟确定{name}同志为发展对象的公示"
    if candidate.stage == PROBATIONARY:
        return f"关于拟接收{name}同志为中共预备党员的公示"
    return f"关于{name}同志预备党员拟按期转为正式党员的公示"


def recruitment_text(candidate: Candidate) -> GeneratedText:
    c = candidate
    stage = STAGES.get(c.stage, STAGES[DEVELOPMENT])
    if c.stage == FULL_MEMBERSHIP:
        purpose = f"拟讨论{c.name}同志按期转为{stage}"
    elif c.stage == PROBATIONARY:
        purpose = f"拟接收{c.name}同志为{stage}"
    else:
        purpose = f"拟确定{c.name}同志为{stage}"
    body = [
        f"根据《中国共产党发展党员工作细则》有关规定，经党支部委员会研究，{purpose}，现将有关情况公示如下：",
        _row("姓名", "性别", "出生年份", "文化程度", "职业"),
        _row(
            c.name,
            c.sex or "—",
            f"{c.birth_year}年" if c.birth_year else "—",
            c.education or "—",
            c.occupation or "—",
        ),
    ]
    history = []
    if c.applied_on:
        history.append(f"{chinese_date(c.applied_on)}向党组织提出入党申请")
    if c.activist_on:
        history.append(f"{chinese_date(c.activist_on)}被确定为入党积极分子")
    if c.development_on:
        history.append(f"{chinese_date(c.development_on)}被确定为发展对象")
    if c.probationary_on:
        history.append(f"{chinese_date(c.probationary_on)}被接收为中共预备党员")
    if history:
        body.append(f"{c.name}同志" + "，".join(history) + "。")
    return GeneratedText(recruitment_title(c), "\n".join(body))


# --- 民主评议党员结果 --------------------------------------------------------------------------------


def evaluation_text(
    branch: str, year: int, results: Sequence[tuple[str, str]], grades: Sequence[str]
) -> GeneratedText:
    """``results``: (name, grade) of every member graded; grades in the order of the settings."""
    by_grade: dict[str, list[str]] = {}
    for name, grade in results:
        by_grade.setdefault(grade, []).append(name)
    order = [g for g in grades if g in by_grade] + [g for g in by_grade if g not in grades]
    body = [
        f"根据《中国共产党支部工作条例（试行）》有关规定，{branch or '本支部'}组织开展了{year}年度民主评议党员工作。"
        f"经个人自评、党员互评、民主测评，支部党员大会评定，共评议党员{len(results)}名，现将评议结果公示如下：",
    ]
    for grade in order:
        names = by_grade[grade]
        body.append(f"{grade}（{len(names)}名）：" + "、".join(names))
    return GeneratedText(f"关于{year}年度民主评议党员结果的公示", "\n".join(body))


# --- 组织生活情况 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingLine:
    held_on: dt.date
    kind: str  # the Chinese name: 支部党员大会, 党课 ...
    topic: str
    expected: int
    present: int


def meetings_text(branch: str, year: int, meetings: Sequence[MeetingLine]) -> GeneratedText:
    counts: dict[str, int] = {}
    for meeting in meetings:
        counts[meeting.kind] = counts.get(meeting.kind, 0) + 1
    summary = "、".join(f"{kind}{count}次" for kind, count in counts.items())
    body = [
        f"根据《中国共产党支部工作条例（试行）》有关规定，现将{branch or '本支部'}{year}年组织生活开展情况公示如下：",
        f"全年共开展组织生活{len(meetings)}次，其中{summary}。"
        if meetings
        else f"{year}年尚无组织生活记录。",
    ]
    if meetings:
        body.append(_row("序号", "日期", "类别", "主题", "应到/实到"))
        for number, m in enumerate(meetings, start=1):
            body.append(
                _row(
                    number,
                    f"{m.held_on.month}月{m.held_on.day}日",
                    m.kind,
                    m.topic or "—",
                    f"{m.expected}/{m.present}",
                )
            )
    return GeneratedText(f"关于{year}年组织生活开展情况的公示", "\n".join(body))


# --- 四议两公开 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepLine:
    name: str  # 村党组织提议 ...
    meeting: str  # 村党组织会议 ...
    held_on: dt.date
    expected: int | None
    present: int | None
    votes_for: int | None
    against: int | None
    abstain: int | None


def _step_sentence(step: StepLine) -> str:
    text = f"{chinese_date(step.held_on)}，{step.meeting}"
    if step.expected is not None and step.present is not None:
        text += f"（应到{step.expected}人，实到{step.present}人"
        if step.votes_for is not None:
            text += f"，同意{step.votes_for}人，反对{step.against or 0}人，弃权{step.abstain or 0}人"
        text += "）"
    return text + f"{step.name[-2:]}通过"


def resolution_text(title: str, content: str, steps: Sequence[StepLine]) -> GeneratedText:
    body = [
        f"按照“四议两公开”工作法，{title}事项已履行以下决策程序：",
        *[f"{n}. {_step_sentence(step)}。" for n, step in enumerate(steps, start=1)],
        "现将决议内容公开如下：",
        content.strip() or "（请在此写明决议的具体内容。）",
    ]
    return GeneratedText(f"关于{title}的决议公开", "\n".join(body), "全体党员、村民：")


def result_text(
    title: str, resolution_number: str, implemented_on: dt.date | None, report: str
) -> GeneratedText:
    reference = f"（决议已于{resolution_number}公开）" if resolution_number else ""
    done = f"该事项已于{chinese_date(implemented_on)}组织实施完毕" if implemented_on else "该事项已组织实施"
    body = [
        f"按照“四议两公开”工作法，{title}事项经村民代表会议决议{reference}，{done}，现将实施结果公开如下：",
        report.strip() or "（请在此写明实施情况、资金使用和验收结果。）",
    ]
    return GeneratedText(f"关于{title}实施结果的公开", "\n".join(body), "全体党员、村民：")


# --- corrections and withdrawals --------------------------------------------------------------------


def withdrawal_text(old_title: str, old_number: str, old_date: dt.date) -> GeneratedText:
    body = (
        f"{chinese_date(old_date)}发布的《{old_title}》（{old_number}）经研究决定予以撤回，"
        "原件自即日起停止公示，以此为准。"
    )
    return GeneratedText(f"关于撤回《{old_title}》的公告", body)


def correction_title(old_title: str) -> str:
    return old_title if old_title.startswith("（更正）") else "（更正）" + old_title


def correction_note(old_number: str) -> str:
    return f"本件对{old_number}作出更正，原件同时作废。"
