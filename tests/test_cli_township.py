"""``dangjian report township --year YYYY --out FILE.xlsx|FILE.pdf``: a township login writes either
file; a village login (the single PC's data folder is one) is refused in words with exit code 2."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.support.cli import run
from tests.support.township import NAMES, act_as_township, build_township

# several branches in one SQLite file (no row-level security there); on the server: tests/server/test_township_report.py
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def folder(workspace) -> str:
    build_township(workspace)
    path = str(workspace.folder)
    workspace.close()
    return path


def test_a_township_login_writes_the_workbook_and_the_pdf(folder, tmp_path, capsys, monkeypatch):
    act_as_township(monkeypatch)
    workbook, pdf = tmp_path / "汇总.xlsx", tmp_path / "汇总.pdf"
    code, out, err = run(
        capsys, "--data-dir", folder, "report", "township", "--year", 2026, "--out", workbook
    )
    assert (code, err) == (0, "") and str(workbook) in out
    assert "各支部党费收缴情况" in load_workbook(workbook).sheetnames
    code, out, err = run(capsys, "--data-dir", folder, "report", "township", "--year", 2026, "--out", pdf)
    assert (code, err) == (0, "")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace(" ", "")
    assert all(name in text for name in NAMES)


def test_a_village_login_is_refused(folder, tmp_path, capsys):
    target = tmp_path / "汇总.xlsx"
    code, _out, err = run(capsys, "--data-dir", folder, "report", "township", "--year", 2026, "--out", target)
    assert code == 2 and "只有乡镇党委的账号能看全乡镇的汇总" in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--year", "26", "--out", "a.xlsx"], "2025"),
        (["--year", "2026", "--out", "a.docx"], ".xlsx"),
    ],
)
def test_a_bad_year_or_file_is_input_to_fix(folder, capsys, arguments, said):
    code, _out, err = run(capsys, "--data-dir", folder, "report", "township", *arguments)
    assert code == 1 and said in err
