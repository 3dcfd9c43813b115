"""The township report on the township's PostgreSQL server (issue 18): the township login gets every
branch's figures (row-level security gives it every branch, read only), a village login is refused in
words, and ``dangjian --database URL report township`` writes the file for the township's account."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from tests.support.cli import run

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues, township
from dangjian_desktop.services.members import add_member
from dangjian_desktop.services.township import TownshipOnly
from dangjian_desktop.services.workspace import open_workspace

from ..conftest import make_id_number

TODAY = dt.date(2026, 7, 20)


@pytest.fixture
def villages(township_db, tmp_path):
    """Village A with two members (one paid January to June), village B with one (nothing paid)."""
    for login, people in (("village_a", ("张建国", "李秀英")), ("village_b", ("王德福",))):
        workspace = open_workspace(tmp_path / login, database_url=township_db.url_for(login))
        try:
            for n, name in enumerate(people, start=1):
                member = add_member(
                    workspace,
                    {"name": name, "id_number": make_id_number(sequence=n), "joined_date": "1990-05-01"},
                )
                dues.declare_standard(workspace, member.id, year=2026, category="farmer")
                if n == 1 and login == "village_a":
                    dues.record_payment(
                        workspace,
                        member.id,
                        Month(2026, 1),
                        Month(2026, 6),
                        "3.00",
                        paid_on=dt.date(2026, 6, 1),
                        today=TODAY,
                    )
        finally:
            workspace.close()
    return township_db


def test_the_township_login_gets_every_branch(villages, tmp_path):
    workspace = open_workspace(tmp_path / "township", database_url=villages.url_for("township"))
    try:
        assert workspace.is_township
        report = township.township_report(workspace, 2026, today=TODAY)
    finally:
        workspace.close()
    rows = {row.branch: row for row in report.members.rows}
    assert set(rows) == {"中共前进村支部委员会", "中共红旗村支部委员会"}
    assert rows["中共前进村支部委员会"].total == 2 and rows["中共红旗村支部委员会"].total == 1
    money = {row.branch: row for row in report.dues.rows}
    assert money["中共前进村支部委员会"].collected == Decimal("3.00")
    assert money["中共前进村支部委员会"].arrears == Decimal("3.00")  # 李秀英: January to June at 0.50
    assert money["中共红旗村支部委员会"].debtors == 1


def test_a_village_login_is_refused(villages, tmp_path):
    workspace = open_workspace(tmp_path / "a", database_url=villages.url_for("village_a"))
    try:
        with pytest.raises(TownshipOnly):
            township.township_report(workspace, 2026, today=TODAY)
    finally:
        workspace.close()


def test_the_command_writes_the_report_for_the_township(villages, tmp_path, capsys):
    target = tmp_path / "汇总.xlsx"
    url = villages.url_for("township")
    code, _out, err = run(
        capsys,
        "--data-dir",
        tmp_path / "t",
        "--database",
        url,
        "report",
        "township",
        "--year",
        2026,
        "--out",
        target,
    )
    assert (code, err) == (0, "")
    assert "各支部党员结构" in load_workbook(target).sheetnames
    code, _out, err = run(
        capsys, "--data-dir", tmp_path / "v", "--database", villages.url_for("village_b"),
        "report", "township", "--year", 2026, "--out", tmp_path / "b.xlsx",
    )  # fmt: skip
    assert code == 2 and "只有乡镇党委的账号能看全乡镇的汇总" in err
