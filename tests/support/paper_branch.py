"""A realistic branch's printouts, every kind: 31 members with a long name (阿卜杜热合曼·买买提) and a
4-character one (欧阳明远), five-digit amounts with decimals, dates and receipt numbers where lines end.
Used by tests/documents/test_paper_rules.py, and to look at every printout as images:

    .venv/bin/python -c "import sys; sys.path.insert(0, 'tests'); from support import paper_branch; \\
        paper_branch.write_all(__import__('pathlib').Path('/tmp/paper'))"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from dangjian_desktop.documents import dues_reports
from dangjian_desktop.documents import flowing_directory as directory
from dangjian_desktop.documents import meetings_minutes as meeting_minutes
from dangjian_desktop.documents import notices_pdf as notice_pdf
from dangjian_desktop.documents import posts_board as post_board
from dangjian_desktop.domain import notice_texts as texts
from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.notices import NoticeContent
from dangjian_desktop.domain.posts import BoardContent, BoardMember, BoardPost, DutyCard

BRANCH = "中共东岭村支部委员会"
SHORT_BRANCH = "东岭村党支部"
LONG_NAME = "阿卜杜热合曼·买买提"
NAMES = (
    "王建国", "李秀英", "张德福", "刘桂兰", "陈志强", "杨玉梅", "赵国庆", "黄海涛", "周春花", "吴明亮",
    "徐立新", "孙振华", "马红霞", "朱文斌", "胡建华", "郭丽娟", "何志刚", "高文斌", "林卫东", "罗秀珍",
    "郑丽娟", "梁春生", "谢明亮", "宋德胜", "唐志刚", "韩雪梅", "冯玉兰", "邓小平安", "欧阳明远", "曹金凤",
    LONG_NAME,
)  # fmt: skip
GROUPS = ("第一党小组", "第二党小组", "第三党小组")
CODE = "7K3M9QXA"
PHONE = "0531-87876543"
PROTECTED = (
    "11206.80元", "10,471.90", "2026/10/12", "KC2026-018", "2026.01—2026.03", "2025—2026年度", PHONE,
    "2,880.00", "1,000.00", "9,471.90",
)  # fmt: skip


def notice_content(
    type_code: str,
    generated: texts.GeneratedText,
    *,
    number: str,
    issuer: str = BRANCH,
    issued_on: dt.date = dt.date(2026, 12, 7),
    phones: tuple[str, ...] = (f"村党支部 {PHONE}",),
) -> NoticeContent:
    """A notice of ``type_code`` with its standard period from ``issued_on``."""
    kind = rules.notice_type(type_code)
    return NoticeContent(
        type=type_code,
        number=number,
        title=generated.title,
        body=generated.body,
        issuer=issuer,
        issued_on=issued_on,
        period_from=issued_on,
        period_to=rules.period_end(issued_on, kind.default_days, working_days=kind.working_days),
        period_days=kind.default_days,
        working_days=kind.working_days,
        addressee=generated.addressee,
        phones=phones,
        layout=rules.CURRENT_LAYOUT,  # as a notice drafted now
    )


def _notice(type_code: str, generated: texts.GeneratedText, number: int) -> NoticeContent:
    return notice_content(type_code, generated, number=rules.format_notice_number(2026, number))


def notices() -> dict[str, NoticeContent]:
    steps = [
        texts.StepLine("村党组织提议", "村党组织会议", dt.date(2026, 2, 10), 5, 5, 5, 0, 0),
        texts.StepLine("村“两委”会议商议", "村“两委”联席会议", dt.date(2026, 2, 15), 9, 8, 8, 0, 0),
        texts.StepLine("党员大会审议", "党员大会", dt.date(2026, 2, 20), 31, 27, 25, 1, 1),
        texts.StepLine("村民代表会议或村民会议决议", "村民代表会议", dt.date(2026, 2, 25), 40, 30, 28, 1, 1),
    ]
    dues_lines = [
        texts.DuesLine(name, 12, Decimal("240.00") if i % 3 else Decimal("2880.00"))
        for i, name in enumerate(NAMES)
    ]
    long_free = (
        "经村党支部委员会研究，现将2026年度党费收缴和使用情况公示如下：全年应交党费11206.80元，"
        "实际收缴10,471.90元，其中黄海涛同志自愿多交1,000.00元。2026年10月12日向镇党委上缴党费，"
        "收据号KC2026-018，上缴日期2026/10/12。交纳期间2026.01—2026.03的党费已全部收齐。\n"
        f"表扬{LONG_NAME}、欧阳明远、孙振华、谢明亮、宋德胜、林卫东等同志在2025—2026年度按时足额交纳党费。"
        "对公示内容如有异议，请在公示期内向村党支部反映，监督电话0531-87876543，也可以直接到村党群服务"
        "中心当面反映，我们将认真核实并及时答复。\n"
        "一、收缴情况\n（一）按月交纳\n（二）流动党员。全体党员按月交纳党费，流动党员可以委托家人代交，也可以在外出地党组织"
        "交纳，凭收据回村登记。"
    ) * 2
    return {
        "dues": _notice("dues", texts.dues_text(
            BRANCH, (2026, 1), (2026, 12), dues_lines, Decimal("9471.90"), Decimal("8309.30")), 5),
        "posts": _notice("posts", texts.posts_text(BRANCH, "2026年度", [
            texts.PostLine(f"岗位{i}", ("宣传党的路线方针政策", "向群众讲解惠农政策"), NAMES[i * 3:i * 3 + 3])
            for i in range(9)
        ]), 6),
        "evaluation": _notice("evaluation", texts.evaluation_text(
            BRANCH, 2025, [(n, "优秀" if i < 7 else "合格") for i, n in enumerate(NAMES)],
            ("优秀", "合格", "基本合格", "不合格")), 7),
        "meetings": _notice("meetings", texts.meetings_text(BRANCH, 2025, [
            texts.MeetingLine(dt.date(2025, m, 5), "支部党员大会", "学习党章", 31, 27) for m in range(1, 8)
        ]), 8),
        "resolution": _notice("resolution", texts.resolution_text(
            "村内主干道硬化及路灯安装工程", "对村内主干道1.2公里进行硬化并安装路灯42盏，预算30.5万元。", steps), 1),
        "result": _notice("result", texts.result_text(
            "村内主干道硬化及路灯安装工程", "党务公开〔2026〕1号", dt.date(2026, 5, 1),
            "已完工，经验收合格，实际支出14.32万元，结余资金16.18万元。"), 9),
        "free": _notice("free", texts.GeneratedText("关于2026年度党费收缴情况的公示", long_free), 4),
        "short": _notice("free", texts.GeneratedText("关于召开全体党员大会的通知",
                                                     "经村党支部研究，定于2026年12月10日召开全体党员大会。"), 3),
    }  # fmt: skip


def minutes() -> meeting_minutes.MinutesContent:
    absent = ((LONG_NAME, "外出"), ("孙振华", "外出"), ("谢明亮", "请假"), ("宋德胜", "病假"))
    present = tuple(n for n in NAMES if n not in {a for a, _r in absent})
    return meeting_minutes.MinutesContent(
        branch_name=SHORT_BRANCH, kind="支部党员大会", when="2026年1月10日 上午9:00", place="村党群服务中心",
        presenter="王建国", recorder="李秀英", topic="审议2026年度党费收缴情况，学习党章第一章",
        minutes=("一、王建国同志通报2026年度党费收缴情况：全年应交党费11206.80元，实际收缴10,471.90元，"
                 "收据号KC2026-018，上缴日期2026/10/12。\n" * 3)
        + f"二、表扬{LONG_NAME}、欧阳明远等同志在2025—2026年度按时交纳党费。\n" * 6,
        expected=len(NAMES), present_names=present, absent=absent,
    )  # fmt: skip


def evaluation() -> meeting_minutes.EvaluationContent:
    return meeting_minutes.EvaluationContent(
        branch_name=SHORT_BRANCH, year=2025, grades=("优秀", "合格", "基本合格", "不合格"),
        rows=tuple(meeting_minutes.EvaluationLine(n, GROUPS[i % 3], (5, 24, 2, 0), "合格")
                   for i, n in enumerate(NAMES)),
    )  # fmt: skip


def reports() -> list[dues_reports.ReportTable]:
    months = tuple(f"{m}月" for m in range(1, 13))
    year_rows = tuple(
        (name, GROUPS[i % 3], Decimal("20.00"), *(Decimal("20.00") for _m in months), Decimal("0.00"),
         Decimal("240.00")) for i, name in enumerate(NAMES)
    )  # fmt: skip
    year = dues_reports.ReportTable(
        title="2026年度党费交纳明细表", meta=(SHORT_BRANCH, "2026年1月至12月", "单位：元"),
        header=("姓名", "党小组", "月交纳标准", *months, "自愿多交", "全年合计"),
        rows=year_rows, totals=("合计", "", "", *("" for _m in months), Decimal("1000.00"), Decimal("10471.90")),
        weights=(2.4, 2.2, 1.6, *(1.0 for _m in months), 1.4, 1.9), landscape=True,
        signatures=("制表人", "书记"), made_on=dt.date(2026, 12, 7),
    )  # fmt: skip
    month = dues_reports.ReportTable(
        title="2026年12月党费收缴情况表", meta=(SHORT_BRANCH, "已交31人，未交0人"),
        header=("序号", "姓名", "党小组", "应交金额", "实交金额", "交纳日期", "收据编号", "备注"),
        rows=tuple((i + 1, n, GROUPS[i % 3], Decimal("20.00"), Decimal("20.00"), "2026/12/3",
                    f"KC2026-{i + 1:03d}", "按月交纳") for i, n in enumerate(NAMES)),
        totals=("合计", "", "", Decimal("620.00"), Decimal("620.00"), "", "", ""),
        weights=(0.8, 2.6, 1.8, 1.5, 1.5, 1.7, 1.9, 1.6), signatures=("制表人", "书记"),
        made_on=dt.date(2026, 12, 7),
    )  # fmt: skip
    handups = dues_reports.ReportTable(
        title="2026年度党费上缴登记表", meta=(SHORT_BRANCH,),
        header=("上缴日期", "所属期间", "金额", "接收单位", "收据编号"),
        rows=tuple((f"2026/{m}/12", "2026年1月至2026年3月（共3个月）", Decimal("11206.80"), "中共孔村镇委员会",
                    f"KC2026-0{m}8") for m in range(10, 13)),
        totals=("合计", "", Decimal("33620.40"), "", ""), weights=(1.2, 2.0, 1.2, 2.0, 1.4),
        notes=("已上缴党费合计33,620.40元；支部结存2,162.60元。",), signatures=("制表人", "书记"),
    )  # fmt: skip
    return [year, month, handups]


def board() -> BoardContent:
    posts = tuple(
        BoardPost(name, ("宣传党的路线方针政策，讲解惠农政策2026/10/12", "每月走访群众不少于4户"),
                  tuple(BoardMember(n, "带头宣讲政策，每月走访群众，帮助解决实际困难。") for n in NAMES[i * 2:i * 2 + 2]))
        for i, name in enumerate(("政策法规宣传岗", "党务村务监督岗", "环境卫生监督岗", "矛盾纠纷调解岗",
                                  "帮扶困难群众岗", "平安建设巡逻岗", "乡风文明倡导岗", "产业发展服务岗",
                                  "民族团结联络岗"))
    )  # fmt: skip
    posts = (*posts[:-1], replace(posts[-1], members=(BoardMember(LONG_NAME, "做好民族团结工作。"),)))
    return BoardContent(
        branch=BRANCH,
        term="2026年度",
        posts=posts,
        issued_on=dt.date(2026, 12, 7),
        notice_days=7,
        supervision_phone=PHONE,
        township="中共孔村镇委员会",
    )


def duty_cards() -> list[DutyCard]:
    return [
        DutyCard(post.members[0].name, post.name, post.duties, post.members[0].commitment, BRANCH, "2026年度")
        for post in board().posts
    ]


def directory_entries() -> list[directory.DirectoryEntry]:
    return [
        directory.DirectoryEntry(
            "江苏省苏州市", name, "男", "13905312468", "江苏省苏州市昆山市周市镇", "周市镇星光路18号",
            "电子厂工人", dt.date(2025, 2, 20), f"LD2026-0{i}", "中共星光电子厂支部委员会", "王红 0512-57651234",
            "李红梅", dt.date(2026, 10, 12),
        )
        for i, name in enumerate((LONG_NAME, "孙振华", "欧阳明远"), start=1)
    ]  # fmt: skip


def documents(tmp: Path) -> dict[str, bytes]:
    """Every printout kind as PDF bytes (the activity book comes from the services, see the test)."""
    out: dict[str, bytes] = {}
    for key, content in notices().items():
        out[f"notice-{key}"] = notice_pdf.notice_pdf_bytes(content, CODE)
    out["notice-free-a3"] = notice_pdf.notice_pdf_bytes(notices()["free"], CODE, "a3")
    out["minutes"] = meeting_minutes.minutes_pdf(minutes())
    out["evaluation"] = meeting_minutes.evaluation_pdf(evaluation())
    for report in reports():
        path = tmp / f"{report.title}.pdf"
        dues_reports.write_pdf([report], path)
        out[f"dues-{report.title}"] = path.read_bytes()
    out["board-a4"] = post_board.board_pdf_bytes(board(), "a4")
    out["board-a3"] = post_board.board_pdf_bytes(board(), "a3")
    out["duty-cards"] = post_board.duty_cards_pdf_bytes(duty_cards())
    path = tmp / "directory.pdf"
    directory.render_pdf(directory_entries(), path, branch_name=SHORT_BRANCH, as_of=dt.date(2026, 12, 7))
    out["directory"] = path.read_bytes()
    return out


def write_all(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in documents(folder).items():
        (folder / f"{name}.pdf").write_bytes(data)
