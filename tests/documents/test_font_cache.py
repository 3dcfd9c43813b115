"""The font cache (documents/font_cache.py): a face rebuilt from it prints exactly what a parsed face does.

Each print runs in its own process, as ``dangjian notice print`` / ``dangjian book`` do: in one process
reportlab's font registry would hide whether the face came from the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parents[1]

PRINT_BOTH = r"""
import datetime as dt, json, sys
from reportlab.pdfbase import ttfonts
parsed = []
original = ttfonts.TTFontFile.extractInfo
def counting(self, *args, **kwargs):
    parsed.append(self.filename)
    return original(self, *args, **kwargs)
ttfonts.TTFontFile.extractInfo = counting

from dangjian_desktop.documents import flowing_book as activity_book
from dangjian_desktop.documents.notices_pdf import notice_pdf_bytes
from dangjian_desktop.domain import notice_texts as texts
from support.paper_branch import notice_content

generated = texts.GeneratedText(
    "关于召开全体党员大会的通知",
    "经村党支部研究，定于2026年3月10日召开全体党员大会。\n（一）学习党章，喆㛃同志发言。\n请全体党员准时参加。",
)
notice = notice_content("free", generated, number="党务公开〔2026〕3号")
book = activity_book.BookContent(
    title="流动党员活动证", number="2026-001", issue_date=dt.date(2026, 3, 2), branch_name="中共前进村支部委员会",
    member_name="张建国", qr_text="DJ:2026-001", since=dt.date(2025, 5, 1), reason="外出务工",
    destination="浙江省杭州市", workplace="某某电子厂", phone="13800000000",
    org_life=(), contacts=(activity_book.ContactLine(dt.date(2026, 1, 5), "电话", "了解近况"),),
)
out = sys.argv[1]
with open(out + "-notice.pdf", "wb") as f:
    f.write(notice_pdf_bytes(notice, "7K3M9QXA"))
with open(out + "-book.pdf", "wb") as f:
    f.write(activity_book.book_pdf_bytes(book))
print(json.dumps(parsed))
"""


def _print_both(tmp_path: Path, name: str, cache: Path) -> tuple[bytes, bytes, list[str]]:
    env = {**os.environ, "DANGJIAN_CACHE_DIR": str(cache), "PYTHONPATH": str(TESTS_DIR)}
    out = tmp_path / name
    done = subprocess.run(
        [sys.executable, "-c", PRINT_BOTH, str(out)], env=env, capture_output=True, text=True, check=True
    )
    parsed = json.loads(done.stdout.strip().splitlines()[-1])
    return Path(f"{out}-notice.pdf").read_bytes(), Path(f"{out}-book.pdf").read_bytes(), parsed


def test_prints_from_a_warm_cache_are_byte_identical_to_parsed_ones(tmp_path):
    cache = tmp_path / "cache"
    cold_notice, cold_book, cold_parsed = _print_both(tmp_path, "cold", cache)
    assert len(cold_parsed) >= 4  # noqa: PLR2004 - the notice's faces were parsed, and stored
    assert len(list(cache.glob("*.face"))) == len(set(cold_parsed))
    warm_notice, warm_book, warm_parsed = _print_both(tmp_path, "warm", cache)
    assert warm_parsed == []  # every face came from the cache
    assert warm_notice == cold_notice
    assert warm_book == cold_book
    # and both the same as a print with no cache at all (an unwritable cache directory)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a directory")
    none_notice, none_book, none_parsed = _print_both(tmp_path, "none", blocked)
    assert sorted(none_parsed) == sorted(cold_parsed)
    assert (none_notice, none_book) == (cold_notice, cold_book)


def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path):
    cache = tmp_path / "cache"
    cold_notice, cold_book, cold_parsed = _print_both(tmp_path, "cold", cache)
    files = sorted(cache.glob("*.face"))
    files[0].write_bytes(b"\x00not a face")
    files[1].write_bytes(files[1].read_bytes()[:100])  # cut short, as by a crash (writes are atomic)
    again_notice, again_book, again_parsed = _print_both(tmp_path, "again", cache)
    assert len(again_parsed) == 2  # noqa: PLR2004 - only the two damaged faces were parsed again
    assert (again_notice, again_book) == (cold_notice, cold_book)
    warm_notice, warm_book, warm_parsed = _print_both(tmp_path, "warm", cache)
    assert warm_parsed == []  # the damaged files were rewritten
    assert (warm_notice, warm_book) == (cold_notice, cold_book)


def test_a_rebuilt_face_holds_what_reportlab_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(tmp_path))
    from dangjian_desktop.documents import font_cache, fonts
    from dangjian_desktop.paths import resource_path

    for name in (fonts.SANS, fonts.KAI):  # unitsPerEm 1000 and 1024
        path = resource_path("fonts", fonts._FILES[name])  # noqa: SLF001
        parsed = font_cache.load_font(name, path)  # parsed, stored
        rebuilt = font_cache.load_font(name, path)  # from the cache
        assert rebuilt is not parsed
        assert type(rebuilt.face) is type(parsed.face)
        assert rebuilt.face.__dict__.keys() == parsed.face.__dict__.keys()
        for key, value in parsed.face.__dict__.items():
            if key != "_pdfScale":
                assert getattr(rebuilt.face, key) == value, key
                assert type(getattr(rebuilt.face, key)) is type(value), key
        for v in (0, 1, 7, 880, -121, 2048.5):
            assert rebuilt.face._pdfScale(v) == parsed.face._pdfScale(v)  # noqa: SLF001
        assert rebuilt.face.name.ustr == parsed.face.name.ustr
        assert {k: v for k, v in rebuilt.__dict__.items() if k not in ("face", "state", "encoding")} == {
            k: v for k, v in parsed.__dict__.items() if k not in ("face", "state", "encoding")
        }
        assert rebuilt.stringWidth("党建台账ABC", 12) == parsed.stringWidth("党建台账ABC", 12)
