"""Sheets that are too big or broken get a sentence, never an abort (reliability.md D4, D18, §3.5): a value
in the far corner of a sheet, an .ods that reaches too far, a damaged sheet, a file above the size
limit. The far-corner case runs in a process of its own: before the fix it killed the process."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from dangjian_desktop.services import sheet_extent
from dangjian_desktop.services.members import roster_file
from dangjian_desktop.services.members.roster_import import SheetUnreadable, read_roster_file
from dangjian_desktop.services.sheet_extent import column_letters, sheet_extents

ID = "370102197001010010"


def workbook(path: Path, far: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["姓名", "公民身份号码"])
    sheet.append(["张建国", ID])
    if far:
        sheet[far] = "x"
    book.save(path)
    return path


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"""


def ods(path: Path, empty_rows: int, empty_columns: int) -> Path:
    """A hand-made .ods: the roster, then ``empty_rows`` repeated empty rows and a value after
    ``empty_columns`` repeated empty cells (as LibreOffice writes a far cell)."""
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="花名册">
<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>公民身份号码</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>张建国</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>{ID}</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="{empty_rows}"><table:table-cell table:number-columns-repeated="2"/>
</table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="{empty_columns}"/>
<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content.replace(">\n<", "><"))  # calamine wants no text in rows
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def run_import(data: Path, sheet: Path) -> subprocess.CompletedProcess[str]:
    command = "from dangjian_desktop.startup import cli; raise SystemExit(cli())"
    return subprocess.run(
        [
            sys.executable,
            "-c",
            command,
            "--data-dir",
            str(data),
            "members",
            "import",
            str(sheet),
            "--dry-run",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_value_in_xfd1048576_is_reported_not_an_abort(tmp_path):
    data = tmp_path / "data"
    command = "from dangjian_desktop.startup import cli; raise SystemExit(cli())"
    subprocess.run(
        [sys.executable, "-c", command, "--data-dir", str(data), "init", "--branch", "前进村党支部"],
        check=True,
    )
    done = run_import(data, workbook(tmp_path / "far.xlsx", "XFD1048576"))
    assert done.returncode == 2, done.stderr
    assert "表格第 1048576 行、第 XFD 列有内容，超出了花名册的范围" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "memory allocation" not in done.stderr


@pytest.mark.parametrize(("cell", "row", "column"), [("A1048576", 1048576, "A"), ("ZZ100000", 100000, "ZZ")])
def test_far_cells_are_refused_before_the_sheet_is_loaded(tmp_path, cell, row, column):
    with pytest.raises(SheetUnreadable) as refused:
        read_roster_file(workbook(tmp_path / "far.xlsx", cell))
    assert f"表格第 {row} 行、第 {column} 列有内容，超出了花名册的范围" in refused.value.message
    assert "花名册" in refused.value.message and "far.xlsx" in refused.value.message


def test_a_roster_within_the_limits_is_read(tmp_path):
    preview = read_roster_file(workbook(tmp_path / "ok.xlsx", "GR2"))  # column 200, the last allowed
    assert len(preview.good) == 1 and preview.good[0][1].name == "张建国"


def test_the_extent_counts_only_cells_holding_something(tmp_path):
    path = workbook(tmp_path / "styled.xlsx")
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名"])
    sheet["XFD1048576"].number_format = "0.00"  # formatting only: written as an empty <c .../>
    book.save(path)
    extent = sheet_extents(path).sheets["Sheet"]
    assert (extent.rows, extent.columns, extent.too_big) == (1, 1, False)
    assert [column_letters(n) for n in (1, 26, 27, 200, 16384)] == ["A", "Z", "AA", "GR", "XFD"]


def test_an_ods_reaching_too_far_is_refused_and_a_small_one_read(tmp_path):
    with pytest.raises(SheetUnreadable) as refused:
        read_roster_file(ods(tmp_path / "far.ods", 1048572, 16383))
    assert "表格第 1048575 行、第 XFD 列有内容，超出了花名册的范围" in refused.value.message
    preview = read_roster_file(ods(tmp_path / "small.ods", 3, 3))
    assert [data.name for _row, data in preview.good] == ["张建国"]


def test_a_damaged_sheet_is_called_damaged_not_empty(tmp_path):
    good = workbook(tmp_path / "good.xlsx")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]  # the sheet's XML cut in the middle
            target.writestr(item, data)
    with pytest.raises(SheetUnreadable) as refused:
        read_roster_file(broken)
    assert "已经损坏" in refused.value.message and "没有任何内容" not in refused.value.message


def test_a_file_above_the_size_limit_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(roster_file, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.csv"
    big.write_text("姓名,公民身份号码\n" + f"张建国,{ID}\n" * 100, encoding="utf-8")
    with pytest.raises(SheetUnreadable) as refused:
        read_roster_file(big)
    assert "big.csv" in refused.value.message and "花名册不会这么大" in refused.value.message


def test_a_sheet_with_too_many_cells_in_all_is_refused_in_words(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_extent, "MAX_CELLS", 10)  # the real limit is 3.5 million cells
    path = tmp_path / "wide.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "公民身份号码", "备注", "电话"])
    sheet.append(["张建国", ID, "有", ""])
    sheet.append(["李秀英", "", "", ""])
    book.save(path)  # 3 rows × 4 columns = 12 cells
    with pytest.raises(SheetUnreadable) as refused:
        read_roster_file(path)
    assert "太大了" in refused.value.message and "第 3 行、第 D 列" in refused.value.message
