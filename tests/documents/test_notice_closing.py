"""A notice whose text ends where the closing block (issuer, date, seal space, QR code) no longer fits
under it: only the lines the closing needs go over with it (its last two lines, the paragraph with the
supervision phones), not the whole closing paragraphs, so the page before keeps less white at its foot.
Notices frozen before this layout (no "layout" in their JSON) reprint byte for byte as they did."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from dangjian_desktop.documents import notices_pdf as notice_pdf
from dangjian_desktop.domain.notices import CURRENT_LAYOUT, NoticeContent
from support import paper_branch
from support.pdf_lines import lines

CODE = "7K3M9QXA"
MM = 72 / 25.4
LINE = notice_pdf.LINE
TEXT = paper_branch.notices()["free"].body.replace("\n", "")

# A notice frozen before (body ending in the closing zone) and the sha256 of its PDFs as printed by the
# program before this change (mask 3): the closing paragraphs moved to page 2 with the signature.
OLD = replace(paper_branch.notices()["free"], body=TEXT[:305] + "。", layout=1)
OLD_PDF_SHA256 = {
    "a4": "1400359555b790fb31e1b1d1c83df980ec13d756d0eb2444b06d396379e92f13",
    "a3": "a7d4cd30d48a3d2aef87f458108cfb44bd8bd827eca6dd2d6e389bdf7a0e4a77",
}


def _foot_white(data: bytes) -> tuple[int, float, list[str]]:
    """The number of pages, the white under the text of the page before the last (in lines of the grid),
    and the last page's 3号 lines."""
    pages = lines(data)
    body = [
        [line for line in page if 14 < line.size < 18 and not line.text.startswith("—")] for page in pages
    ]
    white = (min(line.baseline for line in body[-2]) - notice_pdf.AREA_BOTTOM) / LINE if len(pages) > 1 else 0
    return len(pages), white, [line.text for line in body[-1]]


def test_an_old_notice_ending_in_the_closing_zone_reprints_byte_identical():
    frozen = NoticeContent.from_json(OLD.to_json())
    assert "layout" not in OLD.to_json() and frozen.layout == 1
    for size, digest in OLD_PDF_SHA256.items():
        assert (
            hashlib.sha256(notice_pdf.notice_pdf_bytes(frozen, CODE, size, qr_mask=3)).hexdigest() == digest
        )


def test_only_the_lines_the_closing_needs_go_over_with_it():
    improved = 0
    for cut in range(270, 400, 7):
        old = replace(OLD, body=TEXT[:cut] + "。")
        new = replace(old, layout=CURRENT_LAYOUT)
        old_pages, old_white, _ = _foot_white(notice_pdf.notice_pdf_bytes(old, CODE, qr_mask=3))
        pages, white, last = _foot_white(notice_pdf.notice_pdf_bytes(new, CODE, qr_mask=3))
        assert pages <= old_pages and white <= old_white + 0.01, cut
        if pages > 1:
            # the signature closes at least two lines of text, and the supervision phones stay with it
            assert len(last) >= 4 and last[-2:] == [new.issuer, "2026年12月7日"], last
            assert any("监督电话" in text for text in last[:-2]), last
        improved += white < old_white - 2.5
    assert improved >= 8  # three lines fewer of white (10.3 → 7.3 at worst): the closing paragraph stays
