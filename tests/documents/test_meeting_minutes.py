"""The printed 会议记录 and the 民主评议 results, read back with pypdf: their words, names and reasons,
blank lines to write the minutes by hand, page numbers on long records, same bytes on a reprint, and every
font embedded."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from dangjian_desktop.documents.meetings_minutes import (
    EvaluationContent,
    EvaluationLine,
    MinutesContent,
    evaluation_pdf,
    minutes_pdf,
)
from dangjian_desktop.i18n import set_language

BRANCH = "中共前进村支部委员会"


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def content(**changes) -> MinutesContent:
    values = {
        "branch_name": BRANCH,
        "kind": "支部党员大会",
        "when": "2025年3月5日 09:00",
        "place": "村党群服务中心",
        "presenter": "张建国",
        "recorder": "李秀英",
        "topic": "学习贯彻党的二十届三中全会精神",
        "minutes": "一、支部书记传达全会精神。\n二、党员讨论。\n三、会议决定：每月开展一次集中学习。",
        "expected": 5,
        "present_names": ("张建国", "李秀英", "孙立新"),
        "absent": (("王德福", "请假：生病住院"), ("赵春梅", "外出")),
    }
    values.update(changes)
    return MinutesContent(**values)


def text_of(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squeeze(text: str) -> str:
    return "".join(text.split())


def _fonts(reader: PdfReader) -> list:
    found = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            found.append(ref.get_object())
    return found


def test_the_meeting_record_says_everything_on_one_a4_page():
    data = minutes_pdf(content())
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    text = squeeze(text_of(data)[0])
    for expected in (
        BRANCH,
        "会议记录",
        "会议类型",
        "支部党员大会",
        "2025年3月5日09:00",
        "村党群服务中心",
        "主持人",
        "张建国",
        "记录人",
        "李秀英",
        "应到人数",
        "5人",
        "实到人数",
        "3人",
        "缺席人数",
        "2人",
        "张建国、李秀英、孙立新",
        "王德福（请假：生病住院）",
        "赵春梅（外出）",
        "学习贯彻党的二十届三中全会精神",
        "三、会议决定：每月开展一次集中学习。",
        "主持人（签字）：",
        "记录人（签字）：",
    ):
        assert squeeze(expected) in text, expected
    assert "—1—" not in text  # one page: no page number


def test_without_minutes_there_are_lines_to_write_on_and_nobody_absent_says_so():
    data = minutes_pdf(content(minutes="", absent=(), expected=3))
    text = squeeze(text_of(data)[0])
    assert "会议内容（纪要）" in text and "缺席人员及原因无" in text
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1  # the lines fill the page down to the signatures, not beyond
    drawing = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert drawing.count(" l S") >= 10  # the ruled lines
    assert "记录人（签字）" in text


def test_long_minutes_continue_on_numbered_pages():
    long_minutes = "\n".join(
        f"{n}、党员发言，谈学习体会和今后打算，结合村里实际提出意见建议。" * 2 for n in range(1, 40)
    )
    data = minutes_pdf(content(minutes=long_minutes))
    pages = text_of(data)
    assert len(pages) >= 2
    assert "会议记录（续）" in squeeze(pages[1])
    assert "—1—" in squeeze(pages[0]) and "—2—" in squeeze(pages[1])
    assert "记录人（签字）" in squeeze(pages[-1])


def test_a_reprint_gives_the_same_bytes():
    assert minutes_pdf(content()) == minutes_pdf(content())


def test_every_font_is_embedded(tmp_path):
    data = minutes_pdf(content())
    fonts = _fonts(PdfReader(io.BytesIO(data)))
    assert fonts
    for font in fonts:
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font
    if shutil.which("pdffonts"):
        path = tmp_path / "record.pdf"
        path.write_bytes(data)
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), listing  # the "emb" column


def evaluation(count: int) -> EvaluationContent:
    grades = ("优秀", "合格", "基本合格", "不合格")
    rows = tuple(
        EvaluationLine(f"党员{n:02d}", "第一党小组" if n % 2 else "第二党小组", (9, 3, 1, 0), grades[n % 2])
        for n in range(1, count + 1)
    )
    return EvaluationContent(BRANCH, 2025, grades, rows)


def test_the_evaluation_results_table():
    data = evaluation_pdf(evaluation(5))
    pages = text_of(data)
    assert len(pages) == 1
    text = squeeze(pages[0])
    for expected in ("2025年度民主评议党员结果", "序号", "姓名", "党小组", "优秀票", "基本合格票", "评定等次",
                     "党员01", "参加评议党员5人", "优秀2人", "合格3人", f"{BRANCH}（盖章）", "年月日"):  # fmt: skip
        assert expected in text, expected
    assert "身份证" not in text and "电话" not in text  # decisions.md #13
    for font in _fonts(PdfReader(io.BytesIO(data))):
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_a_long_evaluation_never_leaves_the_seal_alone_on_a_page():
    for count in range(15, 60, 3):
        pages = text_of(evaluation_pdf(evaluation(count)))
        last = squeeze(pages[-1])
        assert f"{BRANCH}（盖章）" in last
        assert "参加评议党员" in last, count  # the count goes with the seal
        if len(pages) > 1:
            assert "（续）" in last


def test_a_long_list_of_absences_stays_inside_its_cell():
    """Closing punctuation may not start a line; in a ruled cell it must not hang over the border either:
    the character before it goes down to the next line with it."""
    from dangjian_desktop.documents.layout import text_width
    from dangjian_desktop.documents.meetings_minutes import MARGINS, PAGE_WIDTH

    names = ["黎军", "潘秀", "汤勇勇", "覃林海", "解浩霞", "周德", "孙伟俊", "赵水", "罗斌", "何红", "郑斌建"]
    absent = tuple(
        (name, "请假：生病住院" if n == 0 else "其他" if n == 1 else "外出") for n, name in enumerate(names)
    )
    data = minutes_pdf(content(absent=absent, expected=20))
    right_border = PAGE_WIDTH - MARGINS["right"]
    sticking_out = []

    def visit(text, _cm, tm, _font, size):  # noqa: ANN001
        if text.strip() and tm[4] + text_width(text, tm[0] * (size or 1)) > right_border + 0.5:
            sticking_out.append(text)

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    assert not sticking_out
