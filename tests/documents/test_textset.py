"""The one line-breaking engine: what it keeps whole, the 避头尾 rules, pushed-in punctuation, justification
and the faces' fallback for characters a face lacks."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from dangjian_desktop.documents import fonts, textset
from dangjian_desktop.documents.notices_pdf import notice_pdf_bytes

FONT = fonts.FANGSONG


@pytest.mark.parametrize(
    "word",
    ["11206.80元", "10,471.90", "2026/10/12", "0531-87876543", "KC2026-018", "2026.01—2026.03",
     "2025—2026年度", "阿卜杜热合曼·买买提", "2026年", "95%", "No.", "5个工作日"],
)  # fmt: skip
def test_protected_runs_are_one_piece(word):
    assert any(word in piece and len(piece) <= len(word) + 4 for piece in textset.atoms(f"前文{word}后文"))


def test_names_in_a_list_and_given_names_stay_whole():
    pieces = textset.atoms("缺席：孙振华（外出）、欧阳明远、林卫东。出席：宋德胜。表扬黄海涛同志带头交纳")
    for name in ("孙振华", "欧阳明远", "林卫东", "宋德胜", "黄海涛"):
        assert any(name in piece for piece in pieces), name
    assert any("王建国" in p for p in textset.atoms("王建国同志通报情况", keep=["王建国"]))


@pytest.mark.parametrize("width_chars", range(6, 29))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width_chars):
    text = "经研究，现将（2026年度）党费收缴情况公示如下：全年应交党费11206.80元，“已交”10,471.90元。" * 3
    lines = textset.break_lines(text, 16, width_chars * 16, FONT)
    assert "".join(lines) == text
    for line in lines:
        assert line[0] not in textset.CLOSING and line[-1] not in textset.OPENING, lines
        # never past the width by more than a pushed-in mark, and then by at most 8 % of a character a gap
        over = fonts.text_width(line, 16, FONT) - width_chars * 16
        assert over <= min(16, 16 * 0.08 * (len(line) - 1)) + 0.01, line
    for word in ("11206.80元", "10,471.90元", "2026年"):
        assert any(word in line for line in lines), (word, lines)


def test_a_full_line_holds_exactly_as_many_characters_as_fit():
    lines = textset.break_lines("党" * 60, 16, 28 * 16, FONT)
    assert [len(line) for line in lines] == [28, 28, 4]


def test_a_paragraph_does_not_end_with_one_character_alone():
    lines = textset.break_lines("党" * 28 + "下：", 16, 28 * 16, FONT)
    assert len(lines[-1].rstrip("：")) >= 2


def test_pushed_in_punctuation_is_set_tighter_and_a_short_line_is_not_spread():
    line = "党" * 28 + "。"
    assert textset.break_lines(line, 16, 28 * 16, FONT) == [line]  # the full stop is pushed in
    assert textset.line_spacing(line, 16, 28 * 16, FONT) < 0  # tighter, to stay in the type area
    assert textset.line_spacing("党" * 10, 16, 28 * 16, FONT, justify=True) == 0.0  # not spread out
    assert (
        textset.line_spacing("党" * 27, 16, 28 * 16, FONT, justify=True) > 0
    )  # one character's room: spread


def test_columns_widen_for_their_longest_name_within_the_same_total():
    widths = textset.widen_columns([40.0, 100.0, 60.0], [90.0, 50.0, 30.0])
    assert widths[0] == pytest.approx(90.0) and sum(widths) == pytest.approx(200.0)


def test_a_character_the_face_lacks_is_printed_in_the_complete_sans_face():
    rare = "㛃"  # in a name: not in GB 2312
    assert not fonts.covers(fonts.FANGSONG, rare) and fonts.covers(fonts.SANS, rare)
    assert fonts.runs(f"王{rare}同志", fonts.FANGSONG) == [
        (fonts.FANGSONG, "王"), (fonts.SANS, rare), (fonts.FANGSONG, "同志")
    ]  # fmt: skip
    from dangjian_desktop.domain import notice_texts as texts
    from support.paper_branch import CODE, _notice

    content = _notice("free", texts.GeneratedText("关于表扬的通知", f"表扬王{rare}同志。"), 3)
    reader = PdfReader(io.BytesIO(notice_pdf_bytes(content, CODE)))
    assert f"王{rare}同志" in reader.pages[0].extract_text().replace(" ", "")
    names = {
        str(f.get_object()["/BaseFont"]).split("+")[-1]
        for f in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert "NotoSansSC-Regular" in names
