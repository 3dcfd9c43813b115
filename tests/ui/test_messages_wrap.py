"""Message boxes never break a check code, a phone or a date across lines (2X3R-↵C7H9 was seen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from dangjian_desktop.ui import messages

TEXT = (
    "确定发布吗？发布以后正文不能再改，编号 党务公开〔2026〕第3号，核验码 2X3R-C7H9，"
    "监督电话 0531-8765432，公示期到 2026-12-14 为止。"
)
WHOLE = ("2X3R-C7H9", "0531-8765432", "2026-12-14")


def _lines(html: str, width: int) -> list[str]:
    document = QTextDocument()
    document.setDefaultFont(QApplication.font())
    document.setHtml(html)
    document.setTextWidth(width)
    document.documentLayout().documentSize()  # lays the text out
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            text = block.text()[line.textStart() : line.textStart() + line.textLength()]
            lines.append(text.replace("\u2060", ""))  # the invisible word joiners
        block = block.next()
    return lines


@pytest.mark.parametrize("width", range(120, 420, 7))
def test_codes_phones_and_dates_stay_whole_at_any_width(qapp, width):
    lines = _lines(messages.message_html(TEXT), width)
    assert "".join(lines) == TEXT
    for line in lines:
        for whole in WHOLE:
            for cut in range(1, len(whole)):
                assert not line.endswith(whole[:cut]) or line.endswith(whole) or whole[:cut] == line, line


def test_plain_text_without_codes_breaks_as_before_and_is_escaped():
    assert messages.message_html("a < b\n第二行") == "a &lt; b<br>第二行"


def test_a_real_box_shows_the_text_as_written(qtbot):
    seen: list[str] = []

    def read_box() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        document = QTextDocument()
        document.setHtml(box.text())
        seen.append(document.toPlainText().replace("\u2060", ""))
        box.accept()

    QTimer.singleShot(100, read_box)
    messages.info(None, TEXT)
    assert seen == [TEXT]
